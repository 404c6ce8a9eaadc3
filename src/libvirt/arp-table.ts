// The host's IPv4 neighbour table (/proc/net/arp), parsed. Read directly because libvirt
// 9.0's own ARP source fails on some kernels ("wrong nlmsg len"); it is the same information.
import type { GuestInterfaceAddresses } from "./device-api.ts";

const COMPLETE = 0x2;

/** Parses /proc/net/arp into one entry per MAC address. */
export function parseArpTable(content: string): GuestInterfaceAddresses[] {
    const byMac = new Map<string, GuestInterfaceAddresses>();
    for (const line of content.split("\n").slice(1)) {
        const [ip, , flags, mac, , device] = line.trim().split(/\s+/);
        if (!ip || !mac || !device || (Number(flags) & COMPLETE) === 0) continue;
        const key = mac.toLowerCase();
        const entry = byMac.get(key) ?? { name: device, mac: key, addresses: [] };
        entry.addresses.push({ address: ip, prefix: 0, family: "ipv4" });
        byMac.set(key, entry);
    }
    return [...byMac.values()];
}
