// The default NAT network and the checks of the Create network form.
import type { NatNetworkSpec } from "../../libvirt/network-xml.ts";

/** libvirt's own `default` network. */
export const DEFAULT_NETWORK: NatNetworkSpec = {
    name: "default",
    bridge: "virbr0",
    address: "192.168.122.1",
    prefix: 24,
    dhcpStart: "192.168.122.2",
    dhcpEnd: "192.168.122.254",
};

/** Linux's limit for interface names (IFNAMSIZ - 1). */
const MAX_BRIDGE_LENGTH = 15;

export function ipv4ToNumber(address: string): number | undefined {
    const parts = address.trim().split(".");
    if (parts.length !== 4 || parts.some(p => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** The Create network form as typed: the prefix length is text until it is checked. */
export type NatNetworkForm = Omit<NatNetworkSpec, "prefix"> & { prefix: string };

export function natNetworkForm(spec: NatNetworkSpec): NatNetworkForm {
    return { ...spec, prefix: String(spec.prefix) };
}

/** The form's network: the name trimmed, a prefix length that is not a number is NaN (refused by the check). */
export function natNetworkSpec(form: NatNetworkForm): NatNetworkSpec {
    return { ...form, name: form.name.trim(), prefix: /^\d+$/.test(form.prefix.trim()) ? Number(form.prefix) : NaN };
}

export type NetworkProblem = "name" | "name-slash" | "bridge" | "address" | "prefix" | "dhcp" | "dhcp-outside" | "dhcp-order";

/** The first thing wrong with the form, or null. */
export function validateNatNetwork(spec: NatNetworkSpec): NetworkProblem | null {
    if (!spec.name.trim()) return "name";
    if (spec.name.includes("/")) return "name-slash";
    if (!/^[A-Za-z0-9_.:-]+$/.test(spec.bridge) || spec.bridge.length > MAX_BRIDGE_LENGTH) return "bridge";
    const address = ipv4ToNumber(spec.address);
    if (address === undefined) return "address";
    if (!Number.isInteger(spec.prefix) || spec.prefix < 8 || spec.prefix > 30) return "prefix";
    const start = ipv4ToNumber(spec.dhcpStart);
    const end = ipv4ToNumber(spec.dhcpEnd);
    if (start === undefined || end === undefined) return "dhcp";
    const size = 2 ** (32 - spec.prefix);
    const base = Math.floor(address / size) * size;
    const inside = (n: number): boolean => n > base && n < base + size - 1;
    if (!inside(start) || !inside(end)) return "dhcp-outside";
    if (start > end) return "dhcp-order";
    return null;
}

/** Bridges and IPv4 subnets the host's networks use, to suggest free ones. */
export interface UsedAddressing {
    bridges: readonly string[];
    /** Host addresses on the networks, e.g. 192.168.122.1. */
    addresses: readonly string[];
}

/** A new NAT network's form, filled with the first free virbrN and 192.168.N.0/24 (N ≥ 100). */
export function suggestNatNetwork(used: UsedAddressing): NatNetworkSpec {
    const bridges = new Set(used.bridges);
    let n = 1;
    while (bridges.has(`virbr${String(n)}`)) n++;
    const thirdOctets = new Set(used.addresses.filter(a => a.startsWith("192.168.")).map(a => a.split(".")[2]));
    let subnet = 100;
    while (subnet < 254 && thirdOctets.has(String(subnet))) subnet++;
    const net = `192.168.${String(subnet)}`;
    return { name: "", bridge: `virbr${String(n)}`, address: `${net}.1`, prefix: 24, dhcpStart: `${net}.2`, dhcpEnd: `${net}.254` };
}
