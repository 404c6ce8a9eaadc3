// The checks of a new network's settings and of addresses on a network, shared by the page and
// kvmm: each problem has a code (for tests) and words.
import { _ } from "../lib/i18n.ts";
import { inSubnet, type IpFamily, parseIp, parseIpv4, parseIpv6, subnetOf, subnetSize } from "../lib/ip-address.ts";
import type { IpSpec, NetworkSpec } from "../libvirt/network-xml.ts";

/** Linux's limit for interface names (IFNAMSIZ - 1). */
const MAX_BRIDGE_LENGTH = 15;
const INTERFACE_NAME = /^[A-Za-z0-9_.:-]+$/;
const DNS_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export type NetworkProblem = "name" | "name-slash" | "bridge" | "host-bridge" | "devices" | "domain" | "no-address"
    | "address" | "prefix" | "dhcp" | "dhcp-outside" | "dhcp-order"
    | "ipv6-address" | "ipv6-prefix" | "ipv6-dhcp" | "ipv6-dhcp-outside" | "ipv6-dhcp-order";

const PREFIX_LIMITS: Record<IpFamily, [number, number]> = { ipv4: [8, 30], ipv6: [8, 126] };

/** What is wrong with one address family's address, prefix and DHCP range, or null. */
export function ipProblem(ip: IpSpec, family: IpFamily): NetworkProblem | null {
    const p = family === "ipv4" ? "" : "ipv6-";
    const parse = family === "ipv4" ? parseIpv4 : parseIpv6;
    const address = parse(ip.address);
    if (address === undefined) return `${p}address` as NetworkProblem;
    const [min, max] = PREFIX_LIMITS[family];
    if (!Number.isInteger(ip.prefix) || ip.prefix < min || ip.prefix > max) return `${p}prefix` as NetworkProblem;
    if (ip.dhcpStart === undefined && ip.dhcpEnd === undefined) return null;
    const start = parse(ip.dhcpStart ?? "");
    const end = parse(ip.dhcpEnd ?? "");
    if (start === undefined || end === undefined) return `${p}dhcp` as NetworkProblem;
    const subnet = subnetOf({ family, value: address }, ip.prefix);
    if (!subnet) return `${p}prefix` as NetworkProblem;
    // Neither the subnet's own address nor (IPv4) its broadcast address can be handed out.
    const last = subnet.base + subnetSize(subnet) - 1n;
    const inside = (n: bigint): boolean => inSubnet(subnet, { family, value: n }) && n !== subnet.base && (family === "ipv6" || n !== last);
    if (!inside(start) || !inside(end)) return `${p}dhcp-outside` as NetworkProblem;
    if (start > end) return `${p}dhcp-order` as NetworkProblem;
    return null;
}

/** The first thing wrong with the network, or null. */
export function validateNetwork(spec: NetworkSpec): NetworkProblem | null {
    if (!spec.name.trim()) return "name";
    if (spec.name.includes("/")) return "name-slash";
    const bridgeOk = INTERFACE_NAME.test(spec.bridge) && spec.bridge.length <= MAX_BRIDGE_LENGTH;
    if (spec.mode === "bridge") return bridgeOk ? null : "host-bridge";
    if (spec.mode === "macvtap") {
        const devs = spec.devices ?? [];
        return devs.length > 0 && devs.every(d => INTERFACE_NAME.test(d) && d.length <= MAX_BRIDGE_LENGTH) ? null : "devices";
    }
    // No name: libvirt chooses the next free virbrN.
    if (!bridgeOk && spec.bridge !== "") return "bridge";
    if (spec.devices && !spec.devices.every(d => INTERFACE_NAME.test(d))) return "devices";
    if (spec.domain !== undefined && !DNS_NAME.test(spec.domain)) return "domain";
    if (!spec.ipv4 && !spec.ipv6) return "no-address";
    return (spec.ipv4 && ipProblem(spec.ipv4, "ipv4")) ?? (spec.ipv6 && ipProblem(spec.ipv6, "ipv6")) ?? null;
}

export const NETWORK_PROBLEMS: Record<NetworkProblem, string> = {
    name: _("Enter a name."),
    "name-slash": _("A name cannot contain \"/\"."),
    bridge: _("Enter a bridge name of at most 15 letters, digits, \"-\", \"_\" or \".\"."),
    "host-bridge": _("Enter the name of a bridge the host has, e.g. br0."),
    devices: _("Enter the host's network interfaces by name, e.g. eth0."),
    domain: _("Enter a DNS domain such as lab.example, or nothing."),
    "no-address": _("Enter an IPv4 or an IPv6 address for the host on the network."),
    address: _("Enter the host's IPv4 address on the network, e.g. 192.168.122.1."),
    prefix: _("Enter a prefix length between 8 and 30."),
    dhcp: _("Enter the first and last IPv4 address DHCP hands out."),
    "dhcp-outside": _("The DHCP range must lie inside the network."),
    "dhcp-order": _("The DHCP range must start before it ends."),
    "ipv6-address": _("Enter the host's IPv6 address on the network, e.g. fd00:1::1."),
    "ipv6-prefix": _("Enter an IPv6 prefix length between 8 and 126 (64 is usual)."),
    "ipv6-dhcp": _("Enter the first and last IPv6 address DHCP hands out, or neither."),
    "ipv6-dhcp-outside": _("The IPv6 DHCP range must lie inside the network."),
    "ipv6-dhcp-order": _("The IPv6 DHCP range must start before it ends."),
};

/** Whether an address lies in a network's subnet (for static leases and DNS hosts). */
export function addressInNetwork(address: string, networkAddress: string, prefix: number | undefined): boolean {
    const ip = parseIp(address);
    const host = parseIp(networkAddress);
    if (!ip || !host || prefix === undefined) return false;
    const subnet = subnetOf(host, prefix);
    return subnet !== undefined && inSubnet(subnet, ip);
}
