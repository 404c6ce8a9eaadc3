import { Form, FormGroup, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { cockpit } from "../../../lib/cockpit.ts";
import { _ } from "../../../lib/i18n.ts";
import { domainPath, renameDomain } from "../../../libvirt/domain-api.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { checkVmName } from "../../../operations/resource-limits.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

export function RenameVmDialog({ vm }: { vm: Vm }) {
    const [name, setName] = useState(vm.name);

    const submit = async (): Promise<void> => {
        const problem = checkVmName(name);
        if (problem) throw invalidInput(problem);
        if (name === vm.name) return;
        await renameDomain(vm.connection, await domainPath(vm), name);
        cockpit.location.replace(["vm", vm.connection, name]);
    };

    return (
        <ActionDialog id="rename-vm-dialog" title={_("Rename virtual machine")} submitLabel={_("Rename")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("New name")} fieldId="rename-vm-name">
                    <TextInput id="rename-vm-name" value={name} onChange={(_e, value) => setName(value)} />
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
