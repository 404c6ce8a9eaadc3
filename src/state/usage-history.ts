// The last minutes of one VM's usage, as points for graphs. Kept per VM while the page lives,
// so leaving the Usage tab and coming back does not lose the history.
import { computeUsage, type DomainStats } from "../libvirt/domain-stats.ts";

export interface UsagePoint {
    /** ms since the epoch */
    at: number;
    cpuPercent: number;
    /** KiB */
    memoryUsed: number;
    /** bytes per second */
    diskRead: number;
    diskWrite: number;
    netRx: number;
    netTx: number;
}

export const HISTORY_MS = 5 * 60 * 1000;

function rate(previous: number | undefined, current: number | undefined, seconds: number): number {
    if (previous === undefined || current === undefined || seconds <= 0 || current < previous) return 0;
    return (current - previous) / seconds;
}

export class UsageHistory {
    private last: { stats: DomainStats; at: number } | undefined;
    points: UsagePoint[] = [];

    /** Adds a sample; the first one (and one after a restart) only sets the baseline. */
    add(stats: DomainStats, at: number): void {
        const previous = this.last;
        this.last = { stats, at };
        if (stats.state !== "running" && stats.state !== "blocked") return;
        // CPU time going backwards means the VM restarted: start the rates afresh.
        if (!previous || (previous.stats.cpuTime ?? 0) > (stats.cpuTime ?? 0)) return;
        const seconds = (at - previous.at) / 1000;
        const usage = computeUsage(previous.stats, stats, at - previous.at);
        this.points = [...this.points.filter(p => p.at > at - HISTORY_MS), {
            at,
            cpuPercent: usage?.cpuPercent ?? 0,
            memoryUsed: usage?.memoryUsed ?? 0,
            diskRead: rate(previous.stats.diskRead, stats.diskRead, seconds),
            diskWrite: rate(previous.stats.diskWrite, stats.diskWrite, seconds),
            netRx: rate(previous.stats.netRx, stats.netRx, seconds),
            netTx: rate(previous.stats.netTx, stats.netTx, seconds),
        }];
    }
}

const histories = new Map<string, UsageHistory>();

export function usageHistory(vmKey: string): UsageHistory {
    let history = histories.get(vmKey);
    if (!history) {
        history = new UsageHistory();
        histories.set(vmKey, history);
    }
    return history;
}
