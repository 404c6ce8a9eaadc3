// The host's network interfaces with their kinds and addresses (`ip -j -d addr`): what a new
// virtual network must not overlap, and the bridges and devices it may use.
import { _ } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHost } from "./host-command.ts";

export interface HostInterface {
    name: string;
    /** "bridge", "veth", "macvtap", … ; "" for a plain device. */
    kind: string;
    /** Global and site addresses with their prefix length ("192.0.2.2/24"); link-local ones are left out. */
    addresses: { address: string; prefix: number }[];
}

interface IpAddrJson {
    ifname?: string;
    linkinfo?: { info_kind?: string };
    addr_info?: { local?: string; prefixlen?: number; scope?: string }[];
}

export function parseIpAddrJson(output: string): HostInterface[] {
    const parsed = JSON.parse(output || "[]") as IpAddrJson[];
    return parsed.filter(i => i.ifname).map(i => ({
        name: i.ifname ?? "",
        kind: i.linkinfo?.info_kind ?? "",
        addresses: (i.addr_info ?? [])
            .filter(a => a.local && a.prefixlen !== undefined && a.scope !== "link" && a.scope !== "host")
            .map(a => ({ address: a.local ?? "", prefix: a.prefixlen ?? 0 })),
    }));
}

export async function hostInterfaces(connection: ConnectionId): Promise<HostInterface[]> {
    // Reading interfaces needs no privileges.
    const output = await runOnHost(connection, ["ip", "-j", "-d", "addr", "show"], { what: _("Reading the host's network interfaces"), privileged: false });
    return parseIpAddrJson(output);
}
