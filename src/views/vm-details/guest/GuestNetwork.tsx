// The guest's network interfaces as the guest sees them (through either agent), each beside
// the VM's NIC with the same MAC address: the step from "the VM has a NIC on network X" to
// "eth1 in the guest has no link / no address", which otherwise needs a console and `ip addr`.
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import type { NetAddress, NetInterface, NetLinkState } from "../../../../agent/src/protocol.ts";
import { _ } from "../../../lib/i18n.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
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

export function GuestNetwork({ interfaces, vmNics }: { interfaces: readonly GuestInterface[]; vmNics: readonly DomainInterface[] }) {
    const shown = interfaces.filter(i => i.name !== "lo");
    if (shown.length === 0) return <p id="guest-network-empty">{_("The guest reports no network interfaces.")}</p>;
    const byMac = new Map(vmNics.map(n => [n.mac.toLowerCase(), n]));
    const withState = shown.some(i => i.state !== undefined);
    return (
        <Table id="guest-network" aria-label={_("Network interfaces in the guest")} variant="compact">
            <Thead>
                <Tr>
                    <Th>{_("Interface")}</Th>
                    <Th>{_("MAC address")}</Th>
                    {withState && <Th>{_("State")}</Th>}
                    <Th>{_("IP addresses")}</Th>
                    <Th>{_("Virtual machine's NIC")}</Th>
                </Tr>
            </Thead>
            <Tbody>
                {shown.map(i => {
                    const nic = byMac.get(i.mac.toLowerCase());
                    return (
                        <Tr key={i.name} className="guest-interface" data-name={i.name} data-mac={i.mac} data-state={i.state ?? ""}>
                            <Td dataLabel={_("Interface")}>{i.name}</Td>
                            <Td dataLabel={_("MAC address")}>{NO_MAC.test(i.mac) ? "—" : i.mac}</Td>
                            {withState && <Td dataLabel={_("State")} className="guest-interface-state">{i.state ? STATE_LABELS[i.state] : "—"}</Td>}
                            <Td dataLabel={_("IP addresses")} className="guest-interface-addresses">
                                {i.addresses.length === 0
                                    ? _("None")
                                    : i.addresses.map(a => <div key={a.address} data-address={a.address}>{`${a.address}/${String(a.prefix)}`}</div>)}
                            </Td>
                            <Td dataLabel={_("Virtual machine's NIC")} className="guest-interface-nic">
                                {nic ? nicSummary(nic) : _("None (made in the guest)")}
                            </Td>
                        </Tr>
                    );
                })}
            </Tbody>
        </Table>
    );
}
