// Parses the records of Connect.GetAllDomainStats / Domain.GetStats into typed values.
import { type DomainState, stateFromNumber } from "./domain-state.ts";
import { asNumber, unwrapDict } from "./variant.ts";

export interface DomainStats {
    name: string;
    state: DomainState;
    /** Nanoseconds of CPU time used by the guest, when running. */
    cpuTime?: number;
    vcpuCurrent?: number;
    vcpuMaximum?: number;
    /** KiB */
    memoryCurrent?: number;
    memoryMaximum?: number;
    memoryRss?: number;
    memoryUnused?: number;
    memoryAvailable?: number;
    /** Bytes since the VM started, summed over all disks / all interfaces (BLOCK and INTERFACE groups). */
    diskRead?: number;
    diskWrite?: number;
    netRx?: number;
    netTx?: number;
}

/** Sums block.<n>.rd.bytes and the like over every device index. */
function sumOver(s: Record<string, unknown>, pattern: RegExp): number | undefined {
    let total: number | undefined;
    for (const [key, value] of Object.entries(s)) {
        if (!pattern.test(key)) continue;
        const n = asNumber(value);
        if (n !== undefined) total = (total ?? 0) + n;
    }
    return total;
}

function set<K extends keyof DomainStats>(target: DomainStats, key: K, value: DomainStats[K] | undefined): void {
    if (value !== undefined) target[key] = value;
}

export function parseStats(name: string, raw: unknown): DomainStats {
    const s = unwrapDict(raw);
    const stats: DomainStats = { name, state: stateFromNumber(asNumber(s["state.state"])) };
    set(stats, "cpuTime", asNumber(s["cpu.time"]));
    set(stats, "vcpuCurrent", asNumber(s["vcpu.current"]));
    set(stats, "vcpuMaximum", asNumber(s["vcpu.maximum"]));
    set(stats, "memoryCurrent", asNumber(s["balloon.current"]));
    set(stats, "memoryMaximum", asNumber(s["balloon.maximum"]));
    set(stats, "memoryRss", asNumber(s["balloon.rss"]));
    set(stats, "memoryUnused", asNumber(s["balloon.unused"]));
    set(stats, "memoryAvailable", asNumber(s["balloon.available"]));
    set(stats, "diskRead", sumOver(s, /^block\.\d+\.rd\.bytes$/));
    set(stats, "diskWrite", sumOver(s, /^block\.\d+\.wr\.bytes$/));
    set(stats, "netRx", sumOver(s, /^net\.\d+\.rx\.bytes$/));
    set(stats, "netTx", sumOver(s, /^net\.\d+\.tx\.bytes$/));
    return stats;
}

/** GetAllDomainStats answers a(sa{sv}): [[name, {key: variant}], …]. */
export function parseAllStats(records: unknown): DomainStats[] {
    if (!Array.isArray(records)) return [];
    const result: DomainStats[] = [];
    for (const record of records as unknown[]) {
        if (!Array.isArray(record) || typeof record[0] !== "string") continue;
        result.push(parseStats(record[0], record[1]));
    }
    return result;
}

export interface Usage {
    /** Share of the VM's vCPUs in use, 0–100. */
    cpuPercent: number;
    /** KiB of guest memory in use (guest-reported when the balloon driver says, else host RSS). */
    memoryUsed: number;
}

/** CPU use between two samples taken `elapsedMs` apart. */
export function computeUsage(previous: DomainStats | undefined, current: DomainStats, elapsedMs: number): Usage | undefined {
    if (current.state !== "running" && current.state !== "blocked") return undefined;
    let cpuPercent = 0;
    const vcpus = current.vcpuCurrent ?? 1;
    if (previous?.cpuTime !== undefined && current.cpuTime !== undefined && elapsedMs > 0) {
        const used = current.cpuTime - previous.cpuTime;
        cpuPercent = Math.min(100, Math.max(0, used / (elapsedMs * 1e6 * vcpus) * 100));
    }
    let memoryUsed = current.memoryRss ?? 0;
    if (current.memoryAvailable !== undefined && current.memoryUnused !== undefined)
        memoryUsed = current.memoryAvailable - current.memoryUnused;
    if (current.memoryCurrent !== undefined) memoryUsed = Math.min(memoryUsed, current.memoryCurrent);
    return { cpuPercent, memoryUsed };
}
