// Storage volumes: enough to delete a VM's images. A file outside every pool is removed on the
// host directly, since libvirt does not know it.
import { transports } from "../lib/transports.ts";

import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, POOL_IFACE, VOLUME_IFACE } from "./connection.ts";
import { LibvirtError } from "./errors.ts";

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

/** Re-scans every active pool, so images made outside libvirt become known volumes. */
export async function refreshActivePools(conn: ConnectionId): Promise<void> {
    const ACTIVE = 2;
    const [pools] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListStoragePools", [ACTIVE], "u");
    await Promise.all(pools.map(pool => call(conn, pool, POOL_IFACE, "Refresh", [0], "u").catch(() => undefined)));
}

/** Deletes a disk image: through its storage pool when it is in one, else as a plain file. */
export async function deleteImage(conn: ConnectionId, path: string): Promise<void> {
    let volume = await lookupVolumeByPath(conn, path);
    if (!volume) {
        await refreshActivePools(conn);
        volume = await lookupVolumeByPath(conn, path);
    }
    if (volume) {
        await deleteVolume(conn, volume);
        return;
    }
    await transports().host.removeFile(path, { superuser: conn === "system" });
}
