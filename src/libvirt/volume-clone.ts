// A new volume holding a copy of an existing one (virStorageVolCreateXMLFrom): libvirt runs
// qemu-img as root, so this works without administrative access in the session.
import { call, type ConnectionId, POOL_IFACE, PROPERTIES_IFACE, VOLUME_IFACE } from "./connection.ts";

async function volumeProperty(conn: ConnectionId, volume: string, name: "Key" | "Path"): Promise<string> {
    const [value] = await call<[{ v: unknown }]>(conn, volume, PROPERTIES_IFACE, "Get", [VOLUME_IFACE, name], "ss");
    return String(value.v);
}

/** Copies volume `source` into `pool` as the volume `xml` describes (D-Bus object path and host path). */
export async function cloneVolume(conn: ConnectionId, pool: string, source: string, xml: string): Promise<{ object: string; path: string }> {
    const key = await volumeProperty(conn, source, "Key");
    const [object] = await call<[string]>(conn, pool, POOL_IFACE, "StorageVolCreateXMLFrom", [xml, key, 0], "ssu", 600_000);
    return { object, path: await volumeProperty(conn, object, "Path") };
}
