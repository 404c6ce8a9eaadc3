// What the host can give: CPUs and memory, for checking a VM's settings before applying them.
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId } from "./connection.ts";

export async function hostCpuCount(conn: ConnectionId): Promise<number> {
    const [cpumap] = await call<[boolean[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "NodeGetCPUMap", [0], "u");
    return cpumap.filter(Boolean).length;
}

/** KiB of memory the host has in all. */
export async function hostMemoryKiB(conn: ConnectionId): Promise<number> {
    const ALL_CELLS = -1;
    const [stats] = await call<[Record<string, number>]>(conn, CONNECT_PATH, CONNECT_IFACE, "NodeGetMemoryStats", [ALL_CELLS, 0], "iu");
    return stats.total ?? 0;
}
