// Alert rules for Prometheus to evaluate, from a small settings model: each rule on or off, its
// threshold (a percentage, where it has one) and how long the condition must hold. The rules
// file is the only store: each rule carries its id and threshold, so the settings are read back
// from it. Only what the exporters really export (see test/stack/README.md): prometheus-libvirt-
// exporter 0.2.0 has no balloon or guest agent statistics, no pool capacity and no state reason
// (a pause by an I/O error looks like any pause).
import { Document, isMap, isSeq, parseDocument } from "yaml";

import { _, format } from "../i18n.ts";
import type { ActiveAlert } from "./response.ts";
import { durationSeconds } from "./settings.ts";

export type AlertRuleId = "vm-cpu" | "vm-paused" | "vm-crashed" | "host-cpu" | "host-memory";

export interface AlertRuleSetting {
    enabled: boolean;
    /** Minutes the condition must hold before the alert fires (0: at the next evaluation). */
    minutes: number;
    /** The percentage above which it holds; only for rules with a threshold. */
    percent?: number | undefined;
}

export type AlertSettings = Record<AlertRuleId, AlertRuleSetting>;

export interface AlertRuleKind {
    id: AlertRuleId;
    /** Prometheus's alert name. */
    alert: string;
    /** Whom it is about: a VM alert has the VM's name in its labels. */
    subject: "vm" | "host";
    severity: "warning" | "critical";
    /** PromQL of the condition, given the threshold (for rules with one). */
    expr: (percent: number) => string;
    /** For the rules file's readers (Prometheus's own UI, Alertmanager). */
    summary: string;
    defaults: AlertRuleSetting;
}

const RATE = "[1m]";

/** The rules in the order the editor shows them. */
export const ALERT_RULE_KINDS: readonly AlertRuleKind[] = [
    {
        id: "vm-cpu", alert: "KvmmVmCpuHigh", subject: "vm", severity: "warning",
        expr: p => `100 * sum by (host, domain) (rate(libvirt_domain_info_cpu_time_seconds_total${RATE})) / sum by (host, domain) (libvirt_domain_info_virtual_cpus) > ${String(p)}`,
        summary: "VM {{ $labels.domain }} uses {{ $value | printf \"%.0f\" }} % of its vCPUs",
        defaults: { enabled: true, minutes: 10, percent: 90 },
    },
    {
        // libvirt's VIR_DOMAIN_PAUSED: by the user, or by an I/O error (the exporter gives no reason).
        id: "vm-paused", alert: "KvmmVmPaused", subject: "vm", severity: "warning",
        expr: () => "libvirt_domain_state_code == 3",
        summary: "VM {{ $labels.domain }} is paused",
        defaults: { enabled: true, minutes: 5 },
    },
    {
        // VIR_DOMAIN_CRASHED: a guest kept after a crash (on_crash preserve).
        id: "vm-crashed", alert: "KvmmVmCrashed", subject: "vm", severity: "critical",
        expr: () => "libvirt_domain_state_code == 6",
        summary: "VM {{ $labels.domain }} has crashed",
        defaults: { enabled: true, minutes: 0 },
    },
    {
        id: "host-cpu", alert: "KvmmHostCpuHigh", subject: "host", severity: "warning",
        expr: p => `100 * (1 - avg by (host) (rate(node_cpu_seconds_total{mode="idle"}${RATE}))) > ${String(p)}`,
        summary: "Host {{ $labels.host }} CPU is {{ $value | printf \"%.0f\" }} % busy",
        defaults: { enabled: true, minutes: 15, percent: 95 },
    },
    {
        id: "host-memory", alert: "KvmmHostMemoryHigh", subject: "host", severity: "critical",
        expr: p => `100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > ${String(p)}`,
        summary: "Host {{ $labels.host }} memory is {{ $value | printf \"%.0f\" }} % used",
        defaults: { enabled: true, minutes: 5, percent: 90 },
    },
];

export function alertRuleKind(id: string): AlertRuleKind | undefined {
    return ALERT_RULE_KINDS.find(k => k.id === id);
}

/** The label naming the rule an alert came from. */
export const RULE_LABEL = "kvmm_rule";
const GROUP = "kvm-manager";
/** A day: longer conditions are better seen in the history graphs. */
export const MAX_MINUTES = 1440;

export function defaultAlertSettings(): AlertSettings {
    return Object.fromEntries(ALERT_RULE_KINDS.map(k => [k.id, { ...k.defaults }])) as AlertSettings;
}

export class AlertSettingsError extends Error {}

/** Rejects a setting that Prometheus would take but that makes no sense, in the user's words. */
export function validateAlertSettings(settings: AlertSettings): void {
    for (const kind of ALERT_RULE_KINDS) {
        const s = settings[kind.id];
        if (!Number.isInteger(s.minutes) || s.minutes < 0 || s.minutes > MAX_MINUTES)
            throw new AlertSettingsError(format(_("$0: the duration must be a whole number of minutes from 0 to $1."), kind.alert, MAX_MINUTES));
        if (kind.defaults.percent === undefined) continue;
        const p = s.percent;
        if (p === undefined || !Number.isFinite(p) || p <= 0 || p >= 100)
            throw new AlertSettingsError(format(_("$0: the threshold must be a percentage above 0 and below 100."), kind.alert));
    }
}

/** The rules file (Prometheus's rule file format), rendered as YAML. */
export function renderAlertRules(settings: AlertSettings): string {
    validateAlertSettings(settings);
    const rules = ALERT_RULE_KINDS.filter(k => settings[k.id].enabled).map(kind => {
        const s = settings[kind.id];
        const percent = kind.defaults.percent === undefined ? undefined : s.percent;
        return {
            alert: kind.alert,
            expr: kind.expr(percent ?? 0),
            for: `${String(s.minutes)}m`,
            labels: { severity: kind.severity, [RULE_LABEL]: kind.id },
            annotations: { summary: kind.summary, ...percent === undefined ? {} : { threshold: String(percent) } },
        };
    });
    const doc = new Document({ groups: [{ name: GROUP, rules }] });
    doc.commentBefore = " Alert rules of KVM Manager: its Overview page and `kvmm alerts` edit this file\n (pkg/host/history.sh installs the defaults); Prometheus reads it (rule_files).";
    return doc.toString({ lineWidth: 0 });
}

const get = (node: unknown, key: string): unknown => (isMap(node) ? node.get(key) : undefined);

/**
 * The settings the rules file holds: a rule missing from it is off (with its default values),
 * one of ours that does not read back is refused. A file that is not ours at all is refused too.
 */
export function parseAlertRules(text: string): AlertSettings {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new AlertSettingsError(format(_("The alert rules file is not valid YAML: $0"), doc.errors[0]?.message ?? ""));
    const settings = defaultAlertSettings();
    for (const s of Object.values(settings)) s.enabled = false;
    const groups = get(doc.contents, "groups");
    const group = isSeq(groups) ? groups.items.find(g => get(g, "name") === GROUP) : undefined;
    const rules = get(group, "rules");
    for (const rule of isSeq(rules) ? rules.items : []) {
        const kind = alertRuleKind(String(get(get(rule, "labels"), RULE_LABEL)));
        if (!kind) continue;
        const duration = get(rule, "for");
        const seconds = typeof duration === "string" ? durationSeconds(duration) : undefined;
        const threshold = get(get(rule, "annotations"), "threshold");
        settings[kind.id] = { enabled: true, minutes: seconds === undefined ? NaN : seconds / 60,
                              ...kind.defaults.percent === undefined ? {} : { percent: Number(threshold) } };
    }
    validateAlertSettings(settings);
    return settings;
}

/** The VM an alert is about (our rules keep libvirt's `domain` label); undefined for the host's. */
export function alertVm(alert: ActiveAlert): string | undefined {
    return alert.labels.domain;
}

/** The rule of ours an alert came from, if it did. */
export function alertRule(alert: ActiveAlert): string | undefined {
    return alert.labels[RULE_LABEL];
}
