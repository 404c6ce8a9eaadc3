// PromQL for the history graphs, over the metrics of prometheus-libvirt-exporter (per VM) and
// prometheus-node-exporter (the host). The series of a chart share one range and step, so
// Prometheus answers them at the same timestamps.
import type { HistorySettings } from "./settings.ts";

/** A label value inside double quotes, as PromQL's string literals escape it. */
export function quoteLabelValue(value: string): string {
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n")}"`;
}

/** `metric{matchers}`, with the settings' host matchers added. */
export function selector(metric: string, settings: HistorySettings, matchers: string[] = []): string {
    const all = [...matchers, settings.hostSelector].filter(m => m !== "");
    return all.length ? `${metric}{${all.join(",")}}` : metric;
}

export type HistoryRange = "1h" | "6h" | "24h" | "7d" | "30d";
export const HISTORY_RANGES: readonly HistoryRange[] = ["1h", "6h", "24h", "7d", "30d"];

const RANGE_SECONDS: Record<HistoryRange, number> = { "1h": 3600, "6h": 21_600, "24h": 86_400, "7d": 604_800, "30d": 2_592_000 };

export function rangeSeconds(range: HistoryRange): number {
    return RANGE_SECONDS[range];
}

/** About this many points per graph: enough for its width, few enough to be quick. */
const POINTS = 240;

export interface QueryWindow {
    /** seconds since the epoch */
    start: number;
    end: number;
    /** seconds between points */
    step: number;
    /** The window of rate(): a point covers its whole step, and at least four samples. */
    rateWindow: number;
}

export function queryWindow(seconds: number, end: number, scrapeSeconds: number): QueryWindow {
    const step = Math.max(scrapeSeconds, Math.ceil(seconds / POINTS));
    // Aligned to the step, so a page reopened later asks for the same timestamps.
    const alignedEnd = Math.floor(end / step) * step;
    return { start: alignedEnd - seconds, end: alignedEnd, step, rateWindow: Math.max(step, 4 * scrapeSeconds) };
}

export interface HistoryQuery {
    /** The point field this series fills. */
    field: string;
    promql: string;
}

const window = (w: QueryWindow): string => `[${String(w.rateWindow)}s]`;

/** The host: CPU % busy, memory used (bytes), disk and network bytes per second. */
export function hostQueries(settings: HistorySettings, w: QueryWindow): HistoryQuery[] {
    const s = (metric: string, matchers: string[] = []) => selector(metric, settings, matchers);
    // Loopback and the VMs' own tap devices would count the same bytes twice.
    const nics = ['device!="lo"', 'device!~"vnet.*|virbr.*-nic|veth.*"'];
    return [
        { field: "cpuPercent", promql: `100 * (1 - avg(rate(${s("node_cpu_seconds_total", ['mode="idle"'])}${window(w)})))` },
        { field: "memoryUsed", promql: `sum(${s("node_memory_MemTotal_bytes")} - ${s("node_memory_MemAvailable_bytes")})` },
        { field: "diskRead", promql: `sum(rate(${s("node_disk_read_bytes_total")}${window(w)}))` },
        { field: "diskWrite", promql: `sum(rate(${s("node_disk_written_bytes_total")}${window(w)}))` },
        { field: "netRx", promql: `sum(rate(${s("node_network_receive_bytes_total", nics)}${window(w)}))` },
        { field: "netTx", promql: `sum(rate(${s("node_network_transmit_bytes_total", nics)}${window(w)}))` },
    ];
}

/** One VM by name: CPU % of its vCPUs, memory (bytes), disk and network bytes per second. */
export function vmQueries(settings: HistorySettings, vmName: string, w: QueryWindow): HistoryQuery[] {
    const vm = `${settings.vmLabel}=${quoteLabelValue(vmName)}`;
    const s = (metric: string) => selector(metric, settings, [vm]);
    const sumRate = (metric: string) => `sum(rate(${s(metric)}${window(w)}))`;
    return [
        { field: "cpuPercent", promql: `100 * sum(rate(${s("libvirt_domain_info_cpu_time_seconds_total")}${window(w)})) / sum(${s("libvirt_domain_info_virtual_cpus")})` },
        { field: "memoryUsed", promql: `sum(${s("libvirt_domain_info_memory_usage_bytes")})` },
        { field: "diskRead", promql: sumRate("libvirt_domain_block_stats_read_bytes_total") },
        { field: "diskWrite", promql: sumRate("libvirt_domain_block_stats_write_bytes_total") },
        { field: "netRx", promql: sumRate("libvirt_domain_interface_stats_receive_bytes_total") },
        { field: "netTx", promql: sumRate("libvirt_domain_interface_stats_transmit_bytes_total") },
    ];
}

/** The checks over the last week behind the suggestions: one each hour, so a full week is 168. */
export interface WeekQueries {
    /** Per VM: checks that found it running. */
    runningHours: string;
    /** Per VM: checks that had the guest's usable memory (balloon statistics), and its least value. */
    memoryHours: string;
    leastUsableBytes: string;
}

export function weekQueries(settings: HistorySettings): WeekQueries {
    const by = `by (${settings.vmLabel})`;
    const usable = selector("libvirt_domain_memory_stats_usable_bytes", settings);
    return {
        runningHours: `max ${by} (count_over_time((${selector("libvirt_domain_state_code", settings)} == 1)[7d:1h]))`,
        memoryHours: `max ${by} (count_over_time(${usable}[7d:1h]))`,
        leastUsableBytes: `min ${by} (min_over_time(${usable}[7d:1h]))`,
    };
}
