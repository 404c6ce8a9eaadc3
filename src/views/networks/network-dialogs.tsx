// The dialogs of a network's page: a static DHCP lease, a DNS host entry, a DHCP range. Each
// changes the running network and its definition at once (NetworkUpdate) and is checked first,
// so bad input changes nothing.
import { Form } from "@patternfly/react-core";
import { useState } from "react";

import type { ForwardProtocol } from "../../host/port-forwards.ts";
import { _, format } from "../../lib/i18n.ts";
import { parseIp } from "../../lib/ip-address.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { macProblem } from "../../libvirt/device-xml.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { addDhcpHost, addDnsHost, type DhcpLease, type Network, setDhcpRange } from "../../libvirt/network-api.ts";
import type { NetworkAddress } from "../../libvirt/network-xml.ts";
import { addressInNetwork, ipProblem } from "../../operations/network-checks.ts";
import { addPortForward } from "../../operations/port-forwards.ts";
import { networkSync } from "../../state/host-resources.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import type { NetworkVm } from "../common/resource-users.ts";
import { SelectField, TextField } from "../vm-details/disks/form-fields.tsx";

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

interface NetworkDialogProps {
    connection: ConnectionId;
    network: Network;
}

const refresh = async (connection: ConnectionId, network: Network): Promise<void> => networkSync(connection).refresh(network.path);

function ipv4Of(network: Network): NetworkAddress | undefined {
    return network.addresses.find(a => a.family === "ipv4");
}

/** Why a new static lease cannot be added, or null. */
export function leaseProblem(network: Network, mac: string, ip: string, name: string): string | null {
    const ipv4 = ipv4Of(network);
    if (!ipv4) return _("Static leases need the network to have an IPv4 address.");
    if (!mac.trim()) return _("Enter the MAC address of the virtual machine's interface.");
    const badMac = macProblem(mac);
    if (badMac) return badMac;
    if (!addressInNetwork(ip, ipv4.address, ipv4.prefix) || ip.trim() === ipv4.address || ip.includes(":"))
        return format(_("Enter an IPv4 address inside the network ($0/$1), other than the host's."), ipv4.address, String(ipv4.prefix ?? ""));
    if (name.trim() && !HOST_NAME.test(name.trim())) return _("A host name has letters, digits and \"-\", in parts separated by dots.");
    const taken = ipv4.dhcpHosts.find(h => h.mac.toLowerCase() === mac.trim().toLowerCase() || h.ip === ip.trim());
    if (taken) return format(_("The network already has a static lease for $0 ($1)."), taken.mac, taken.ip);
    return null;
}

export function AddLeaseDialog({ connection, network, vms }: NetworkDialogProps & { vms: readonly NetworkVm[] }) {
    const [mac, setMac] = useState("");
    const [ip, setIp] = useState("");
    const [name, setName] = useState("");
    const macs = vms.flatMap(vm => vm.macs.map(m => ({ value: m, label: `${vm.name} (${m})`, vm: vm.name })));

    const submit = async (): Promise<void> => {
        const problem = leaseProblem(network, mac, ip, name);
        if (problem) throw invalidInput(problem);
        await addDhcpHost(connection, network, { mac: mac.trim().toLowerCase(), ip: ip.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
        await refresh(connection, network);
    };

    return (
        <ActionDialog id="add-lease-dialog" title={_("Add a static DHCP lease")} submitLabel={_("Add")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <p>{_("The interface with this MAC address always gets this address. A running network hands it out from its next lease on.")}</p>
                {macs.length > 0 && (
                    <SelectField id="add-lease-vm" label={_("Virtual machine")} value={macs.some(m => m.value === mac) ? mac : ""}
                                 choices={[{ value: "", label: _("Another MAC address") }, ...macs]}
                                 onChange={value => {
                                     setMac(value);
                                     const vm = macs.find(m => m.value === value)?.vm;
                                     if (vm && !name) setName(vm.replace(/[^A-Za-z0-9-]/g, "-"));
                                 }} />
                )}
                <TextField id="add-lease-mac" label={_("MAC address")} value={mac} onChange={setMac} placeholder="52:54:00:12:34:56" />
                <TextField id="add-lease-ip" label={_("IPv4 address")} value={ip} onChange={setIp} />
                <TextField id="add-lease-name" label={_("Host name (optional)")} value={name} onChange={setName} />
            </Form>
        </ActionDialog>
    );
}

export function AddDnsHostDialog({ connection, network }: NetworkDialogProps) {
    const [ip, setIp] = useState("");
    const [names, setNames] = useState("");

    const submit = async (): Promise<void> => {
        const hostnames = names.split(/[\s,]+/).filter(Boolean);
        if (!parseIp(ip)) throw invalidInput(_("Enter an IPv4 or IPv6 address."));
        if (hostnames.length === 0 || !hostnames.every(n => HOST_NAME.test(n))) throw invalidInput(_("Enter one or more host names, separated by spaces."));
        await addDnsHost(connection, network, { ip: ip.trim(), hostnames });
        await refresh(connection, network);
    };

    return (
        <ActionDialog id="add-dns-host-dialog" title={_("Add a DNS host entry")} submitLabel={_("Add")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <p>{_("The network's DNS server answers these names with this address.")}</p>
                <TextField id="add-dns-host-ip" label={_("IP address")} value={ip} onChange={setIp} />
                <TextField id="add-dns-host-names" label={_("Host names")} value={names} onChange={setNames} placeholder="db db.lab" />
            </Form>
        </ActionDialog>
    );
}

export function EditDhcpRangeDialog({ connection, network, index }: NetworkDialogProps & { index: number }) {
    const ip = network.addresses[index];
    const [start, setStart] = useState(ip?.dhcpStart ?? "");
    const [end, setEnd] = useState(ip?.dhcpEnd ?? "");

    const submit = async (): Promise<void> => {
        if (!ip || ip.prefix === undefined) throw invalidInput(_("The network has no such address."));
        const problem = ipProblem({ address: ip.address, prefix: ip.prefix, dhcpStart: start.trim(), dhcpEnd: end.trim() }, ip.family);
        if (problem) throw invalidInput(problem.endsWith("outside") ? _("The DHCP range must lie inside the network.")
            : problem.endsWith("order") ? _("The DHCP range must start before it ends.") : _("Enter the first and last address DHCP hands out."));
        const old = ip.dhcpStart && ip.dhcpEnd ? { start: ip.dhcpStart, end: ip.dhcpEnd } : undefined;
        await setDhcpRange(connection, network, index, old, { start: start.trim(), end: end.trim() });
        await refresh(connection, network);
    };

    return (
        <ActionDialog id="edit-dhcp-range-dialog" title={format(_("DHCP range of $0"), ip?.address ?? "")} submitLabel={_("Save")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <p>{_("Leases already handed out stay until they expire; static leases may lie outside the range.")}</p>
                <TextField id="edit-dhcp-start" label={_("From")} value={start} onChange={setStart} />
                <TextField id="edit-dhcp-end" label={_("To")} value={end} onChange={setEnd} />
            </Form>
        </ActionDialog>
    );
}

/** The address a VM has on the network: its static lease, else its current lease. */
function vmAddress(network: Network, leases: readonly DhcpLease[], macs: readonly string[]): string {
    const fixed = network.addresses.flatMap(a => a.dhcpHosts).find(h => macs.includes(h.mac.toLowerCase()));
    return fixed?.ip ?? leases.find(l => l.family === "ipv4" && macs.includes(l.mac.toLowerCase()))?.address ?? "";
}

export function AddPortForwardDialog({ connection, network, vms, leases, onDone }: NetworkDialogProps & {
    vms: readonly NetworkVm[]; leases: readonly DhcpLease[]; onDone: () => void;
}) {
    const [vm, setVm] = useState(vms[0]?.name ?? "");
    const [address, setAddress] = useState(vms[0] ? vmAddress(network, leases, vms[0].macs) : "");
    const [protocol, setProtocol] = useState<ForwardProtocol>("tcp");
    const [hostPort, setHostPort] = useState("");
    const [guestPort, setGuestPort] = useState("");
    const port = (typed: string): number => /^\d+$/.test(typed.trim()) ? Number(typed) : NaN;

    const submit = async (): Promise<void> => {
        await addPortForward(connection, network, { protocol, hostPort: port(hostPort), address: address.trim(), guestPort: port(guestPort), vm });
        onDone();
    };

    return (
        <ActionDialog id="add-port-forward-dialog" title={_("Forward a host port")} submitLabel={_("Add")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <p>{_("Connections to this port on any of the host's addresses reach the virtual machine. Give the VM a static lease, so that its address stays.")}</p>
                <SelectField id="add-port-forward-vm" label={_("Virtual machine")} value={vm}
                             choices={vms.map(v => ({ value: v.name, label: v.name }))}
                             onChange={name => { setVm(name); setAddress(vmAddress(network, leases, vms.find(v => v.name === name)?.macs ?? [])) }} />
                <TextField id="add-port-forward-address" label={_("Its IPv4 address")} value={address} onChange={setAddress} />
                <SelectField id="add-port-forward-protocol" label={_("Protocol")} value={protocol}
                             choices={[{ value: "tcp", label: "TCP" }, { value: "udp", label: "UDP" }]}
                             onChange={value => setProtocol(value === "udp" ? "udp" : "tcp")} />
                <TextField id="add-port-forward-host-port" label={_("Host port")} value={hostPort} onChange={setHostPort} />
                <TextField id="add-port-forward-guest-port" label={_("Port in the virtual machine")} value={guestPort} onChange={setGuestPort} />
            </Form>
        </ActionDialog>
    );
}
