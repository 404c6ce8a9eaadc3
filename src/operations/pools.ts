// Storage pools as operations choose them: by name, active, and (for files we write ourselves:
// images, seeds, exports) of a kind that keeps its volumes as files in a directory.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { getStoragePool, lookupStoragePool, type StoragePool } from "../libvirt/storage-pool-api.ts";

/** Pool types whose volumes are files in the pool's directory: they grow as written (sparse raw, qcow2); block pools allocate up front. */
export const FILE_POOLS: readonly string[] = ["dir", "fs", "netfs"];

/** The pool named `name`; refused when there is none (errors.ts words libvirt's refusal) or it is not running. */
export async function activePool(conn: ConnectionId, name: string): Promise<StoragePool> {
    const pool = await getStoragePool(conn, await lookupStoragePool(conn, name));
    if (!pool.active) throw invalidInput(format(_("The storage pool $0 is not running: start it first"), name));
    return pool;
}

/** The host path of a new file `fileName` in the directory of `pool`. */
export async function fileInPool(conn: ConnectionId, pool: string, fileName: string): Promise<string> {
    const found = await activePool(conn, pool);
    if (!FILE_POOLS.includes(found.type) || !found.targetPath) throw invalidInput(format(_("The storage pool $0 ($1) does not keep files: choose a directory pool"), pool, found.type));
    if (fileName === "" || fileName.includes("/") || fileName.startsWith(".")) throw invalidInput(format(_("$0 is not a file name: give a name without slashes that does not start with a dot"), fileName));
    return `${found.targetPath.replace(/\/+$/, "")}/${fileName}`;
}
