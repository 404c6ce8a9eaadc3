// Storage pools as operations choose them: by name, active, and (for files we write ourselves:
// images, seeds, exports) of a kind that keeps its volumes as files in a directory.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { listPools, type PoolSummary } from "../libvirt/storage-pool-api.ts";

/** Pool types whose volumes are files in the pool's directory: they grow as written (sparse raw, qcow2); block pools allocate up front. */
export const FILE_POOLS: readonly string[] = ["dir", "fs", "netfs"];

export async function activePool(conn: ConnectionId, name: string): Promise<PoolSummary> {
    const pool = (await listPools(conn)).find(p => p.name === name);
    if (!pool) throw invalidInput(format(_("There is no storage pool named $0"), name));
    if (!pool.active || !pool.targetPath) throw invalidInput(format(_("The storage pool $0 is not active"), name));
    return pool;
}

/** The host path of a new file `fileName` in the directory of `pool`. */
export async function fileInPool(conn: ConnectionId, pool: string, fileName: string): Promise<string> {
    const found = await activePool(conn, pool);
    if (!FILE_POOLS.includes(found.type)) throw invalidInput(format(_("The storage pool $0 ($1) does not keep files: choose a directory pool"), pool, found.type));
    if (fileName === "" || fileName.includes("/") || fileName.startsWith(".")) throw invalidInput(format(_("$0 is not a file name: give a name without slashes that does not start with a dot"), fileName));
    return `${found.targetPath.replace(/\/+$/, "")}/${fileName}`;
}
