// org.libvirt.StorageVol and the volume calls of org.libvirt.Connect and org.libvirt.StoragePool:
// look volumes up, list a pool's, create, copy (virStorageVolCreateXMLFrom: libvirt runs qemu-img
// as root, so that works without administrative access in the session), grow and delete them.
import { _, format } from "../lib/i18n.ts";
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, POOL_IFACE, PROPERTIES_IFACE, VOLUME_IFACE } from "./connection.ts";
import { LibvirtError } from "./errors.ts";
import { refreshActivePools } from "./storage-pool-api.ts";
import { attr, child, documentElement, text } from "./xml.ts";

export interface VolumeSummary {
    object: string;
    name: string;
    /** Host path of the image. */
    path: string;
    format: string;
    /** 0 file, 1 block, 2 dir, 3 network, 4 netdir, 5 ploop. */
    type: number;
    capacity: number;
    allocation: number;
    /** The image a qcow2 overlay reads from. */
    backingPath?: string;
}

export interface VolumeInfo {
    type: number;
    capacity: number;
    allocation: number;
}

export async function lookupVolumeByPath(conn: ConnectionId, path: string): Promise<string | null> {
    try {
        const [volume] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "StorageVolLookupByPath", [path], "s");
        return volume;
    } catch (error) {
        if (error instanceof LibvirtError && /Storage volume not found|no storage vol/i.test(error.described.detail)) return null;
        throw error;
    }
}

export async function deleteVolume(conn: ConnectionId, volumePath: string): Promise<void> {
    await call(conn, volumePath, VOLUME_IFACE, "Delete", [0], "u");
}

export async function volumeInfo(conn: ConnectionId, volume: string): Promise<VolumeInfo> {
    const [[type, capacity, allocation]] = await call<[[number, number, number]]>(conn, volume, VOLUME_IFACE, "GetInfo", [0], "u");
    return { type, capacity, allocation };
}

/** virStorageVolType by the name the XML gives it. */
const VOLUME_TYPES = ["file", "block", "dir", "network", "netdir", "ploop"];

const bytes = (node: unknown): number => Number(text(node) ?? 0);

/** One volume from its XML alone (one call each: a pool of 1000 volumes is read in one round). */
export function parseVolumeXml(object: string, xml: string): VolumeSummary {
    const volume = documentElement(xml, "volume");
    const target = child(volume, "target");
    const backing = text(child(child(volume, "backingStore"), "path"));
    return {
        object,
        name: text(child(volume, "name")) ?? "",
        path: text(child(target, "path")) ?? "",
        format: attr(child(target, "format"), "type") ?? "",
        type: Math.max(0, VOLUME_TYPES.indexOf(attr(volume, "type") ?? "file")),
        // libvirt writes both in bytes ("unit='bytes'").
        capacity: bytes(child(volume, "capacity")),
        allocation: bytes(child(volume, "allocation")),
        ...(backing ? { backingPath: backing } : {}),
    };
}

async function volumeSummary(conn: ConnectionId, object: string): Promise<VolumeSummary> {
    const [xml] = await call<[string]>(conn, object, VOLUME_IFACE, "GetXMLDesc", [0], "u");
    return parseVolumeXml(object, xml);
}

export async function listVolumes(conn: ConnectionId, pool: string): Promise<VolumeSummary[]> {
    await call(conn, pool, POOL_IFACE, "Refresh", [0], "u").catch(() => undefined);
    const [objects] = await call<[string[]]>(conn, pool, POOL_IFACE, "ListStorageVolumes", [0], "u");
    // A volume deleted between the listing and its read (another clone's clean-up) is gone, not a failure.
    const volumes = await Promise.all(objects.map(o => volumeSummary(conn, o).catch((error: unknown) => {
        if (error instanceof Error && /no storage vol with matching/.test(error.message)) return null;
        throw error;
    })));
    return volumes.filter(v => v !== null).sort((a, b) => a.name.localeCompare(b.name));
}

export async function volumeByObject(conn: ConnectionId, object: string): Promise<VolumeSummary> {
    return volumeSummary(conn, object);
}

export async function createVolume(conn: ConnectionId, pool: string, xml: string): Promise<VolumeSummary> {
    const [object] = await call<[string]>(conn, pool, POOL_IFACE, "StorageVolCreateXML", [xml, 0], "su", 120_000);
    return volumeSummary(conn, object);
}

/** The volume holding a host path, refreshing the pools once when libvirt does not know it yet. */
export async function findVolume(conn: ConnectionId, path: string): Promise<string | null> {
    const found = await lookupVolumeByPath(conn, path);
    if (found) return found;
    await refreshActivePools(conn);
    return lookupVolumeByPath(conn, path);
}

export async function volumeSummaryByPath(conn: ConnectionId, path: string): Promise<VolumeSummary | null> {
    const object = await lookupVolumeByPath(conn, path);
    return object ? volumeSummary(conn, object) : null;
}

export async function volumeByName(conn: ConnectionId, poolName: string, volume: string): Promise<VolumeSummary> {
    const [pool] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "StoragePoolLookupByName", [poolName], "s");
    const [object] = await call<[string]>(conn, pool, POOL_IFACE, "StorageVolLookupByName", [volume], "s");
    return volumeSummary(conn, object);
}

/** Grows the image of a shut-off VM's disk. */
export async function resizeVolume(conn: ConnectionId, path: string, bytes: number): Promise<void> {
    const object = await findVolume(conn, path);
    if (!object) {
        throw new LibvirtError({
            kind: "not-found",
            summary: _("The disk image is not in a storage pool"),
            detail: format(_("$0 is not a volume of any active storage pool, so it cannot be resized while the virtual machine is shut off."), path),
        });
    }
    await resizeVolumeObject(conn, object, bytes);
}

export async function resizeVolumeObject(conn: ConnectionId, object: string, size: number): Promise<void> {
    await call(conn, object, VOLUME_IFACE, "Resize", [size, 0], "tu", 120_000);
}

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
