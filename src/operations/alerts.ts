// Alerts: the rules Prometheus evaluates (edited from the Overview page and kvmm) and the alerts
// it holds now. The page and kvmm share these.
import { readActiveAlerts, readAlertRulesFile, reloadPrometheus, writeAlertRulesFile } from "../host/alert-rules.ts";
import { type AlertSettings, AlertSettingsError, defaultAlertSettings, parseAlertRules, renderAlertRules } from "../lib/prometheus/alert-rules.ts";
import type { ActiveAlert } from "../lib/prometheus/response.ts";
import type { HistorySettings } from "../lib/prometheus/settings.ts";
import { invalidInput } from "../libvirt/errors.ts";

export interface AlertRulesState {
    settings: AlertSettings;
    /** false: no rules file yet (history not set up here), the defaults are shown. */
    written: boolean;
}

export async function loadAlertRules(): Promise<AlertRulesState> {
    const text = await readAlertRulesFile();
    return text === null ? { settings: defaultAlertSettings(), written: false } : { settings: parseAlertRules(text), written: true };
}

/** Refuses bad settings before anything is written; the old file stays unless promtool accepts the new one. */
export async function saveAlertRules(history: HistorySettings, settings: AlertSettings): Promise<void> {
    let text: string;
    try {
        text = renderAlertRules(settings);
    } catch (error) {
        throw error instanceof AlertSettingsError ? invalidInput(error.message) : error;
    }
    await writeAlertRulesFile(text);
    await reloadPrometheus(history);
}

/** Firing alerts first, then pending ones; the oldest first within each. */
export async function listAlerts(history: HistorySettings): Promise<ActiveAlert[]> {
    const alerts = await readActiveAlerts(history);
    return alerts.sort((a, b) => (a.state === b.state ? a.since - b.since : a.state === "firing" ? -1 : 1));
}
