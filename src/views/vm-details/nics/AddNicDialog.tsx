// Add a network interface: to a virtual network, a host bridge, or directly to a host device
// (macvtap); model and MAC address (automatic or given) chosen by the user.
import { Checkbox, Form } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { addInterface } from "../../../operations/nic-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { NEW_NIC, NicFields, settingsFromForm, useNicSources } from "./NicFields.tsx";

export function AddNicDialog({ vm, takenMacs, onDone }: { vm: Vm; takenMacs: readonly string[]; onDone: () => void }) {
    const running = isActiveState(vm.state);
    const { networks, hostDevices } = useNicSources(vm.connection);
    const [values, setValues] = useState(NEW_NIC);
    const [keep, setKeep] = useState(true);

    const submit = async (): Promise<void> => {
        await addInterface(vm, settingsFromForm(values, networks), takenMacs, scopeFor(running, vm.persistent, keep));
        onDone();
    };

    return (
        <ActionDialog id="add-nic-dialog" title={format(_("Add a network interface to $0"), vm.name)} submitLabel={_("Add")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <NicFields idPrefix="add-nic" values={values} onChange={setValues} networks={networks} hostDevices={hostDevices} takenMacs={takenMacs} editing={false} />
                {running && vm.persistent && (
                    <Checkbox id="add-nic-permanent" label={_("Keep it after the virtual machine shuts down")} isChecked={keep} onChange={(_e, c) => setKeep(c)} />
                )}
            </Form>
        </ActionDialog>
    );
}
