// The host's storage pools and, for the chosen one, its volumes, for the disk dialogs.
import type { ConnectionId } from "../../../libvirt/connection.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { listPools, type PoolSummary } from "../../../libvirt/storage-pool-api.ts";
import { listVolumes, type VolumeSummary } from "../../../libvirt/storage-volume-api.ts";
import { useData } from "../../../state/use-data.ts";

const NO_POOLS: PoolSummary[] = [];
const NO_VOLUMES: VolumeSummary[] = [];

export interface PoolsState {
    pools: PoolSummary[] | null;
    error: string | null;
}

export function useStoragePools(conn: ConnectionId): PoolsState {
    const pools = useData(() => listPools(conn), [conn]);
    if (pools.error !== undefined) return { pools: NO_POOLS, error: describeError(pools.error).detail };
    return { pools: pools.data ?? null, error: null };
}

/** null while they are read (or no pool is chosen); none when they cannot be read. */
export function usePoolVolumes(conn: ConnectionId, pool: string | null): VolumeSummary[] | null {
    const volumes = useData(() => pool ? listVolumes(conn, pool) : Promise.resolve(null), [conn, pool]);
    return volumes.error === undefined ? volumes.data ?? null : NO_VOLUMES;
}
