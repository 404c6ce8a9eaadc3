// What a new network interface can be connected to: libvirt's virtual networks and the
// host's network devices (for bridge and direct/macvtap interfaces).
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, PROPERTIES_IFACE } from "./connection.ts";
import { unwrapDict } from "./variant.ts";

const NETWORK_IFACE = "org.libvirt.Network";
const HOST_IFACE_IFACE = "org.libvirt.Interface";

export interface NetworkSummary {
    name: string;
    active: boolean;
}

async function names(conn: ConnectionId, method: string, iface: string): Promise<{ name: string; active: boolean }[]> {
    const [objects] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, method, [0], "u");
    const found = await Promise.all(objects.map(async object => {
        const [raw] = await call<[unknown]>(conn, object, PROPERTIES_IFACE, "GetAll", [iface], "s");
        const props = unwrapDict(raw);
        return { name: typeof props.Name === "string" ? props.Name : "", active: props.Active === true };
    }));
    return found.filter(n => n.name !== "").sort((a, b) => a.name.localeCompare(b.name));
}

export async function listNetworks(conn: ConnectionId): Promise<NetworkSummary[]> {
    return names(conn, "ListNetworks", NETWORK_IFACE);
}

/** Host network devices libvirt knows (may be empty where libvirt has no interface driver). */
export async function listHostInterfaces(conn: ConnectionId): Promise<string[]> {
    const found = await names(conn, "ListInterfaces", HOST_IFACE_IFACE);
    return found.map(f => f.name).filter(n => n !== "lo");
}
