// The alerts Prometheus holds now, read by one poll however many views show them (the Overview's
// card, the navigation's count, each VM's row and page): the poll runs while any view listens.
import { useSyncExternalStore } from "react";

import { historySettings } from "../host/history.ts";
import { alertRule, alertVm } from "../lib/prometheus/alert-rules.ts";
import type { ActiveAlert } from "../lib/prometheus/response.ts";
import { listAlerts } from "../operations/alerts.ts";
import { DataLoader, type LoadState, NOT_LOADED } from "./data-loader.ts";
import { pageVisibility } from "./page-visibility.ts";

export { type ActiveAlert, alertRule, alertVm };

/** Alerts change at Prometheus's evaluations (every scrape interval): often enough to see them soon. */
const POLL_MS = 10_000;

/** null: no history on this host, so no alerts. */
async function loadAlerts(): Promise<ActiveAlert[] | null> {
    const settings = await historySettings();
    return settings ? listAlerts(settings) : null;
}

let state: LoadState<ActiveAlert[] | null> = NOT_LOADED;
const listeners = new Set<() => void>();
const loader = new DataLoader(loadAlerts, next => {
    state = next;
    for (const listener of listeners) listener();
}, { pollMs: POLL_MS, visibility: pageVisibility });

function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    if (listeners.size === 1) loader.reload();
    return () => {
        listeners.delete(listener);
        if (listeners.size === 0) loader.stop();
    };
}

export function useAlerts(): LoadState<ActiveAlert[] | null> {
    return useSyncExternalStore(subscribe, () => state);
}

/** Reads the alerts again now (after the rules changed). */
export function reloadAlerts(): void {
    if (listeners.size > 0) loader.reload();
}

export function useFiringCount(vmName?: string): number {
    const alerts = useAlerts().data ?? [];
    return alerts.filter(a => a.state === "firing" && (vmName === undefined || alertVm(a) === vmName)).length;
}
