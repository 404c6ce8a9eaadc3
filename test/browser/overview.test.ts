// The Overview page and stored history against the real history engine (pkg/host/history.sh:
// Prometheus scraping prometheus-libvirt-exporter and prometheus-node-exporter; the test stack
// scrapes every 5 s). One TCG guest burns CPU: it tops the page's consumers, and its Usage tab,
// reopened in a new page, shows the burn from Prometheus. Without history.conf the page says
// what history needs and keeps the live graphs.
import { execFile } from "node:child_process";
import { renameSync } from "node:fs";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { HISTORY_CONF, parseHistoryConf } from "../../src/lib/prometheus/settings.ts";
import { checkA11y } from "./lib/axe.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { textOf } from "./lib/host-pages.ts";
import { guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";
import { rows, waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("overview");
const BUSY = `${MARK}-busy`;
/** A TCG guest burning CPU on this loaded 2-core host gets 40–100 % of its vCPU; an idle one under 5 %. */
const BUSY_PERCENT = 20;

/** Asks this host's Prometheus directly: the test waits for samples, it does not time them. */
async function prometheusValue(promql: string): Promise<number> {
    const { url } = parseHistoryConf(readFileSync(HISTORY_CONF, "utf8"));
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = await response.json() as { data: { result: { value: [number, string] }[] } };
    return Number(body.data.result[0]?.value[1] ?? "0");
}

QUnit.module("Overview and history", hooks => {
    const ui = browserForModule(hooks, "overview", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml({ ...guestSpec(BUSY), vcpus: 1 }));
            await virsh("start", "--", BUSY);
            await waitForSerial(BUSY, "KVMM-GUEST-READY");
            // The shell computes the marker, so the echoed command line does not match it.
            await runOnSerial(BUSY, "(while :; do :; done) & echo BUSY-$((40+2))", "BUSY-42");
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    /** The page loaded afresh at `hash` (a hash change alone would not reload the plugin). */
    const open = async (hash: string) => {
        const { page } = ui();
        const url = page.url().replace(/#.*$/, "") + hash;
        await page.goto("about:blank");
        await page.goto(url, { waitUntil: "domcontentloaded" });
        return ui().frame = await pluginFrame(page);
    };

    QUnit.test("host facts, VMs by state linking to the list, and the busy guest on top", async assert => {
        const frame = await open("#/overview");
        await frame.waitForSelector("#overview-page[data-ready='true']", { timeout: 30_000 });
        assert.true((await textOf(frame, "#overview-versions")).startsWith(`libvirt ${(await virsh("version")).match(/libvirt ([\d.]+)/)?.[1] ?? "?"}`),
                    "libvirt's version as virsh says");
        // These machines have no /dev/kvm: guests run under TCG, and the page says why.
        assert.strictEqual(await frame.$eval("#overview-accel [data-accel]", e => e.getAttribute("data-accel")), "tcg");
        assert.true((await textOf(frame, "#overview-kvm-reason")).length > 20, "the reason is given");
        assert.true(/\d+ sockets, \d+ cores, \d+ threads/.test(await textOf(frame, "#overview-topology")));

        const top = await waitFor("the busy guest among the top CPU consumers", async () =>
            (await frame.$$eval("#overview-top-cpu li", items => items.map(i => i.getAttribute("data-vm")))).includes(BUSY) || undefined, 60_000, 500);
        assert.true(top, "listed by CPU");
        await checkA11y(frame, "the Overview page");
        const running = Number(await frame.$eval("#overview-state-running button", e => e.getAttribute("data-count")));
        assert.true(running >= 1, `${String(running)} running`);

        await frame.click("#overview-state-running button");
        await waitFor("the list filtered to running VMs", () => frame.evaluate(() => window.location.hash.includes("state=running")));
        assert.strictEqual((await waitForRow(frame, BUSY, "running")).name, BUSY, "the busy VM is listed");
        assert.true((await rows(frame)).every(r => r.state === "running" || r.state === "blocked"), "only running VMs are listed");
    });

    QUnit.test("the Usage tab's stored history shows the burn in a page opened afresh", async assert => {
        // Until Prometheus has scraped well over a minute of the burn: the 1 h chart has a point every
        // 15 s, and a VM name new to this Prometheus has no older samples (a subquery over a shorter
        // past than its range still answers, so the count of its points is asked too).
        const cpu = `100 * rate(libvirt_domain_info_cpu_time_seconds_total{domain="${BUSY}"}[20s])`;
        await waitFor("75 s of the burn in Prometheus", async () =>
            await prometheusValue(`min_over_time((${cpu})[75s:5s]) and on() count_over_time((${cpu})[75s:5s]) >= 14`) > BUSY_PERCENT, 180_000, 2000);
        await runOnSerial(BUSY, "kill $!; echo IDLE-$((40+3))", "IDLE-43");
        const frame = await open(`#/vm/system/${BUSY}?tab=usage&range=1h`);
        await frame.waitForSelector("#vm-usage[data-range='1h'][data-loaded='true']", { timeout: 30_000 });
        const peak = Number(await frame.$eval("#usage-cpu", e => e.getAttribute("data-peak")));
        assert.true(peak > BUSY_PERCENT, `the CPU history peaks at ${String(peak)} %`);
        assert.strictEqual(await frame.$eval("#usage-cpu", e => e.getAttribute("data-span")), "history");
        assert.true(Number(await frame.$eval("#usage-cpu", e => e.getAttribute("data-points"))) >= 4, "several points");
        assert.strictEqual(await frame.$("#history-notice"), null, "no notice: history is set up");

        // kvmm reads the same history.
        const { stdout } = await promisify(execFile)("build/kvmm/kvmm", ["stats", BUSY, "--since", "10m", "--json"]);
        const stats = JSON.parse(stdout) as { target: string; points: { cpuPercent?: number }[] };
        assert.strictEqual(stats.target, BUSY);
        assert.true(Math.max(...stats.points.map(p => p.cpuPercent ?? 0)) > BUSY_PERCENT, "kvmm stats shows the burn too");

        // The host's graphs on the Overview page read the same history.
        await frame.evaluate(() => { window.location.hash = "#/overview?range=6h" });
        await frame.waitForSelector("#overview-history[data-range='6h'][data-loaded='true']", { timeout: 30_000 });
        assert.true(Number(await frame.$eval("#host-cpu", e => e.getAttribute("data-points"))) >= 1, "the host's CPU has points");
        assert.true(Number(await frame.$eval("#host-memory", e => e.getAttribute("data-peak"))) > 0, "the host's memory in use");
    });

    QUnit.test("without the history set up the page says what it needs; live graphs stay", async assert => {
        const aside = `${HISTORY_CONF}.overview-test`;
        renameSync(HISTORY_CONF, aside);
        try {
            const frame = await open("#/overview?range=24h");
            await frame.waitForSelector("#history-notice[data-state='not-set-up']", { timeout: 30_000 });
            // ClipboardCopy shows each command in a read-only field.
            const commands = await frame.$$eval("#history-notice input", inputs => inputs.map(i => (i).value));
            assert.true(commands.some(c => c.includes("apt-get install prometheus prometheus-node-exporter prometheus-libvirt-exporter")), "the commands are shown");
            assert.true((await textOf(frame, "#history-notice")).includes("127.0.0.1"), "and what they set up");
            assert.true(await frame.$eval("#history-range-24h", e => (e as HTMLButtonElement).disabled), "no range can be chosen");
            assert.strictEqual(await frame.$("#host-cpu"), null, "no host history graphs");

            const usage = await open(`#/vm/system/${BUSY}?tab=usage`);
            await usage.waitForSelector("#vm-usage #history-notice[data-state='not-set-up']", { timeout: 30_000 });
            await waitFor("live points in the Usage tab", async () => Number(await usage.$eval("#usage-cpu", e => e.getAttribute("data-points"))) >= 2, 30_000, 500);
            assert.strictEqual(await usage.$eval("#usage-cpu", e => e.getAttribute("data-span")), "live");
        } finally {
            renameSync(aside, HISTORY_CONF);
        }
    });
});
