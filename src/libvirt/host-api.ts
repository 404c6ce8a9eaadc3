// What the host can give: CPUs and memory, for checking a VM's settings before applying them.
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, PROPERTIES_IFACE } from "./connection.ts";

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

/** Host network devices libvirt knows, for bridge and direct (macvtap) interfaces; may be empty
 *  where libvirt has no interface driver. */
export async function listHostInterfaces(conn: ConnectionId): Promise<string[]> {
    const [objects] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListInterfaces", [0], "u");
    const names = await Promise.all(objects.map(async object => {
        const [name] = await call<[{ v: unknown }]>(conn, object, PROPERTIES_IFACE, "Get", ["org.libvirt.Interface", "Name"], "ss");
        return String(name.v);
    }));
    return names.filter(n => n !== "" && n !== "lo").sort((a, b) => a.localeCompare(b));
}
