// The ISO images the host's active storage pools hold, for choosing installation media.
import type { ConnectionId } from "./connection.ts";
import { listPools } from "./storage-pool-api.ts";
import { listVolumes } from "./storage-volume-api.ts";

export interface PoolIso {
    pool: string;
    name: string;
    path: string;
}

export async function listPoolIsos(conn: ConnectionId): Promise<PoolIso[]> {
    const pools = (await listPools(conn)).filter(p => p.active);
    const perPool = await Promise.all(pools.map(async pool => {
        // A pool that stops or fails meanwhile just contributes nothing.
        const volumes = await listVolumes(conn, pool.object).catch(() => []);
        return volumes.filter(v => v.format === "iso" || /\.iso$/i.test(v.path)).map(v => ({ pool: pool.name, name: v.name, path: v.path }));
    }));
    return perPool.flat();
}
