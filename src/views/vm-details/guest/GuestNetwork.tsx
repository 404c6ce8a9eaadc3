// The guest's network interfaces as the guest sees them (through either agent), each beside
// the VM's NIC with the same MAC address: the step from "the VM has a NIC on network X" to
// "eth1 in the guest has no link / no address", which otherwise needs a console and `ip addr`.
import type { NetAddress, NetInterface, NetLinkState } from "../../../../agent/src/protocol.ts";
import { _ } from "../../../lib/i18n.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { nicSummary } from "../nics/nic-labels.ts";

const STATE_LABELS: Record<NetLinkState, string> = {
    "up": _("Up"),
    "no-carrier": _("No link"),
    "down": _("Disabled in the guest"),
    "unknown": _("Unknown"),
};

/** Without a MAC address of its own (lo, tunnels), an interface cannot be a NIC of the VM. */
const NO_MAC = /^(00:){5}00$|^$/;

/** What either agent tells of an interface; qemu-guest-agent (through libvirt) gives no state. */
export type GuestInterface = Pick<NetInterface, "name" | "mac" | "state"> & { addresses: Pick<NetAddress, "address" | "prefix">[] };

function columns(byMac: ReadonlyMap<string, DomainInterface>, withState: boolean): Column<GuestInterface>[] {
    const state: Column<GuestInterface> = {
        title: _("State"), className: "guest-interface-state", cell: i => i.state ? STATE_LABELS[i.state] : "—",
    };
    return [
        { title: _("Interface"), cell: i => i.name },
        { title: _("MAC address"), cell: i => NO_MAC.test(i.mac) ? "—" : i.mac },
        // qemu-guest-agent gives no state: no column of dashes then.
        ...(withState ? [state] : []),
        {
            title: _("IP addresses"), className: "guest-interface-addresses",
            cell: i => i.addresses.length === 0
                ? _("None")
                : i.addresses.map(a => <div key={a.address} data-address={a.address}>{`${a.address}/${String(a.prefix)}`}</div>),
        },
        {
            title: _("Virtual machine's NIC"), className: "guest-interface-nic",
            cell: i => {
                const nic = byMac.get(i.mac.toLowerCase());
                return nic ? nicSummary(nic) : _("None (made in the guest)");
            },
        },
    ];
}

export function GuestNetwork({ interfaces, vmNics }: { interfaces: readonly GuestInterface[]; vmNics: readonly DomainInterface[] }) {
    const shown = interfaces.filter(i => i.name !== "lo");
    const byMac = new Map(vmNics.map(n => [n.mac.toLowerCase(), n]));
    return (
        <DataTable id="guest-network" label={_("Network interfaces in the guest")} columns={columns(byMac, shown.some(i => i.state !== undefined))}
                   rows={shown} rowKey={i => i.name}
                   rowProps={i => ({ className: "guest-interface", "data-name": i.name, "data-mac": i.mac, "data-state": i.state ?? "" })}
                   empty={{ id: "guest-network-empty", title: _("The guest reports no network interfaces.") }} compactStates />
    );
}
