// kvmm stats (average, peak and newest value of each measure for people; every point as JSON)
// kvmm alerts (one line per alert; every label as JSON) and kvmm suggestions.
import { formatBytes } from "../lib/format-bytes.ts";
import { alertRule, alertVm } from "../lib/prometheus/alert-rules.ts";
import type { ActiveAlert } from "../lib/prometheus/response.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { listAlerts } from "../operations/alerts.ts";
import { readSuggestions, type SuggestionReport } from "../operations/suggestions/read-suggestions.ts";
import { readUsageStats, requireHistory, type StatsTarget, type UsageStats } from "../operations/usage-stats.ts";
import type { HistoryCommand } from "./history-args.ts";
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

function statsText(target: StatsTarget, { window, points }: UsageStats): string {
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

function statsJson(target: StatsTarget, { window, points }: UsageStats): unknown {
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

function alertsText(alerts: readonly ActiveAlert[]): string {
    if (alerts.length === 0) return "no alerts\n";
    return table(["STATE", "ALERT", "VM/HOST", "SINCE", "VALUE"], alerts.map(a => [
        a.state, a.name, alertVm(a) ?? a.labels.host ?? a.labels.instance ?? "-", new Date(a.since).toISOString(),
        Number.isFinite(a.value) ? String(Math.round(a.value * 100) / 100) : "-",
    ]));
}

function alertsJson(alerts: readonly ActiveAlert[]): unknown {
    return alerts.map(a => ({
        name: a.name, rule: alertRule(a) ?? null, state: a.state, vm: alertVm(a) ?? null, host: a.labels.host ?? null,
        since: a.since / 1000, value: Number.isFinite(a.value) ? a.value : null, labels: a.labels,
    }));
}

function suggestionsText({ suggestions, missing }: SuggestionReport): string {
    const lines = suggestions.map(s => `${s.vm}: ${s.title}${s.fix ? ` [fix: ${s.fix}]` : ""}\n    ${s.explanation}\n`);
    return (lines.length ? lines.join("") : "no suggestions\n") + missing.map(m => `note: ${m}\n`).join("");
}

function suggestionsJson({ suggestions, missing }: SuggestionReport): unknown {
    return { suggestions: suggestions.map(s => ({ vm: s.vm, rule: s.rule, title: s.title, explanation: s.explanation, fix: s.fix ?? null })), missing };
}

export async function runHistoryCommand(conn: ConnectionId, command: HistoryCommand, print: (json: unknown, text: string) => void): Promise<void> {
    if (command.kind === "suggestions") {
        const report = await readSuggestions(conn, command.vm);
        print(suggestionsJson(report), suggestionsText(report));
    } else if (command.kind === "stats") {
        const stats = await readUsageStats(command.target, command.sinceSeconds);
        print(statsJson(command.target, stats), statsText(command.target, stats));
    } else {
        const alerts = await listAlerts(await requireHistory());
        print(alertsJson(alerts), alertsText(alerts));
    }
}
