// A disk image goes through its storage pool when it is in one (libvirt then knows it is gone);
// a file outside every pool is removed on the host directly, since libvirt does not know it.
import { removeHostFile } from "../host/host-path.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { deleteVolume, findVolume } from "../libvirt/storage-volume-api.ts";

/** Deletes a disk image: through its storage pool when it is in one, else as a plain file. */
export async function deleteImage(conn: ConnectionId, path: string): Promise<void> {
    const volume = await findVolume(conn, path);
    if (volume) await deleteVolume(conn, volume);
    else await removeHostFile(conn, path);
}
