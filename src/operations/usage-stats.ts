// A host's or VM's usage over a past span, from the stored history (kvmm stats; the page's
// graphs read the same queries).
import { historyAvailability, type HistoryPoint, lastWindow, queryHistory } from "../host/history.ts";
import { _, format } from "../lib/i18n.ts";
import { hostQueries, type QueryWindow, vmQueries } from "../lib/prometheus/promql.ts";
import type { HistorySettings } from "../lib/prometheus/settings.ts";
import { invalidInput } from "../libvirt/errors.ts";

export type StatsTarget = { kind: "host" } | { kind: "vm"; name: string };

export interface UsageStats {
    window: QueryWindow;
    points: HistoryPoint[];
}

/** The history's settings once it answers; else what is missing, in words (kvmm). */
export async function requireHistory(): Promise<HistorySettings> {
    const availability = await historyAvailability();
    if (availability.state === "not-set-up")
        throw invalidInput(_("Stored history is not set up on this host: install prometheus, prometheus-node-exporter and prometheus-libvirt-exporter, then run pkg/host/history.sh as root (make run does both)"));
    if (availability.state === "unreachable")
        throw invalidInput(format(_("The stored history at $0 does not answer"), availability.settings.url), availability.message);
    return availability.settings;
}

export async function readUsageStats(target: StatsTarget, seconds: number): Promise<UsageStats> {
    const settings = await requireHistory();
    const window = lastWindow(settings, seconds);
    const queries = target.kind === "host" ? hostQueries(settings, window) : vmQueries(settings, target.name, window);
    return { window, points: await queryHistory(settings, queries, window) };
}
