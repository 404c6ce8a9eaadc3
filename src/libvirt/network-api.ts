// org.libvirt.Network and the network calls of org.libvirt.Connect.
import type { DBusSubscription } from "../lib/cockpit-types.ts";
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, NETWORK_IFACE, PROPERTIES_IFACE, subscribe } from "./connection.ts";
import { type NatNetworkSpec, natNetworkXml, type NetworkConfig, parseNetworkXml } from "./network-xml.ts";
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
 * Defines a NAT network, starts it and starts it at boot. When starting fails (bridge or
 * subnet taken), the definition is removed again so nothing is left half-made.
 */
export async function createNatNetwork(conn: ConnectionId, spec: NatNetworkSpec): Promise<string> {
    const [path] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "NetworkDefineXML", [natNetworkXml(spec)], "s");
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
