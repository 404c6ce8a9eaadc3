// The default NAT network and the Create network form: its fields as typed and the network they
// make (checked by src/operations/network-checks.ts).
import { parseIpv4 } from "../../lib/ip-address.ts";
import { type IpSpec, modeHasAddresses, type NatNetworkSpec, type NetworkMode, type NetworkSpec } from "../../libvirt/network-xml.ts";

/** libvirt's own `default` network. */
export const DEFAULT_NETWORK: NatNetworkSpec = {
    name: "default",
    bridge: "virbr0",
    address: "192.168.122.1",
    prefix: 24,
    dhcpStart: "192.168.122.2",
    dhcpEnd: "192.168.122.254",
};


export function ipv4ToNumber(address: string): number | undefined {
    const value = parseIpv4(address);
    return value === undefined ? undefined : Number(value);
}

/** The Create network form as typed: every field is text until it is checked. Empty IPv4/IPv6 address: none. */
export interface NetworkForm {
    name: string;
    mode: NetworkMode;
    /** Its own bridge, or the host bridge it joins (mode bridge). */
    bridge: string;
    /** macvtap: host interfaces, separated by spaces or commas; route: the outgoing interface, if any. */
    devices: string;
    domain: string;
    address: string;
    prefix: string;
    dhcpStart: string;
    dhcpEnd: string;
    ipv6Address: string;
    ipv6Prefix: string;
    ipv6DhcpStart: string;
    ipv6DhcpEnd: string;
}

export function natNetworkForm(spec: NatNetworkSpec): NetworkForm {
    return {
        name: spec.name, mode: "nat", bridge: spec.bridge, devices: "", domain: "",
        address: spec.address, prefix: String(spec.prefix), dhcpStart: spec.dhcpStart, dhcpEnd: spec.dhcpEnd,
        ipv6Address: "", ipv6Prefix: "64", ipv6DhcpStart: "", ipv6DhcpEnd: "",
    };
}

const number = (typed: string): number => /^\d+$/.test(typed.trim()) ? Number(typed) : NaN;
const devices = (typed: string): string[] => typed.split(/[\s,]+/).filter(Boolean);

function ipSpec(address: string, prefix: string, start: string, end: string): IpSpec | undefined {
    if (!address.trim()) return undefined;
    const spec: IpSpec = { address: address.trim(), prefix: number(prefix) };
    if (start.trim() || end.trim()) Object.assign(spec, { dhcpStart: start.trim(), dhcpEnd: end.trim() });
    return spec;
}

/** The form's network: names trimmed, a prefix length that is not a number is NaN (refused by the check). */
export function networkSpec(form: NetworkForm): NetworkSpec {
    const spec: NetworkSpec = { name: form.name.trim(), mode: form.mode, bridge: form.bridge.trim() };
    if (form.mode === "macvtap" || (form.mode === "route" && form.devices.trim())) spec.devices = devices(form.devices);
    if (!modeHasAddresses(form.mode)) return spec;
    if (form.domain.trim()) spec.domain = form.domain.trim();
    const ipv4 = ipSpec(form.address, form.prefix, form.dhcpStart, form.dhcpEnd);
    const ipv6 = ipSpec(form.ipv6Address, form.ipv6Prefix, form.ipv6DhcpStart, form.ipv6DhcpEnd);
    if (ipv4) spec.ipv4 = ipv4;
    if (ipv6) spec.ipv6 = ipv6;
    return spec;
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
