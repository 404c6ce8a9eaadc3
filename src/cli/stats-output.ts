// kvmm stats: average, peak and newest value of each measure for people; every point as JSON.
import { formatBytes } from "../lib/format-bytes.ts";
import type { StatsTarget, UsageStats } from "../operations/usage-stats.ts";
import { table } from "./output.ts";

const MEASURES: { field: string; json: string; label: string; show: (v: number) => string }[] = [
    { field: "cpuPercent", json: "cpuPercent", label: "CPU", show: v => `${v.toFixed(1)} %` },
    { field: "memoryUsed", json: "memoryBytes", label: "Memory", show: formatBytes },
    { field: "diskRead", json: "diskReadBytesPerSecond", label: "Disk read", show: v => `${formatBytes(v)}/s` },
    { field: "diskWrite", json: "diskWriteBytesPerSecond", label: "Disk write", show: v => `${formatBytes(v)}/s` },
    { field: "netRx", json: "networkReceiveBytesPerSecond", label: "Network receive", show: v => `${formatBytes(v)}/s` },
    { field: "netTx", json: "networkTransmitBytesPerSecond", label: "Network transmit", show: v => `${formatBytes(v)}/s` },
];

const targetName = (target: StatsTarget): string => target.kind === "host" ? "host" : target.name;

export function statsText(target: StatsTarget, { window, points }: UsageStats): string {
    const span = `${targetName(target)}: ${new Date(window.start * 1000).toISOString()} to ${new Date(window.end * 1000).toISOString()}, ` +
        `a point every ${String(window.step)} s\n`;
    const rows = MEASURES.map(m => {
        const values = points.map(p => p.values[m.field]).filter((v): v is number => v !== undefined);
        if (values.length === 0) return [m.label, "-", "-", "-"];
        const average = values.reduce((a, b) => a + b, 0) / values.length;
        return [m.label, m.show(average), m.show(Math.max(...values)), m.show(values.at(-1) ?? 0)];
    });
    return span + table(["MEASURE", "AVERAGE", "PEAK", "LAST"], rows);
}

export function statsJson(target: StatsTarget, { window, points }: UsageStats): unknown {
    return {
        target: targetName(target), start: window.start, end: window.end, step: window.step,
        points: points.map(p => {
            const point: Record<string, number> = { time: p.at / 1000 };
            for (const m of MEASURES) {
                const value = p.values[m.field];
                if (value !== undefined) point[m.json] = value;
            }
            return point;
        }),
    };
}
