// How an alert reads on the page: what it is about, what it says, and its value.
import { _ } from "../../lib/i18n.ts";
import { type AlertRuleId, alertRuleKind } from "../../lib/prometheus/alert-rules.ts";
import { type ActiveAlert, alertRule, alertVm } from "../../state/use-alerts.ts";

export const RULE_TITLES: Record<AlertRuleId, string> = {
    "vm-cpu": _("High CPU use"),
    "vm-paused": _("Paused"),
    "vm-crashed": _("Crashed"),
    "host-cpu": _("Host CPU saturated"),
    "host-memory": _("Host memory nearly full"),
};

export function alertTitle(alert: ActiveAlert): string {
    const kind = alertRuleKind(alertRule(alert) ?? "");
    return kind ? RULE_TITLES[kind.id] : alert.name;
}

export function alertSubject(alert: ActiveAlert): string {
    return alertVm(alert) ?? alert.labels.host ?? alert.labels.instance ?? _("Host");
}

/** The measured value for rules with a threshold ("42 %"); "" for states. */
export function alertValue(alert: ActiveAlert): string {
    const kind = alertRuleKind(alertRule(alert) ?? "");
    if (!Number.isFinite(alert.value) || (kind && kind.defaults.percent === undefined)) return "";
    return kind ? `${alert.value.toFixed(alert.value < 10 ? 1 : 0)} %` : String(alert.value);
}
