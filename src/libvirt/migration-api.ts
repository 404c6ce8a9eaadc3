// A domain's job as libvirt reports it (virDomainGetJobStats) and its cancelling: what a
// migration shows while it runs. libvirt-dbus has no migrate call; src/host runs virsh for that.
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, DOMAIN_IFACE, PROPERTIES_IFACE } from "./connection.ts";
import { asNumber, unwrapDict } from "./variant.ts";

/** A migration's figures; absent where libvirt did not report them (yet). */
export interface JobStats {
    /** virDomainJobType: 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed, 5 cancelled. */
    type: number;
    elapsedMs?: number;
    /** Memory and disks together. */
    dataTotal?: number;
    dataRemaining?: number;
    memoryTotal?: number;
    memoryRemaining?: number;
    memoryBytesPerSecond?: number;
    diskTotal?: number;
    diskRemaining?: number;
    diskBytesPerSecond?: number;
    /** While running: the downtime QEMU expects; once completed: the downtime there was. */
    expectedDowntimeMs?: number;
    downtimeMs?: number;
}

export const JobType = { None: 0, Completed: 3 } as const;

/** VIR_DOMAIN_JOB_STATS_COMPLETED: the last finished job instead of the running one. */
export const JOB_STATS_COMPLETED = 1;

/** The reply of GetJobStats, (ia{sv}), in cockpit.dbus's or dbus-native's form. */
export function parseJobStats(reply: unknown): JobStats {
    const [type, params] = Array.isArray(reply) ? reply as unknown[] : [0, {}];
    const p = unwrapDict(params);
    const n = (key: string) => asNumber(p[key]);
    const stats: JobStats = { type: asNumber(type) ?? 0 };
    const fields: [keyof Omit<JobStats, "type">, string][] = [
        ["elapsedMs", "time_elapsed"], ["dataTotal", "data_total"], ["dataRemaining", "data_remaining"], ["memoryTotal", "memory_total"], ["memoryRemaining", "memory_remaining"],
        ["memoryBytesPerSecond", "memory_bps"], ["diskTotal", "disk_total"], ["diskRemaining", "disk_remaining"],
        ["diskBytesPerSecond", "disk_bps"], ["expectedDowntimeMs", "downtime"], ["downtimeMs", "downtime"],
    ];
    for (const [field, key] of fields) {
        const value = n(key);
        if (value !== undefined) stats[field] = value;
    }
    // libvirt names both "downtime": expected while the job runs, measured once it completed.
    if (stats.type === JobType.Completed) delete stats.expectedDowntimeMs;
    else delete stats.downtimeMs;
    return stats;
}

export async function getJobStats(conn: ConnectionId, path: string, flags = 0): Promise<JobStats> {
    const [reply] = await call<[unknown]>(conn, path, DOMAIN_IFACE, "GetJobStats", [flags], "u");
    return parseJobStats(reply);
}

export async function abortJob(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "AbortJob", [], "");
}

/** This host's name as libvirt tells it: a destination with the same name is this host again. */
export async function libvirtHostname(conn: ConnectionId): Promise<string> {
    const [value] = await call<[{ v: unknown }]>(conn, CONNECT_PATH, PROPERTIES_IFACE, "Get", [CONNECT_IFACE, "Hostname"], "ss");
    return String(value.v);
}
