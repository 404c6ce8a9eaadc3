// Stored history for graphs: whether the history engine answers, and a range of host or VM
// usage from it, as the same points the live graphs draw.
import { type HistoryAvailability, historyAvailability, type HistoryPoint, lastWindow, queryHistory } from "../host/history.ts";
import { type HistoryRange, hostQueries, rangeSeconds, vmQueries } from "../lib/prometheus/promql.ts";
import type { UsagePoint } from "./usage-history.ts";
import { type Data, useData } from "./use-data.ts";

/** Asked again now and then: history may be set up (or stopped) while the page is open. */
const AVAILABILITY_POLL_MS = 60_000;

export function useHistoryAvailability(): Data<HistoryAvailability> {
    return useData(historyAvailability, [], { pollMs: AVAILABILITY_POLL_MS });
}

export type HistoryTarget = { kind: "host" } | { kind: "vm"; name: string };

export interface HistoryData {
    points: readonly UsagePoint[];
    /** ms since the epoch: the graphs' time axis */
    start: number;
    end: number;
}

function toUsagePoint(p: HistoryPoint): UsagePoint {
    const v = (field: string): number => p.values[field] ?? 0;
    // Memory as the live graphs have it: KiB.
    return { at: p.at, cpuPercent: v("cpuPercent"), memoryUsed: v("memoryUsed") / 1024, diskRead: v("diskRead"), diskWrite: v("diskWrite"),
             netRx: v("netRx"), netTx: v("netTx") };
}

/** A range of history, read again every step while shown; nothing while `range` or history is missing. */
export function useHistory(availability: HistoryAvailability | undefined, target: HistoryTarget, range: HistoryRange | undefined): Data<HistoryData | null> {
    const settings = availability?.state === "ready" ? availability.settings : undefined;
    const vmName = target.kind === "vm" ? target.name : undefined;
    const step = settings && range ? lastWindow(settings, rangeSeconds(range)).step : undefined;
    return useData(async () => {
        if (!settings || !range) return null;
        const w = lastWindow(settings, rangeSeconds(range));
        const queries = vmName === undefined ? hostQueries(settings, w) : vmQueries(settings, vmName, w);
        const points = await queryHistory(settings, queries, w);
        return { points: points.map(toUsagePoint), start: w.start * 1000, end: w.end * 1000 };
    }, [settings, vmName, range], { pollMs: step === undefined ? undefined : Math.max(15_000, step * 1000) });
}
