// The fields of a network interface, shared by the Add and Edit dialogs: what it is connected
// to (a virtual network, a host bridge, or a host device through macvtap), model, MAC address
// and, when editing, the link.
import { Checkbox } from "@patternfly/react-core";

import { _, format } from "../../../lib/i18n.ts";
import type { ConnectionId } from "../../../libvirt/connection.ts";
import { type DirectMode, type InterfaceType, macProblem, vlanProblem } from "../../../libvirt/device-xml.ts";
import { listHostInterfaces } from "../../../libvirt/host-api.ts";
import type { InterfaceSettings } from "../../../libvirt/interface-edit.ts";
import { listNetworkSummaries, type NetworkSummary } from "../../../libvirt/network-api.ts";
import { useData } from "../../../state/use-data.ts";
import { type Choice, SelectField, TextField } from "../disks/form-fields.tsx";

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

export interface NicFormValues {
    type: InterfaceType;
    /** Chosen virtual network; empty until the user picks one (the first active one is proposed). */
    network: string;
    /** Host bridge or host device. */
    device: string;
    mode: DirectMode;
    model: string;
    /** Only offered when adding: libvirt then chooses the address. */
    autoMac: boolean;
    mac: string;
    linkUp: boolean;
    /** VLAN tag as typed; empty: untagged. Only offered when adding. */
    vlan: string;
}

export const NEW_NIC: NicFormValues = { type: "network", network: "", device: "", mode: "bridge", model: "virtio", autoMac: true, mac: "", linkUp: true, vlan: "" };

export function formValuesOf(nic: InterfaceSettings): NicFormValues {
    return {
        type: nic.type,
        network: nic.type === "network" ? nic.source : "",
        device: nic.type === "network" ? "" : nic.source,
        mode: nic.mode ?? "bridge",
        model: nic.model,
        autoMac: false,
        mac: nic.mac,
        linkUp: nic.linkUp,
        vlan: nic.vlan === undefined ? "" : String(nic.vlan),
    };
}

const NO_NETWORKS: NetworkSummary[] = [];
const NO_DEVICES: string[] = [];

/** The virtual networks and host devices to offer (none of a kind that cannot be listed). */
export function useNicSources(connection: ConnectionId): { networks: NetworkSummary[]; hostDevices: string[] } {
    const networks = useData(() => listNetworkSummaries(connection), [connection]);
    const hostDevices = useData(() => listHostInterfaces(connection), [connection]);
    return { networks: networks.data ?? NO_NETWORKS, hostDevices: hostDevices.data ?? NO_DEVICES };
}

function chosenNetwork(values: NicFormValues, networks: readonly NetworkSummary[]): string {
    return values.network || (networks.find(n => n.active)?.name ?? networks[0]?.name ?? "");
}

/** The form's values as the interface to add or to become. */
export function settingsFromForm(values: NicFormValues, networks: readonly NetworkSummary[]): InterfaceSettings {
    return {
        type: values.type,
        source: values.type === "network" ? chosenNetwork(values, networks) : values.device,
        mode: values.mode,
        model: values.model,
        mac: values.autoMac ? "" : values.mac,
        linkUp: values.linkUp,
        // Text that is no number becomes NaN, which the operation refuses in words.
        ...(values.type !== "direct" && values.vlan.trim() !== "" ? { vlan: Number(values.vlan.trim()) } : {}),
    };
}

interface NicFieldsProps {
    /** Prefix of the fields' ids: "add-nic", "edit-nic". */
    idPrefix: string;
    values: NicFormValues;
    onChange: (values: NicFormValues) => void;
    networks: readonly NetworkSummary[];
    hostDevices: readonly string[];
    takenMacs: readonly string[];
    editing: boolean;
}

export function NicFields({ idPrefix, values, onChange, networks, hostDevices, takenMacs, editing }: NicFieldsProps) {
    const set = (change: Partial<NicFormValues>): void => onChange({ ...values, ...change });
    const network = chosenNetwork(values, networks);
    const networkChoices: Choice[] = networks.map(n => ({ value: n.name, label: n.active ? n.name : format(_("$0 (inactive)"), n.name) }));
    // A network that is gone, or a model this form does not offer, is still shown as the current choice.
    if (network && !networks.some(n => n.name === network)) networkChoices.push({ value: network, label: network });
    const models = MODELS.some(m => m.value === values.model) || !values.model ? MODELS : [...MODELS, { value: values.model, label: values.model }];
    const macError = values.autoMac ? null : macProblem(values.mac, takenMacs);
    const vlanError = vlanProblem(values.vlan);

    return (
        <>
            <SelectField id={`${idPrefix}-type`} label={_("Connect to")} value={values.type} choices={TYPES} onChange={v => set({ type: v as InterfaceType })} />
            {values.type === "network" && (networkChoices.length
                ? <SelectField id={`${idPrefix}-network`} label={_("Virtual network")} value={network} choices={networkChoices} onChange={v => set({ network: v })} />
                : <p id={`${idPrefix}-no-networks`}>{_("This host has no virtual networks.")}</p>)}
            {values.type !== "network" && (
                <>
                    <TextField id={`${idPrefix}-device`} label={values.type === "bridge" ? _("Host bridge") : _("Host device")} value={values.device}
                               onChange={v => set({ device: v })} placeholder={hostDevices.join(", ")} />
                    {values.type === "direct" && (
                        <SelectField id={`${idPrefix}-mode`} label={_("Mode")} value={values.mode} choices={MODES} onChange={v => set({ mode: v as DirectMode })} />
                    )}
                </>
            )}
            {!editing && values.type !== "direct" && (
                <>
                    <TextField id={`${idPrefix}-vlan`} label={_("VLAN tag (optional)")} value={values.vlan} onChange={v => set({ vlan: v })}
                               placeholder={_("untagged; needs an Open vSwitch bridge or network")} />
                    {vlanError && <p className={`${idPrefix}-vlan-error`}>{vlanError}</p>}
                </>
            )}
            <SelectField id={`${idPrefix}-model`} label={_("Model")} value={values.model} choices={models} onChange={v => set({ model: v })} />
            {!editing && <Checkbox id={`${idPrefix}-auto-mac`} label={_("Generate a MAC address")} isChecked={values.autoMac} onChange={(_e, c) => set({ autoMac: c })} />}
            {!values.autoMac && <TextField id={`${idPrefix}-mac`} label={_("MAC address")} value={values.mac} onChange={v => set({ mac: v })} placeholder="52:54:00:12:34:56" />}
            {macError && values.mac.trim() !== "" && <p className={`${idPrefix}-mac-error`}>{macError}</p>}
            {editing && <Checkbox id={`${idPrefix}-link`} label={_("Link up (the cable is plugged in)")} isChecked={values.linkUp} onChange={(_e, c) => set({ linkUp: c })} />}
        </>
    );
}
