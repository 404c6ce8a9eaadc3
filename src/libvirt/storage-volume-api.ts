// Creating and removing volumes in a storage pool (new VM disks).
import { call, POOL_IFACE, type ConnectionId, VOLUME_IFACE } from "./connection.ts";
import { xmlBuilder } from "./xml.ts";

export function volumeXml(name: string, capacityBytes: number, format: "qcow2" | "raw"): string {
    return xmlBuilder.build({
        volume: {
            name,
            capacity: { "@_unit": "bytes", "#text": String(capacityBytes) },
            // qcow2 grows as the guest writes; raw is allocated sparsely by the dir pool anyway.
            allocation: { "@_unit": "bytes", "#text": "0" },
            target: { format: { "@_type": format } },
        },
    });
}

/** Returns the new volume's object path and its file path on the host. */
export async function createVolume(conn: ConnectionId, poolPath: string, xml: string): Promise<{ volume: string; file: string }> {
    const [volume] = await call<[string]>(conn, poolPath, POOL_IFACE, "StorageVolCreateXML", [xml, 0], "su", 300_000);
    const [file] = await call<[{ v: unknown }]>(conn, volume, "org.freedesktop.DBus.Properties", "Get", [VOLUME_IFACE, "Path"], "ss");
    return { volume, file: String(file.v) };
}

export async function deleteVolumeObject(conn: ConnectionId, volume: string): Promise<void> {
    await call(conn, volume, VOLUME_IFACE, "Delete", [0], "u");
}
