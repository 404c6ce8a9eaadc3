// Creates a directory storage pool: defined, its directory made, started, started at boot.
import { Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { createDirPool } from "../../libvirt/storage-pool-api.ts";
import type { DirPoolSpec } from "../../libvirt/storage-pool-xml.ts";
import { poolSync } from "../../state/host-resources.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";

import { normalizePoolPath, type PoolProblem, validateDirPool } from "./pool-defaults.ts";

const PROBLEMS: Record<PoolProblem, string> = {
    name: _("Enter a name."),
    "name-slash": _("A name cannot contain \"/\"."),
    path: _("Enter an absolute path, starting with \"/\"."),
    "path-root": _("Choose a directory other than \"/\"."),
};

export function CreateStoragePoolDialog({ connection, initial, title }: { connection: ConnectionId; initial: DirPoolSpec; title: string }) {
    const [spec, setSpec] = useState(initial);
    const [touched, setTouched] = useState(false);
    const problem = validateDirPool(spec);
    const path = normalizePoolPath(spec.path);
    const rewritten = !problem && path !== spec.path.trim();

    const submit = async (): Promise<void> => {
        setTouched(true);
        if (problem) throw invalidInput(PROBLEMS[problem]);
        const object = await createDirPool(connection, { name: spec.name.trim(), path });
        await poolSync(connection).refresh(object);
    };

    return (
        <ActionDialog id="create-pool-dialog" title={title} submitLabel={_("Create")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <p>{_("A directory on this host that holds disk images. It is started now and whenever the host boots.")}</p>
                <FormGroup label={_("Name")} isRequired fieldId="create-pool-name">
                    <TextInput id="create-pool-name" value={spec.name} onChange={(_e, name) => { setSpec({ ...spec, name }); setTouched(true) }} />
                </FormGroup>
                <FormGroup label={_("Directory")} isRequired fieldId="create-pool-path">
                    <TextInput id="create-pool-path" value={spec.path} onChange={(_e, path) => { setSpec({ ...spec, path }); setTouched(true) }} />
                    <FormHelperText>
                        <HelperText>
                            <HelperTextItem id="create-pool-path-help">
                                {rewritten ? format(_("Made if it does not exist. Saved as $0."), path) : _("Made if it does not exist.")}
                            </HelperTextItem>
                        </HelperText>
                    </FormHelperText>
                </FormGroup>
                {touched && problem && (
                    <HelperText id="create-pool-problem"><HelperTextItem variant="error">{PROBLEMS[problem]}</HelperTextItem></HelperText>
                )}
            </Form>
        </ActionDialog>
    );
}
