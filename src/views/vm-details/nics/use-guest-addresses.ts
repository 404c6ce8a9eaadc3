// The guest's IP addresses per MAC, each labelled with where it was learned: the guest agent,
// a DHCP lease of a libvirt network, or the host's ARP table. A source that fails or knows
// nothing just adds nothing. Re-read every few seconds while the tab shows a running VM (and the
// page is not hidden).
import { hostArpTable } from "../../../host/host-path.ts";
import { type AddressSource, type GuestAddress, interfaceAddresses } from "../../../libvirt/device-api.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { useData } from "../../../state/use-data.ts";
import type { Vm } from "../../../state/vm-types.ts";

export type AddressOrigin = "agent" | "lease" | "arp";

export interface LabelledAddress extends GuestAddress {
    origin: AddressOrigin;
}

const SOURCES: [AddressSource, AddressOrigin][] = [[1, "agent"], [0, "lease"], [2, "arp"]];
const POLL_MS = 5000;

const NONE: ReadonlyMap<string, LabelledAddress[]> = new Map();

async function readAddresses(vm: Pick<Vm, "connection" | "name" | "path">): Promise<ReadonlyMap<string, LabelledAddress[]>> {
    const { connection } = vm;
    const path = await domainPath(vm);
    const results = await Promise.all(SOURCES.map(([source]) => interfaceAddresses(connection, path, source).catch(() =>
        // libvirt's ARP source is broken on some hosts; the table itself is readable.
        source === 2 && connection === "system" ? hostArpTable().catch(() => []) : [])));
    const found = new Map<string, LabelledAddress[]>();
    results.forEach((ifaces, i) => {
        const origin = SOURCES[i]?.[1] ?? "arp";
        for (const iface of ifaces) {
            const list = found.get(iface.mac) ?? [];
            for (const a of iface.addresses) {
                if (!list.some(known => known.address === a.address)) list.push({ ...a, origin });
            }
            found.set(iface.mac, list);
        }
    });
    return found;
}

export function useGuestAddresses(vm: Vm, running: boolean): ReadonlyMap<string, LabelledAddress[]> {
    const { connection, name, path: knownPath } = vm;
    // A VM not found keeps what was shown until the next read.
    const addresses = useData(() => running ? readAddresses({ connection, name, path: knownPath }) : Promise.resolve(NONE),
                              [connection, name, knownPath, running], { identity: [connection, name, running], pollMs: running ? POLL_MS : undefined });
    return addresses.data ?? NONE;
}
