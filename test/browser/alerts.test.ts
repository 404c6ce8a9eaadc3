// Alerts with Prometheus really evaluating the rules the page writes (the test stack scrapes and
// evaluates every 5 s). A TCG guest burns CPU; a 1 % threshold set through the editor fires on
// it (Overview card, its row and page, the navigation's count); the defaults resolve it. The
// rules file is put back and Prometheus reloaded afterwards (reloads leave other runs' data be).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { ALERT_RULES_FILE } from "../../src/host/alert-rules.ts";
import { defaultAlertSettings, parseAlertRules } from "../../src/lib/prometheus/alert-rules.ts";
import { HISTORY_CONF, parseHistoryConf } from "../../src/lib/prometheus/settings.ts";
import { adminFrame } from "./lib/agent-guest.ts";
import { browserForModule } from "./lib/cockpit-session.ts";
import { dialogError, fillField, textOf } from "./lib/host-pages.ts";
import { guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("alerts");
const BUSY = `${MARK}-busy`;
const DIALOG = "alert-rules-dialog";

const prometheus = (path: string, init: RequestInit = {}) => fetch(`${parseHistoryConf(readFileSync(HISTORY_CONF, "utf8")).url}${path}`, init);

async function reloadPrometheus(): Promise<void> {
    const response = await prometheus("/-/reload", { method: "POST" });
    if (!response.ok) throw new Error(`Prometheus's reload: ${await response.text()}`);
}

QUnit.module("Alerts", hooks => {
    let savedRules = "";
    const ui = browserForModule(hooks, "alerts", {
        setUp: async () => {
            savedRules = readFileSync(ALERT_RULES_FILE, "utf8");
            // A stack set up by an older history.sh (without rule_files) would never fire: say so.
            const rules = await (await prometheus("/api/v1/rules")).json() as { data: { groups: { file: string }[] } };
            if (!rules.data.groups.some(g => g.file === ALERT_RULES_FILE)) throw new Error(`Prometheus does not read ${ALERT_RULES_FILE}: run test/stack/up.sh`);
            await cleanupTestDomains(MARK);
            await defineXml(domainXml({ ...guestSpec(BUSY), vcpus: 1 }));
            await virsh("start", "--", BUSY);
            await waitForSerial(BUSY, "KVMM-GUEST-READY");
            await runOnSerial(BUSY, "(while :; do :; done) & echo BUSY-$((40+2))", "BUSY-42");
        },
        tearDown: async () => {
            writeFileSync(ALERT_RULES_FILE, savedRules);
            await reloadPrometheus();
            await cleanupTestDomains(MARK);
        },
    });

    const go = async (hash: string, selector: string) => {
        const frame = ui().frame;
        await frame.evaluate(h => { window.location.hash = h }, hash);
        return frame.waitForSelector(selector, { timeout: 60_000 });
    };
    const saveRules = async (fill: () => Promise<void>) => {
        const frame = ui().frame;
        await go("#/overview", "#alert-rules-edit");
        await frame.click("#alert-rules-edit");
        await frame.waitForSelector("#alert-rule-vm-cpu-percent", { visible: true });
        await fill();
        await frame.click(`#${DIALOG}-submit`);
    };

    QUnit.test("a 1 % CPU rule fires on the busy guest everywhere; a bad threshold is refused; the defaults resolve it", async assert => {
        const frame = await adminFrame(ui());
        await saveRules(() => fillField(frame, "#alert-rule-vm-cpu-percent", "150"));
        assert.true((await dialogError(frame, DIALOG)).includes("threshold must be a percentage above 0 and below 100"), "refused in words");
        assert.strictEqual(readFileSync(ALERT_RULES_FILE, "utf8"), savedRules, "the file is as it was");

        await fillField(frame, "#alert-rule-vm-cpu-percent", "1");
        await fillField(frame, "#alert-rule-vm-cpu-minutes", "0");
        await frame.click(`#${DIALOG}-submit`);
        await frame.waitForSelector(`#${DIALOG}`, { hidden: true, timeout: 20_000 });
        assert.deepEqual(parseAlertRules(readFileSync(ALERT_RULES_FILE, "utf8"))["vm-cpu"], { enabled: true, minutes: 0, percent: 1 }, "the file holds it");

        const item = `#overview-alerts li[data-vm="${BUSY}"][data-state="firing"]`;
        await frame.waitForSelector(item, { timeout: 90_000 });
        assert.true(/High CPU use [\d.]+ %/.test(await textOf(frame, item)), "what and how much");
        assert.true(Number(await frame.$eval("#nav-alert-count", e => e.getAttribute("data-count"))) >= 1, "counted in the navigation");
        const listed = JSON.parse((await promisify(execFile)("build/kvmm/kvmm", ["alerts", "--json"])).stdout) as { vm: string | null; rule: string; state: string }[];
        assert.true(listed.some(a => a.vm === BUSY && a.rule === "vm-cpu" && a.state === "firing"), "kvmm alerts lists it");
        const badge = async (hash: string, selector: string) => Number(await (await go(hash, selector))?.evaluate(e => e.getAttribute("data-count")));
        assert.true(await badge("#/", `.vm-row[data-vm-name="${BUSY}"] .vm-alert-badge`) >= 1, "a badge on its row");
        assert.true(await badge(`#/vm/system/${BUSY}`, ".vm-details-header .vm-alert-badge") >= 1, "and on its page");

        await saveRules(() => frame.click("#alert-rules-defaults"));
        await frame.waitForSelector(`#${DIALOG}`, { hidden: true, timeout: 20_000 });
        assert.deepEqual(parseAlertRules(readFileSync(ALERT_RULES_FILE, "utf8")), defaultAlertSettings(), "the defaults are back");
        await frame.waitForSelector(item, { hidden: true, timeout: 60_000 });
        assert.strictEqual(await frame.$(`#overview-alerts li[data-vm="${BUSY}"]`), null, "the alert resolved");
    });
});
