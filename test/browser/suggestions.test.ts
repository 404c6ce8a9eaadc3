// Suggestions against the real stack: a shut-off VM without an agent channel and with the host's
// CPU mode under TCG gets both suggestions, on the Overview and on its page alike, and kvmm lists
// the same; one click on each fix changes the saved definition (virsh dumpxml) and the suggestion
// goes. The rules over a week of history (autostart, unused memory) are covered by the unit tests:
// the page says here what they need.
import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { dumpxml } from "./lib/device-tabs.ts";
import { kvmm } from "./lib/kvmm.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark } from "./lib/virsh.ts";

const MARK = suiteMark("suggest");
const VM = `${MARK}-plain`;

const item = (scope: string, rule: string) => `${scope} li[data-vm='${VM}'][data-rule='${rule}']`;

QUnit.module("Suggestions", hooks => {
    const ui = browserForModule(hooks, "suggestions", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            // The host's CPU under TCG; no agent channel of either kind.
            await defineXml(domainXml({ name: VM, userNic: true }).replace("</vcpu>", "</vcpu><cpu mode='host-passthrough'/>"));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    /** The plugin loaded afresh at `hash` (a hash change alone would not reload it). */
    const open = async (hash: string): Promise<Frame> => {
        const { page } = ui();
        const url = page.url().replace(/#.*$/, "") + hash;
        await page.goto("about:blank");
        await page.goto(url, { waitUntil: "domcontentloaded" });
        return ui().frame = await pluginFrame(page);
    };

    QUnit.test("kvmm and the Overview list the missing agent channel; its fix adds the channel", async assert => {
        const listed = await kvmm("suggestions", VM, "--json");
        assert.strictEqual(listed.code, 0, listed.stderr);
        const report = JSON.parse(listed.stdout) as { suggestions: { vm: string; rule: string; fix: string | null }[]; missing: string[] };
        assert.deepEqual(report.suggestions.map(s => [s.rule, s.fix]), [["agent-channel", "add-agent-channel"], ["cpu-model-tcg", "named-cpu-model"]]);

        const frame = await open("#/overview");
        await frame.waitForSelector(item("#overview-suggestions", "agent-channel"), { timeout: 60_000 });
        assert.true((await frame.$eval(item("#overview-suggestions", "agent-channel"), e => (e as HTMLElement).innerText)).includes(VM), "names the VM");
        // Without a week of history (or without guest memory statistics in it) the card says what is missing.
        assert.true((await frame.$$eval("#overview-suggestions .suggestion-missing", els => els.length)) >= 1, "what the rules over time need");
        await frame.click(`${item("#overview-suggestions", "agent-channel")} .suggestion-fix`);
        await frame.waitForSelector(item("#overview-suggestions", "agent-channel"), { hidden: true, timeout: 30_000 });
        assert.true((await dumpxml(VM, true)).includes("name='org.kvmmanager.agent.0'"), "virsh shows the agent channel");
        assert.true(await frame.$(item("#overview-suggestions", "cpu-model-tcg")) !== null, "the other suggestion stays");
    });

    QUnit.test("on the VM's page the CPU fix sets a named model", async assert => {
        const frame = await open(`#/vm/system/${VM}`);
        await frame.waitForSelector(item("#vm-suggestions", "cpu-model-tcg"), { timeout: 30_000 });
        assert.strictEqual(await frame.$(item("#vm-suggestions", "agent-channel")), null, "the channel added before is not suggested again");
        await frame.click(`${item("#vm-suggestions", "cpu-model-tcg")} .suggestion-fix`);
        await frame.waitForSelector("#vm-suggestions", { hidden: true, timeout: 30_000 });
        const xml = await dumpxml(VM, true);
        assert.true(xml.includes("<cpu mode='custom' match='exact'"), xml.slice(xml.indexOf("<cpu"), xml.indexOf("</cpu>")));
        assert.true(xml.includes(">qemu64</model>"), "the named model");
        await waitFor("the page's CPU model", async () => (await frame.$eval("#vm-overview-cpu-model", e => (e as HTMLElement).innerText)).includes("qemu64"));
        const after = await kvmm("suggestions", VM);
        assert.strictEqual(after.stdout.split("\n")[0], "no suggestions", after.stdout);
    });
});
