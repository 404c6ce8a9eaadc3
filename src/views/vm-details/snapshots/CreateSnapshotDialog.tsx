// Take a snapshot: a name (one is proposed) and an optional description; says beforehand
// whether a guest agent will quiesce it.
import { Content, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainConfig } from "../../../libvirt/domain-xml.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { consistencyText, quiesceMethod } from "../../../operations/snapshot-quiesce.ts";
import { checkSnapshotName, defaultSnapshotName, describeSnapshotError, type TakenSnapshot, takeSnapshot } from "../../../operations/snapshots.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

interface CreateSnapshotProps {
    vm: Vm;
    /** The live XML: which agent runs in the guest. */
    live: DomainConfig | undefined;
    taken: string[];
    onDone: (taken?: TakenSnapshot) => void;
}

export function CreateSnapshotDialog({ vm, live, taken, onDone }: CreateSnapshotProps) {
    const [name, setName] = useState(() => defaultSnapshotName(new Date(), taken));
    const [description, setDescription] = useState("");
    const problem = checkSnapshotName(name, taken);

    const submit = async (): Promise<void> => {
        if (problem) throw invalidInput(problem);
        let result: TakenSnapshot | undefined;
        try {
            result = await takeSnapshot(vm, name, description);
        } finally {
            onDone(result);
        }
    };

    return (
        <ActionDialog id="create-snapshot-dialog" title={_("Take snapshot")} submitLabel={_("Take snapshot")} onSubmit={submit}
                      describe={describeSnapshotError(_("The snapshot could not be taken"))}>
            <Content component="p" id="create-snapshot-what">
                {isActiveState(vm.state)
                    ? _("The disks and the running guest's memory are saved: reverting to the snapshot resumes the guest where it was. The guest pauses while its memory is written.")
                    : _("The disks and the configuration are saved.")}
            </Content>
            <Content component="p" id="create-snapshot-consistency">
                {consistencyText(quiesceMethod(vm.state === "running", live))}
            </Content>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Name")} fieldId="create-snapshot-name" isRequired>
                    <TextInput id="create-snapshot-name" value={name} onChange={(_e, value) => setName(value)}
                               validated={problem ? "error" : "default"} isRequired />
                    {problem && (
                        <FormHelperText>
                            <HelperText><HelperTextItem variant="error" id="create-snapshot-name-error">{problem}</HelperTextItem></HelperText>
                        </FormHelperText>
                    )}
                </FormGroup>
                <FormGroup label={_("Description")} fieldId="create-snapshot-description">
                    <TextArea id="create-snapshot-description" value={description} onChange={(_e, value) => setDescription(value)} resizeOrientation="vertical" />
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
