// org.libvirt.Network and the network calls of org.libvirt.Connect.
import type { DBusSubscription } from "../lib/cockpit-types.ts";
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, NETWORK_IFACE, PROPERTIES_IFACE, subscribe } from "./connection.ts";
import {
type DhcpHost,     dhcpHostXml, dhcpRangeXml, type DnsHost, dnsHostXml, type NetworkConfig, type NetworkSpec, networkXml,
    parseNetworkXml, UpdateCommand, UpdateSection,
} from "./network-xml.ts";
import { unwrapDict } from "./variant.ts";

export interface Network extends NetworkConfig {
    /** The D-Bus object path. */
    path: string;
    active: boolean;
    persistent: boolean;
    autostart: boolean;
}

export async function listNetworks(conn: ConnectionId): Promise<string[]> {
    const [paths] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListNetworks", [0], "u");
    return paths;
}

export async function getNetwork(conn: ConnectionId, path: string): Promise<Network> {
    const [[raw], [xml]] = await Promise.all([
        call<[unknown]>(conn, path, PROPERTIES_IFACE, "GetAll", [NETWORK_IFACE], "s"),
        call<[string]>(conn, path, NETWORK_IFACE, "GetXMLDesc", [0], "u"),
    ]);
    const props = unwrapDict(raw);
    return {
        ...parseNetworkXml(xml),
        path,
        active: props.Active === true,
        persistent: props.Persistent === true,
        autostart: props.Autostart === true,
    };
}

export async function startNetwork(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, NETWORK_IFACE, "Create", [], "");
}

export async function stopNetwork(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, NETWORK_IFACE, "Destroy", [], "");
}

export async function setNetworkAutostart(conn: ConnectionId, path: string, autostart: boolean): Promise<void> {
    await call(conn, path, PROPERTIES_IFACE, "Set", [NETWORK_IFACE, "Autostart", { t: "b", v: autostart }], "ssv");
}

/** Removes a network from libvirt: stopped first when it runs; a transient one is gone once stopped. */
export async function deleteNetwork(conn: ConnectionId, network: Pick<Network, "path" | "active" | "persistent">): Promise<void> {
    if (network.active) await stopNetwork(conn, network.path);
    if (network.persistent) await call(conn, network.path, NETWORK_IFACE, "Undefine", [], "");
}

/**
 * Defines a network, starts it and starts it at boot. When starting fails (bridge or subnet
 * taken), the definition is removed again so nothing is left half-made.
 */
export async function createNetwork(conn: ConnectionId, spec: NetworkSpec): Promise<string> {
    const [path] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "NetworkDefineXML", [networkXml(spec)], "s");
    try {
        await startNetwork(conn, path);
    } catch (error) {
        await call(conn, path, NETWORK_IFACE, "Undefine", [], "").catch(() => undefined);
        throw error;
    }
    await setNetworkAutostart(conn, path, true);
    return path;
}

/** virNetworkEventLifecycleType */
export const NetworkEvent = { Defined: 0, Undefined: 1, Started: 2, Stopped: 3 } as const;

export function subscribeNetworkEvents(conn: ConnectionId, handler: (path: string, event: number) => void): DBusSubscription {
    return subscribe(conn, CONNECT_IFACE, "NetworkEvent", (_path, _iface, _signal, args) => {
        const [network, event] = args as [string, number];
        handler(network, event);
    });
}

export interface NetworkSummary {
    name: string;
    active: boolean;
}

/** Every network's name and whether it runs, by name (what a new interface can connect to). */
export async function listNetworkSummaries(conn: ConnectionId): Promise<NetworkSummary[]> {
    const found = await Promise.all((await listNetworks(conn)).map(async object => {
        const [raw] = await call<[unknown]>(conn, object, PROPERTIES_IFACE, "GetAll", [NETWORK_IFACE], "s");
        const props = unwrapDict(raw);
        return { name: typeof props.Name === "string" ? props.Name : "", active: props.Active === true };
    }));
    return found.filter(n => n.name !== "").sort((a, b) => a.name.localeCompare(b.name));
}

/** virNetworkUpdateFlags: the running network and its definition alike. */
const UPDATE_LIVE_AND_CONFIG = 1 | 2;
const UPDATE_CONFIG = 2;

/**
 * One NetworkUpdate: on a running network it changes the running one (dnsmasq is told at once) and
 * the definition; on a stopped one only the definition.
 */
async function update(conn: ConnectionId, network: Pick<Network, "path" | "active">, command: number, section: number, xml: string,
                      parentIndex = -1): Promise<void> {
    await call(conn, network.path, NETWORK_IFACE, "Update", [command, section, parentIndex, xml, network.active ? UPDATE_LIVE_AND_CONFIG : UPDATE_CONFIG], "uuisu");
}

export async function addDhcpHost(conn: ConnectionId, network: Pick<Network, "path" | "active">, host: DhcpHost): Promise<void> {
    await update(conn, network, UpdateCommand.AddLast, UpdateSection.IpDhcpHost, dhcpHostXml(host));
}

export async function removeDhcpHost(conn: ConnectionId, network: Pick<Network, "path" | "active">, host: DhcpHost): Promise<void> {
    await update(conn, network, UpdateCommand.Delete, UpdateSection.IpDhcpHost, dhcpHostXml(host));
}

export async function addDnsHost(conn: ConnectionId, network: Pick<Network, "path" | "active">, host: DnsHost): Promise<void> {
    await update(conn, network, UpdateCommand.AddLast, UpdateSection.DnsHost, dnsHostXml(host));
}

export async function removeDnsHost(conn: ConnectionId, network: Pick<Network, "path" | "active">, host: DnsHost): Promise<void> {
    await update(conn, network, UpdateCommand.Delete, UpdateSection.DnsHost, dnsHostXml(host));
}

/**
 * Replaces the DHCP range of the network's `index`th <ip>. libvirt cannot modify a range, only add
 * and delete one: the new range is added first, so a refusal leaves the old one in place.
 */
export async function setDhcpRange(conn: ConnectionId, network: Pick<Network, "path" | "active">, index: number,
                                   old: { start: string; end: string } | undefined, range: { start: string; end: string }): Promise<void> {
    await update(conn, network, UpdateCommand.AddLast, UpdateSection.IpDhcpRange, dhcpRangeXml(range.start, range.end), index);
    if (old) await update(conn, network, UpdateCommand.Delete, UpdateSection.IpDhcpRange, dhcpRangeXml(old.start, old.end), index);
}

export interface DhcpLease {
    interface: string;
    /** Seconds since the epoch. */
    expiry: number;
    family: "ipv4" | "ipv6";
    mac: string;
    address: string;
    prefix: number;
    hostname: string;
    clientId: string;
}

/** What dnsmasq handed out on the network, as libvirt knows it. */
export async function getDhcpLeases(conn: ConnectionId, path: string): Promise<DhcpLease[]> {
    // int64 arrives as a number from cockpit.dbus, maybe as a string from other D-Bus clients.
    const [leases] = await call<[[string, number | string, number, string, string, string, number, string, string][]]>(
        conn, path, NETWORK_IFACE, "GetDHCPLeases", ["", 0], "su");
    return leases.map(([iface, expiry, type, mac, , address, prefix, hostname, clientId]) => ({
        interface: iface, expiry: Number(expiry), family: type === 1 ? "ipv6" : "ipv4", mac, address, prefix, hostname, clientId,
    }));
}
