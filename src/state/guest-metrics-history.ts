// The last minutes of what the guest agent measures inside one guest, as points for graphs,
// plus the latest full answer (top processes, filesystems). Kept per VM while the page lives.
import type { Metrics } from "../../agent/src/protocol.ts";
import { historyStore, PointWindow, type TimedPoint } from "./usage-history.ts";

export interface GuestMetricsPoint extends TimedPoint {
    cpuPercent: number;
    /** Per core ("cpu0", …), percent. */
    cores: Readonly<Record<string, number>>;
    /** bytes (total minus available) */
    memoryUsed: number;
    load1: number;
    /** bytes per second, summed over the guest's disks */
    diskRead: number;
    diskWrite: number;
    /** bytes per second per interface (loopback left out) */
    net: Readonly<Record<string, { rx: number; tx: number }>>;
}

export function metricsPoint(m: Metrics, at: number): GuestMetricsPoint {
    const sum = (values: (number | null)[]): number => values.reduce<number>((a, v) => a + (v ?? 0), 0);
    return {
        at,
        cpuPercent: m.cpu.total.usagePercent,
        cores: Object.fromEntries(m.cpu.perCore.map(c => [c.cpu, c.usagePercent])),
        memoryUsed: Math.max(0, m.memory.totalBytes - m.memory.availableBytes),
        load1: m.load[0],
        diskRead: sum(m.disks.map(d => d.readBytesPerSec)),
        diskWrite: sum(m.disks.map(d => d.writeBytesPerSec)),
        net: Object.fromEntries(m.network.filter(n => n.name !== "lo").map(n => [n.name, { rx: n.rxBytesPerSec ?? 0, tx: n.txBytesPerSec ?? 0 }])),
    };
}

export class GuestMetricsHistory {
    private window = new PointWindow<GuestMetricsPoint>();
    latest: Metrics | undefined;

    get points(): readonly GuestMetricsPoint[] {
        return this.window.points;
    }

    /** at: the host's clock, so that a guest clock that jumps does not disorder the graph. */
    add(metrics: Metrics, at: number): void {
        this.latest = metrics;
        this.window.push(metricsPoint(metrics, at));
    }
}

export const guestMetricsHistory = historyStore(() => new GuestMetricsHistory());
