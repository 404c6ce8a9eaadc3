// Virtual network XML: what the pages show of a network, the XML of a new network of each
// forwarding mode, and the pieces NetworkUpdate adds or removes live (leases, DNS hosts, ranges).
import { attr, child, children, text, xmlBuilder, type XmlNode,xmlParser } from "./xml.ts";

/** A static DHCP lease: this MAC always gets this address (and name). */
export interface DhcpHost {
    mac: string;
    ip: string;
    name?: string;
}

/** A name the network's DNS server answers with an address. */
export interface DnsHost {
    ip: string;
    hostnames: string[];
}

export interface NetworkAddress {
    family: "ipv4" | "ipv6";
    /** The host's address on the network, e.g. 192.168.122.1. */
    address: string;
    prefix?: number;
    dhcpStart?: string;
    dhcpEnd?: string;
    dhcpHosts: DhcpHost[];
}

export interface NetworkConfig {
    name: string;
    uuid: string;
    /** nat, route, open, bridge, …; "isolated" when there is no <forward>. */
    forwardMode: string;
    bridge?: string;
    /** The host interfaces a macvtap (bridge without a bridge) network hands out. */
    forwardDevices: string[];
    /** The DNS domain of its VMs' names. */
    domain?: string;
    addresses: NetworkAddress[];
    dnsHosts: DnsHost[];
}

/** An element that may occur once or many times, as a list (the shared parser keeps lone ones as objects). */
function many(node: unknown, name: string): XmlNode[] {
    const value = typeof node === "object" && node !== null ? (node as XmlNode)[name] : undefined;
    const list = Array.isArray(value) ? value as unknown[] : value === undefined ? [] : [value];
    return list.map(v => typeof v === "object" && v !== null ? v as XmlNode : { "#text": v });
}

const NETMASK_BITS = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

/** 255.255.255.0 → 24; undefined for something that is not a netmask. */
export function netmaskToPrefix(netmask: string): number | undefined {
    const m = NETMASK_BITS.exec(netmask);
    if (!m) return undefined;
    const bits = m.slice(1).map(Number).map(n => n.toString(2).padStart(8, "0")).join("");
    if (!/^1*0*$/.test(bits)) return undefined;
    return bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
}

function parseIp(node: XmlNode): NetworkAddress {
    const family = attr(node, "family") === "ipv6" ? "ipv6" : "ipv4";
    const ip: NetworkAddress = { family, address: attr(node, "address") ?? "", dhcpHosts: [] };
    const prefixAttr = attr(node, "prefix");
    const netmask = attr(node, "netmask");
    const prefix = prefixAttr !== undefined ? Number(prefixAttr) : netmask ? netmaskToPrefix(netmask) : undefined;
    if (prefix !== undefined && !Number.isNaN(prefix)) ip.prefix = prefix;
    const range = child(child(node, "dhcp"), "range");
    const start = attr(range, "start");
    const end = attr(range, "end");
    if (start) ip.dhcpStart = start;
    if (end) ip.dhcpEnd = end;
    ip.dhcpHosts = many(child(node, "dhcp"), "host").flatMap(h => {
        const mac = attr(h, "mac");
        const address = attr(h, "ip");
        if (!mac || !address) return [];
        const name = attr(h, "name");
        return [name ? { mac, ip: address, name } : { mac, ip: address }];
    });
    return ip;
}

export function parseNetworkXml(xml: string): NetworkConfig {
    const doc = xmlParser.parse(xml) as Record<string, unknown>;
    const network = child(doc, "network");
    if (!network) throw new Error("not a network XML document");
    const forward = child(network, "forward");
    const config: NetworkConfig = {
        name: text(network.name) ?? "",
        uuid: text(network.uuid) ?? "",
        forwardMode: forward ? attr(forward, "mode") ?? "nat" : "isolated",
        forwardDevices: children(forward, "interface").flatMap(i => attr(i, "dev") ?? []),
        addresses: children(network, "ip").map(parseIp),
        dnsHosts: many(child(network, "dns"), "host").map(h => ({
            ip: attr(h, "ip") ?? "",
            hostnames: many(h, "hostname").flatMap(n => text(n) ?? []),
        })),
    };
    const bridge = attr(child(network, "bridge"), "name");
    if (bridge) config.bridge = bridge;
    const domain = attr(child(network, "domain"), "name");
    if (domain) config.domain = domain;
    return config;
}

export interface NatNetworkSpec {
    name: string;
    bridge: string;
    /** The host's address on the network and the prefix length: 192.168.122.1/24. */
    address: string;
    prefix: number;
    dhcpStart: string;
    dhcpEnd: string;
}

/** A NAT network with DHCP, like libvirt's own `default` network. */
export function natNetworkXml(spec: NatNetworkSpec): string {
    return networkXml({
        name: spec.name, mode: "nat", bridge: spec.bridge,
        ipv4: { address: spec.address, prefix: spec.prefix, dhcpStart: spec.dhcpStart, dhcpEnd: spec.dhcpEnd },
    });
}

/**
 * How a network reaches the outside. nat, route, open and isolated get a bridge of their own with
 * the host's addresses on it; bridge joins an existing host bridge; macvtap hands out host
 * interfaces directly (libvirt's mode "bridge" without a bridge).
 */
export type NetworkMode = "nat" | "route" | "open" | "isolated" | "bridge" | "macvtap";

export const NETWORK_MODES: readonly NetworkMode[] = ["nat", "route", "open", "isolated", "bridge", "macvtap"];

/** Whether the host has addresses on a network of this mode (and libvirt runs DHCP and DNS on it). */
export function modeHasAddresses(mode: NetworkMode): boolean {
    return mode !== "bridge" && mode !== "macvtap";
}

export interface IpSpec {
    /** The host's address on the network. */
    address: string;
    prefix: number;
    /** Both or neither: no DHCP without them. */
    dhcpStart?: string;
    dhcpEnd?: string;
}

export interface NetworkSpec {
    name: string;
    mode: NetworkMode;
    /** Its own bridge's name, or for mode bridge the host bridge it joins. */
    bridge: string;
    /** macvtap: the host interfaces; route: the one interface routed through, if any. */
    devices?: string[];
    domain?: string;
    ipv4?: IpSpec;
    ipv6?: IpSpec;
}

function ipXml(spec: IpSpec, family: "ipv4" | "ipv6"): XmlNode {
    return {
        ...(family === "ipv6" ? { "@_family": "ipv6" } : {}),
        "@_address": spec.address,
        "@_prefix": String(spec.prefix),
        ...(spec.dhcpStart && spec.dhcpEnd ? { dhcp: { range: { "@_start": spec.dhcpStart, "@_end": spec.dhcpEnd } } } : {}),
    };
}

function forwardXml(spec: NetworkSpec): XmlNode | undefined {
    const devices = spec.devices ?? [];
    switch (spec.mode) {
    case "isolated": return undefined;
    case "bridge": return { "@_mode": "bridge" };
    case "macvtap": return { "@_mode": "bridge", interface: devices.map(dev => ({ "@_dev": dev })) };
    case "route": return { "@_mode": "route", ...(devices[0] ? { "@_dev": devices[0] } : {}) };
    default: return { "@_mode": spec.mode };
    }
}

/** The XML of a new network of any mode. */
export function networkXml(spec: NetworkSpec): string {
    const network: XmlNode = { name: spec.name };
    const forward = forwardXml(spec);
    if (forward) network.forward = forward;
    if (spec.mode === "bridge") network.bridge = { "@_name": spec.bridge };
    if (modeHasAddresses(spec.mode)) {
        // Without a name libvirt chooses the next free virbrN.
        network.bridge = { ...(spec.bridge ? { "@_name": spec.bridge } : {}), "@_stp": "on", "@_delay": "0" };
        if (spec.domain) network.domain = { "@_name": spec.domain, "@_localOnly": "yes" };
        network.ip = [
            ...(spec.ipv4 ? [ipXml(spec.ipv4, "ipv4")] : []),
            ...(spec.ipv6 ? [ipXml(spec.ipv6, "ipv6")] : []),
        ];
    }
    return xmlBuilder.build({ network });
}

/** virNetworkUpdateCommand */
export const UpdateCommand = { Modify: 1, Delete: 2, AddLast: 3 } as const;
/** virNetworkUpdateSection */
export const UpdateSection = { IpDhcpHost: 4, IpDhcpRange: 5, DnsHost: 10 } as const;

export function dhcpHostXml(host: DhcpHost): string {
    return xmlBuilder.build({ host: { "@_mac": host.mac, ...(host.name ? { "@_name": host.name } : {}), "@_ip": host.ip } });
}

export function dnsHostXml(host: DnsHost): string {
    return xmlBuilder.build({ host: { "@_ip": host.ip, hostname: host.hostnames } });
}

export function dhcpRangeXml(start: string, end: string): string {
    return xmlBuilder.build({ range: { "@_start": start, "@_end": end } });
}
