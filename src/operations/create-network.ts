// Creates a virtual network of any mode, after the checks libvirt does not make before it
// changes something: the subnets are free (no host interface and no other network, running or
// not, has addresses in them) and the host bridge or devices it uses exist.
import { type HostInterface, hostInterfaces } from "../host/host-interfaces.ts";
import { _, format } from "../lib/i18n.ts";
import { formatSubnet, parseIp, type Subnet, subnetOf, subnetsOverlap } from "../lib/ip-address.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { createNetwork, getNetwork, listNetworks } from "../libvirt/network-api.ts";
import type { NetworkConfig, NetworkSpec } from "../libvirt/network-xml.ts";

function subnet(address: string, prefix: number | undefined): Subnet | undefined {
    const ip = parseIp(address);
    return ip && prefix !== undefined ? subnetOf(ip, prefix) : undefined;
}

function specSubnets(spec: NetworkSpec): Subnet[] {
    return [spec.ipv4, spec.ipv6].flatMap(ip => (ip && subnet(ip.address, ip.prefix)) ?? []);
}

/** Why the network cannot be made as it is, in words, or null. */
export function addressingProblem(spec: NetworkSpec, interfaces: readonly HostInterface[], networks: readonly NetworkConfig[]): string | null {
    if (spec.mode === "bridge" && !interfaces.some(i => i.name === spec.bridge && i.kind === "bridge"))
        return format(_("The host has no bridge named $0"), spec.bridge);
    const missing = spec.mode === "macvtap" ? (spec.devices ?? []).find(d => !interfaces.some(i => i.name === d)) : undefined;
    if (missing) return format(_("The host has no network interface named $0"), missing);
    for (const wanted of specSubnets(spec)) {
        for (const iface of interfaces) {
            if (iface.addresses.some(a => { const s = subnet(a.address, a.prefix); return s !== undefined && subnetsOverlap(s, wanted) }))
                return format(_("Its addresses overlap a network the host already has on $0: choose another subnet"), iface.name);
        }
        for (const network of networks) {
            if (network.addresses.some(a => { const s = subnet(a.address, a.prefix); return s !== undefined && subnetsOverlap(s, wanted) }))
                return format(_("Its addresses ($0) overlap those of the network $1: choose another subnet"), formatSubnet(wanted), network.name);
        }
    }
    return null;
}

/** Checks the addressing against the host, then defines, starts and autostarts the network; resolves to its object path. */
export async function createCheckedNetwork(connection: ConnectionId, spec: NetworkSpec): Promise<string> {
    const [interfaces, networks] = await Promise.all([
        hostInterfaces(connection),
        listNetworks(connection).then(paths => Promise.all(paths.map(p => getNetwork(connection, p).catch(() => null)))),
    ]);
    const problem = addressingProblem(spec, interfaces, networks.filter((n): n is NonNullable<typeof n> => n !== null));
    if (problem) throw invalidInput(problem);
    return createNetwork(connection, spec);
}
