// Add a network interface: to a virtual network, a host bridge, or directly to a host device
// (macvtap); model and MAC address (automatic or given) chosen by the user.
import { Checkbox, Form } from "@patternfly/react-core";
import { useEffect, useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import { type DirectMode, type InterfaceModel, type InterfaceType, macProblem } from "../../../libvirt/device-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { listHostInterfaces, listNetworks, type NetworkSummary } from "../../../libvirt/nic-sources-api.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { type Choice, SelectField, TextField } from "../disks/form-fields.tsx";

import { addInterface } from "./nic-actions.ts";

const TYPES: Choice[] = [
    { value: "network", label: _("Virtual network") },
    { value: "bridge", label: _("Bridge to a host network") },
    { value: "direct", label: _("Direct attachment (macvtap)") },
];
const MODELS: Choice[] = [
    { value: "virtio", label: _("virtio (fastest, needs a driver in the guest)") },
    { value: "e1000e", label: "e1000e" },
    { value: "rtl8139", label: "rtl8139" },
];
const MODES: Choice[] = ["bridge", "vepa", "private", "passthrough"].map(m => ({ value: m, label: m }));

export function AddNicDialog({ vm, takenMacs, onDone }: { vm: Vm; takenMacs: readonly string[]; onDone: () => void }) {
    const running = isActiveState(vm.state);
    const [type, setType] = useState<InterfaceType>("network");
    const [networks, setNetworks] = useState<NetworkSummary[]>([]);
    const [hostDevices, setHostDevices] = useState<string[]>([]);
    const [network, setNetwork] = useState("");
    const [device, setDevice] = useState("");
    const [mode, setMode] = useState<DirectMode>("bridge");
    const [model, setModel] = useState<InterfaceModel>("virtio");
    const [autoMac, setAutoMac] = useState(true);
    const [mac, setMac] = useState("");
    const [keep, setKeep] = useState(true);

    useEffect(() => {
        let cancelled = false;
        listNetworks(vm.connection).then(found => { if (!cancelled) setNetworks(found) }).catch(() => undefined);
        listHostInterfaces(vm.connection).then(found => { if (!cancelled) setHostDevices(found) }).catch(() => undefined);
        return () => {
            cancelled = true;
        };
    }, [vm.connection]);

    const chosenNetwork = network || (networks.find(n => n.active)?.name ?? networks[0]?.name ?? "");
    const macError = autoMac ? null : macProblem(mac, takenMacs);

    const submit = async (): Promise<void> => {
        const source = type === "network" ? chosenNetwork : device;
        await addInterface(vm, { type, source, mode, model, mac: autoMac ? "" : mac }, takenMacs, scopeFor(running, vm.persistent, keep));
        onDone();
    };

    const networkChoices: Choice[] = networks.map(n => ({ value: n.name, label: n.active ? n.name : format(_("$0 (inactive)"), n.name) }));

    return (
        <ActionDialog id="add-nic-dialog" title={format(_("Add a network interface to $0"), vm.name)} submitLabel={_("Add")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <SelectField id="add-nic-type" label={_("Connect to")} value={type} choices={TYPES} onChange={v => setType(v as InterfaceType)} />
                {type === "network" && (networkChoices.length
                    ? <SelectField id="add-nic-network" label={_("Virtual network")} value={chosenNetwork} choices={networkChoices} onChange={setNetwork} />
                    : <p id="add-nic-no-networks">{_("This host has no virtual networks.")}</p>)}
                {type !== "network" && (
                    <>
                        <TextField id="add-nic-device" label={type === "bridge" ? _("Host bridge") : _("Host device")} value={device} onChange={setDevice}
                                   placeholder={hostDevices.join(", ")} />
                        {type === "direct" && <SelectField id="add-nic-mode" label={_("Mode")} value={mode} choices={MODES} onChange={v => setMode(v as DirectMode)} />}
                    </>
                )}
                <SelectField id="add-nic-model" label={_("Model")} value={model} choices={MODELS} onChange={v => setModel(v as InterfaceModel)} />
                <Checkbox id="add-nic-auto-mac" label={_("Generate a MAC address")} isChecked={autoMac} onChange={(_e, c) => setAutoMac(c)} />
                {!autoMac && <TextField id="add-nic-mac" label={_("MAC address")} value={mac} onChange={setMac} placeholder="52:54:00:12:34:56" />}
                {macError && mac.trim() !== "" && <p className="add-nic-mac-error">{macError}</p>}
                {running && vm.persistent && (
                    <Checkbox id="add-nic-permanent" label={_("Keep it after the virtual machine shuts down")} isChecked={keep} onChange={(_e, c) => setKeep(c)} />
                )}
            </Form>
        </ActionDialog>
    );
}
