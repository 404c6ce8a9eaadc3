// Virtual network XML: what the pages show of a network, and the XML of a new NAT network.
import { attr, child, children, text, xmlBuilder, type XmlNode,xmlParser } from "./xml.ts";

export interface NetworkAddress {
    family: "ipv4" | "ipv6";
    /** The host's address on the network, e.g. 192.168.122.1. */
    address: string;
    prefix?: number;
    dhcpStart?: string;
    dhcpEnd?: string;
}

export interface NetworkConfig {
    name: string;
    uuid: string;
    /** nat, route, open, bridge, …; "isolated" when there is no <forward>. */
    forwardMode: string;
    bridge?: string;
    addresses: NetworkAddress[];
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
    const ip: NetworkAddress = { family, address: attr(node, "address") ?? "" };
    const prefixAttr = attr(node, "prefix");
    const netmask = attr(node, "netmask");
    const prefix = prefixAttr !== undefined ? Number(prefixAttr) : netmask ? netmaskToPrefix(netmask) : undefined;
    if (prefix !== undefined && !Number.isNaN(prefix)) ip.prefix = prefix;
    const range = child(child(node, "dhcp"), "range");
    const start = attr(range, "start");
    const end = attr(range, "end");
    if (start) ip.dhcpStart = start;
    if (end) ip.dhcpEnd = end;
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
        addresses: children(network, "ip").map(parseIp),
    };
    const bridge = attr(child(network, "bridge"), "name");
    if (bridge) config.bridge = bridge;
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
    return xmlBuilder.build({
        network: {
            name: spec.name,
            forward: { "@_mode": "nat" },
            bridge: { "@_name": spec.bridge, "@_stp": "on", "@_delay": "0" },
            ip: {
                "@_address": spec.address,
                "@_prefix": String(spec.prefix),
                dhcp: { range: { "@_start": spec.dhcpStart, "@_end": spec.dhcpEnd } },
            },
        },
    });
}
