// Where history is read from: /etc/kvm-manager/history.conf, written by pkg/host/history.sh
// (KEY=value lines, shell syntax without quoting), read by the page and kvmm alike.

export const HISTORY_CONF = "/etc/kvm-manager/history.conf";

export interface HistorySettings {
    /** The Prometheus HTTP API's base URL, without a trailing slash. */
    url: string;
    /** Seconds between samples: rates are taken over a few of them. */
    scrapeSeconds: number;
    /** The label that names a VM in libvirt metrics. */
    vmLabel: string;
    /** PromQL label matchers that pick this host's series (e.g. `host="kvm1"`); "" for all. */
    hostSelector: string;
}

const DEFAULT_PORT = 9190;
const DEFAULT_SCRAPE_SECONDS = 15;

/** Prometheus durations as the settings use them: 15s, 2m, 1h, 30d. */
export function durationSeconds(text: string): number | undefined {
    const match = /^(\d+)(ms|s|m|h|d|w|y)$/.exec(text.trim());
    if (!match) return undefined;
    const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 }[match[2] as "s"];
    return Number(match[1]) * unit;
}

export function parseHistoryConf(text: string): HistorySettings {
    const values = new Map<string, string>();
    for (const line of text.split("\n")) {
        const match = /^\s*(KVMM_HISTORY_[A-Z_]+)=(.*)$/.exec(line);
        if (match?.[1]) values.set(match[1], (match[2] ?? "").trim());
    }
    const port = Number(values.get("KVMM_HISTORY_PORT") || DEFAULT_PORT);
    const url = values.get("KVMM_HISTORY_URL") || `http://127.0.0.1:${String(port)}`;
    return {
        url: url.replace(/\/+$/, ""),
        scrapeSeconds: durationSeconds(values.get("KVMM_HISTORY_SCRAPE_INTERVAL") ?? "") ?? DEFAULT_SCRAPE_SECONDS,
        vmLabel: values.get("KVMM_HISTORY_VM_LABEL") || "domain",
        hostSelector: values.get("KVMM_HISTORY_HOST_SELECTOR") ?? "",
    };
}
