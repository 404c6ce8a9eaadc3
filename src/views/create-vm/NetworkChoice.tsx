// Where the new VM's network interface connects: a virtual network, a host bridge, a host
// device through macvtap, user-mode networking, or nothing.
import { FormGroup, FormSelect, FormSelectOption, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { listHostInterfaces } from "../../libvirt/host-api.ts";
import type { Network } from "../../libvirt/network-api.ts";
import type { NewVmNetwork } from "../../libvirt/new-domain-xml.ts";
import type { CreateVmForm } from "../../operations/create-vm/create-vm-form.ts";
import { useData } from "../../state/use-data.ts";
import { FieldHelper } from "./FieldHelper.tsx";

const TYPES = ["network", "bridge", "direct", "user"] as const;

/** The select's value: a virtual network by name; the other kinds by kind alone. */
function selectValue(network: NewVmNetwork | null): string {
    if (!network) return "";
    return network.type === "network" ? `network:${network.source}` : `${network.type}:`;
}

interface NetworkChoiceProps {
    connection: ConnectionId;
    form: CreateVmForm;
    change: (patch: Partial<CreateVmForm>) => void;
    networks: readonly Network[];
    /** What is wrong with the choice (a bridge or device left unnamed). */
    problem: string | undefined;
}

export function NetworkChoice({ connection, form, change, networks, problem }: NetworkChoiceProps) {
    // Only a hint for the device field: libvirt may have no interface driver here.
    const hostDevices = useData(() => listHostInterfaces(connection), [connection]).data ?? [];
    const [device, setDevice] = useState("");

    const choose = (value: string): void => {
        const type = TYPES.find(t => value.startsWith(`${t}:`));
        if (!type) change({ network: null });
        else if (type === "network") change({ network: { type, source: value.slice("network:".length) } });
        else change({ network: { type, source: type === "user" ? "" : device } });
    };
    const type = form.network?.type;
    return (
        <>
            <FormGroup label={_("Network")} fieldId="create-vm-network">
                <FormSelect id="create-vm-network" value={selectValue(form.network)} onChange={(_e, v) => choose(v)}>
                    <FormSelectOption value="" label={_("None")} />
                    {networks.map(n => (
                        <FormSelectOption key={n.name} value={`network:${n.name}`} label={n.active ? n.name : format(_("$0 (inactive)"), n.name)} />
                    ))}
                    <FormSelectOption value="bridge:" label={_("Bridge to a host network…")} />
                    <FormSelectOption value="direct:" label={_("Direct attachment to a host device (macvtap)…")} />
                    <FormSelectOption value="user:" label={_("User-mode networking (no host setup)")} />
                </FormSelect>
            </FormGroup>
            {(type === "bridge" || type === "direct") && (
                <FormGroup label={type === "bridge" ? _("Host bridge") : _("Host device")} fieldId="create-vm-network-device" isRequired>
                    <TextInput id="create-vm-network-device" value={form.network?.source ?? ""} placeholder={hostDevices.join(", ")} validated={problem ? "error" : "default"}
                               onChange={(_e, source) => {
                                   setDevice(source);
                                   change({ network: { type, source } });
                               }} />
                    <FieldHelper id="create-vm-network-device-error" text={problem} />
                </FormGroup>
            )}
        </>
    );
}
