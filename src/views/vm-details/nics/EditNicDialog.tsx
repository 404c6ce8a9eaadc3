// Edit a network interface with the Add dialog's fields. A running VM takes the new network or
// bridge and the link at once; the model, the MAC address and macvtap attachments change when
// it next starts (the tab marks the interface until then).
import { Content, Form } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { InterfaceSettings } from "../../../libvirt/interface-edit.ts";
import { changeInterface } from "../../../operations/nic-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { formValuesOf, NicFields, settingsFromForm, useNicSources } from "./NicFields.tsx";

interface EditNicDialogProps {
    vm: Vm;
    /** The interface as it runs (a shut-off VM's: as saved). */
    live: DomainInterface;
    /** The same interface in the saved definition, when it has one. */
    saved: DomainInterface | undefined;
    /** What the form starts from: the saved interface, which may already hold changes for the next start. */
    initial: InterfaceSettings;
    takenMacs: readonly string[];
    onDone: () => void;
}

export function EditNicDialog({ vm, live, saved, initial, takenMacs, onDone }: EditNicDialogProps) {
    const running = isActiveState(vm.state);
    const { networks, hostDevices } = useNicSources(vm.connection);
    const [values, setValues] = useState(() => formValuesOf(initial));

    const submit = async (): Promise<void> => {
        await changeInterface(vm, live, saved, settingsFromForm(values, networks), takenMacs, running);
        onDone();
    };

    return (
        <ActionDialog id="edit-nic-dialog" title={format(_("Edit network interface $0"), live.mac)} submitLabel={_("Save")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                {running && (
                    <Content component="p" id="edit-nic-live-note">
                        {_("The virtual machine is running: a new virtual network or bridge and the link apply now; the model, the MAC address and a direct (macvtap) attachment apply after it shuts down.")}
                    </Content>
                )}
                <NicFields idPrefix="edit-nic" values={values} onChange={setValues} networks={networks} hostDevices={hostDevices} takenMacs={takenMacs} editing />
            </Form>
        </ActionDialog>
    );
}
