import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import QUnit from "qunit";
import { parse } from "yaml";

import { parseArgs } from "../../src/cli/args.ts";
import { ALERT_RULE_KINDS, type AlertSettings, AlertSettingsError, defaultAlertSettings, parseAlertRules, renderAlertRules,
         validateAlertSettings } from "../../src/lib/prometheus/alert-rules.ts";
import { parseAlerts, PrometheusError } from "../../src/lib/prometheus/response.ts";
import { usage } from "./cli-usage.ts";

interface RuleFile { groups: { name: string; rules: { alert: string; expr: string; for: string; labels: Record<string, string> }[] }[] }

QUnit.module("alert rules", () => {
    QUnit.test("the defaults render to rules that parse back to the same settings", assert => {
        const text = renderAlertRules(defaultAlertSettings());
        const file = parse(text) as RuleFile;
        assert.deepEqual(file.groups[0]?.rules.map(r => r.alert), ALERT_RULE_KINDS.map(k => k.alert), "one rule per kind");
        assert.strictEqual(file.groups[0]?.rules[0]?.for, "10m");
        assert.true(file.groups[0]?.rules[0]?.expr.endsWith("> 90"), "the threshold is in the condition");
        assert.deepEqual(parseAlertRules(text), defaultAlertSettings());
    });

    QUnit.test("the defaults history.sh installs are the rendered defaults", assert => {
        assert.strictEqual(readFileSync("pkg/host/alert-rules.yml", "utf8"), renderAlertRules(defaultAlertSettings()));
    });

    QUnit.test("a changed threshold and a rule turned off read back", assert => {
        const settings: AlertSettings = { ...defaultAlertSettings(), "vm-cpu": { enabled: true, minutes: 0, percent: 1.5 }, "vm-paused": { enabled: false, minutes: 5 } };
        const text = renderAlertRules(settings);
        const file = parse(text) as RuleFile;
        assert.false(file.groups[0]?.rules.some(r => r.labels.kvmm_rule === "vm-paused"), "an off rule is left out");
        assert.true(file.groups[0]?.rules[0]?.expr.endsWith("> 1.5"));
        assert.deepEqual(parseAlertRules(text), settings);
    });

    QUnit.test("bad thresholds and durations are refused with what is wrong", assert => {
        const withCpu = (s: Partial<AlertSettings["vm-cpu"]>): AlertSettings => ({ ...defaultAlertSettings(), "vm-cpu": { ...defaultAlertSettings()["vm-cpu"], ...s } });
        for (const percent of [0, 100, -5, NaN, undefined])
            assert.throws(() => renderAlertRules(withCpu({ percent })), (e: Error) => e instanceof AlertSettingsError && /threshold must be a percentage/.test(e.message), `percent ${String(percent)}`);
        for (const minutes of [-1, 1.5, 1441])
            assert.throws(() => validateAlertSettings(withCpu({ minutes })), /whole number of minutes/, `minutes ${String(minutes)}`);
        // Off rules are checked too: turning one on later must not find a bad value.
        assert.throws(() => validateAlertSettings(withCpu({ enabled: false, percent: 200 })), AlertSettingsError);
    });

    QUnit.test("a rules file that is not YAML or has a bad value is refused", assert => {
        assert.throws(() => parseAlertRules("groups: [\n"), /not valid YAML/);
        const text = renderAlertRules(defaultAlertSettings()).replace('threshold: "90"', 'threshold: "lots"');
        assert.throws(() => parseAlertRules(text), /threshold must be a percentage/);
        assert.deepEqual(Object.values(parseAlertRules("groups: []\n")).map(s => s.enabled), ALERT_RULE_KINDS.map(() => false), "an empty file: all off");
    });

    QUnit.test("promtool accepts the rendered rules", assert => {
        const dir = mkdtempSync(path.join(tmpdir(), "kvmm-rules-"));
        try {
            const file = path.join(dir, "rules.yml");
            writeFileSync(file, renderAlertRules({ ...defaultAlertSettings(), "host-cpu": { enabled: true, minutes: 1, percent: 50.5 } }));
            assert.true(execFileSync("promtool", ["check", "rules", file], { encoding: "utf8" }).includes("SUCCESS: 5 rules found"));
        } finally {
            rmSync(dir, { recursive: true });
        }
    });
});

QUnit.module("alerts answer", () => {
    QUnit.test("Prometheus's /api/v1/alerts, firing and pending", assert => {
        const answer = JSON.stringify({ status: "success", data: { alerts: [
            { labels: { alertname: "KvmmVmCpuHigh", domain: "web", kvmm_rule: "vm-cpu" }, annotations: { threshold: "1" }, state: "firing",
              activeAt: "2026-12-04T14:00:00.5Z", value: "4.25e+01" },
            { labels: { alertname: "KvmmHostCpuHigh", host: "h1" }, annotations: {}, state: "pending", activeAt: "2026-12-04T14:01:00Z", value: "96" },
        ] } });
        const [cpu, host] = parseAlerts(answer);
        assert.deepEqual(cpu, { name: "KvmmVmCpuHigh", state: "firing", labels: { alertname: "KvmmVmCpuHigh", domain: "web", kvmm_rule: "vm-cpu" },
                                annotations: { threshold: "1" }, since: Date.UTC(2026, 11, 4, 14, 0, 0, 500), value: 42.5 });
        assert.strictEqual(host?.state, "pending");
        assert.strictEqual(host?.value, 96);
    });

    QUnit.test("errors and answers of another shape", assert => {
        assert.throws(() => parseAlerts(JSON.stringify({ status: "error", errorType: "unavailable", error: "rule manager not ready" })),
                      (e: Error) => e instanceof PrometheusError && e.message === "rule manager not ready");
        assert.throws(() => parseAlerts(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [] } })), /no alerts/);
        assert.throws(() => parseAlerts(JSON.stringify({ status: "success", data: { alerts: [{ state: "inactive" }] } })), /no state/);
    });
});

QUnit.module("kvmm alerts command line", () => {
    QUnit.test("no words, --json as everywhere", assert => {
        assert.deepEqual(parseArgs(["alerts", "--json"]).command, { kind: "alerts" });
        assert.strictEqual(usage(["alerts", "web"]), "usage: kvmm alerts");
        assert.strictEqual(usage(["alerts", "--since", "1h"]), "--since does not apply to this command");
    });
});
