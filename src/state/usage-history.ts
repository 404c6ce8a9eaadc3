// The last minutes of running VMs' usage, as points for graphs. The list's stats poll feeds it
// from the moment the page loads, so a VM's Usage tab opens with the minutes before; a VM that
// stops loses its history (so 1000 shut-off VMs cost nothing). The time window and the per-VM
// store serve the guest metrics history too.
import { computeUsage, type DomainStats } from "../libvirt/domain-stats.ts";

export interface TimedPoint {
    /** ms since the epoch */
    at: number;
}

export interface UsagePoint extends TimedPoint {
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

/** The points of the last HISTORY_MS, oldest first. */
export class PointWindow<P extends TimedPoint> {
    points: readonly P[] = [];

    /** A new array each time, so React sees the change. */
    push(point: P): void {
        this.points = [...this.points.filter(p => p.at > point.at - HISTORY_MS), point];
    }
}

/** One history per VM key, created on first use and kept while the page lives. */
export function historyStore<H>(create: () => H): (vmKey: string) => H {
    const histories = new Map<string, H>();
    return vmKey => {
        let history = histories.get(vmKey);
        if (history === undefined) {
            history = create();
            histories.set(vmKey, history);
        }
        return history;
    };
}

export class UsageHistory {
    private last: { stats: DomainStats; at: number } | undefined;
    private window = new PointWindow<UsagePoint>();

    get points(): readonly UsagePoint[] {
        return this.window.points;
    }

    /** Adds a sample; the first one (and one after a restart) only sets the baseline. */
    add(stats: DomainStats, at: number): void {
        const previous = this.last;
        this.last = { stats, at };
        if (stats.state !== "running" && stats.state !== "blocked") return;
        // CPU time going backwards means the VM restarted: start the rates afresh.
        if (!previous || (previous.stats.cpuTime ?? 0) > (stats.cpuTime ?? 0)) return;
        const seconds = (at - previous.at) / 1000;
        const usage = computeUsage(previous.stats, stats, at - previous.at);
        this.window.push({
            at,
            cpuPercent: usage?.cpuPercent ?? 0,
            memoryUsed: usage?.memoryUsed ?? 0,
            diskRead: rate(previous.stats.diskRead, stats.diskRead, seconds),
            diskWrite: rate(previous.stats.diskWrite, stats.diskWrite, seconds),
            netRx: rate(previous.stats.netRx, stats.netRx, seconds),
            netTx: rate(previous.stats.netTx, stats.netTx, seconds),
        });
    }
}

const NO_POINTS: readonly UsagePoint[] = [];

/** The histories of every running VM, by VM key; views subscribe to hear of new points. */
export class UsageHistories {
    private readonly byVm = new Map<string, UsageHistory>();
    private readonly listeners = new Set<() => void>();

    subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    points(vmKey: string): readonly UsagePoint[] {
        return this.byVm.get(vmKey)?.points ?? NO_POINTS;
    }

    private latestCache: ReadonlyMap<string, UsagePoint> | undefined;

    /** Each running VM's newest point, by VM key; the same map until the next poll (a store snapshot). */
    latest = (): ReadonlyMap<string, UsagePoint> => {
        if (!this.latestCache) {
            const latest = new Map<string, UsagePoint>();
            for (const [key, history] of this.byVm) {
                const point = history.points.at(-1);
                if (point) latest.set(key, point);
            }
            this.latestCache = latest;
        }
        return this.latestCache;
    };

    /** A sample of a VM whose QEMU process runs (running, paused…): see UsageHistory.add. */
    add(vmKey: string, stats: DomainStats, at: number): void {
        let history = this.byVm.get(vmKey);
        if (!history) {
            history = new UsageHistory();
            this.byVm.set(vmKey, history);
        }
        history.add(stats, at);
    }

    /** Forgets the VMs of `connection` not in `active`: they stopped or went away. */
    retain(connection: string, active: ReadonlySet<string>): void {
        for (const key of this.byVm.keys())
            if (key.startsWith(`${connection}/`) && !active.has(key)) this.byVm.delete(key);
    }

    /** Tells the views; once per poll, after all its samples. */
    notify(): void {
        this.latestCache = undefined;
        for (const listener of this.listeners) listener();
    }
}
