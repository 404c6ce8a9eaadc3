// Bulk actions in the VM list against real libvirtd: rows selected with a shift-click range and
// "select all matching", started and forced off together (virsh confirms each state), a VM whose
// start fails listed with libvirt's reason, and all deleted with one confirmation. The guests
// have no boot disk (the firmware idles), so nothing boots.
import { existsSync } from "node:fs";

import type { Frame, Page } from "puppeteer-core";
import QUnit from "qunit";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { click } from "./lib/device-tabs.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, domstate, suiteMark } from "./lib/virsh.ts";
import { rows, waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("bulk");
const NAMES = ["a", "b", "c", "d-nodisk"].map(n => `${MARK}-${n}`);
const [A = "", B = "", C = "", BROKEN = ""] = NAMES;

interface ItemInfo { name: string; status: string; text: string }

async function selectRow(page: Page, frame: Frame, name: string, shift = false): Promise<void> {
    const box = await waitFor(`checkbox of ${name}`, async () => {
        for (const tr of await frame.$$("tr.vm-row")) {
            if (await tr.evaluate((r, n) => (r as HTMLElement).dataset.vmName === n, name)) return tr.$("td.vm-select input");
        }
        return null;
    });
    if (shift) await page.keyboard.down("Shift");
    await box.click();
    if (shift) await page.keyboard.up("Shift");
}

const bulkCount = (frame: Frame): Promise<string> => frame.$eval("#vm-bulk-count", e => (e as HTMLElement).innerText).catch(() => "");

/** Opens the bulk dialog for `action`, returns the VMs it names, runs it and returns each VM's result. */
async function runBulk(frame: Frame, action: string): Promise<{ planned: ItemInfo[]; results: ItemInfo[] }> {
    await click(frame, `#vm-bulk-${action}`);
    await frame.waitForSelector("#vm-bulk-dialog .vm-bulk-item", { visible: true });
    const items = (): Promise<ItemInfo[]> => frame.$$eval("#vm-bulk-dialog .vm-bulk-item", els => els.map(e => ({
        name: (e as HTMLElement).dataset.vmName ?? "", status: (e as HTMLElement).dataset.status ?? "", text: (e as HTMLElement).innerText,
    })));
    const planned = await items();
    await click(frame, "#vm-bulk-dialog-submit:not([disabled])");
    await frame.waitForSelector("#vm-bulk-summary", { visible: true, timeout: 90_000 });
    const results = await items();
    await click(frame, "#vm-bulk-dialog-close");
    await frame.waitForSelector("#vm-bulk-dialog", { hidden: true });
    return { planned, results };
}

const statuses = (items: ItemInfo[]): Record<string, string> => Object.fromEntries(items.map(i => [i.name, i.status]));

QUnit.module("VM list bulk actions", hooks => {
    let image = "";
    const missing = `/var/lib/libvirt/images/kvmm-test/${MARK}/gone.qcow2`;
    const ui = browserForModule(hooks, "vm-bulk", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            image = await createImage(MARK, `${MARK}-a-disk`);
            await defineXml(domainXml({ name: A, disks: [image] }));
            await defineXml(domainXml({ name: B }));
            await defineXml(domainXml({ name: C }));
            await defineXml(domainXml({ name: BROKEN, disks: [missing] }));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("a shift-click selects a range, and all matching the filter can be selected", async assert => {
        const { page, frame } = ui();
        await frame.evaluate(m => { window.location.hash = `#/?name=${encodeURIComponent(m)}` }, MARK);
        await waitFor("the four VMs", async () => (await rows(frame)).length === 4);
        await selectRow(page, frame, A);
        await selectRow(page, frame, C, true);
        await waitFor("three selected", async () => await bulkCount(frame) === "3 selected");
        const checked = await frame.$$eval("tr.vm-row", trs => trs.filter(tr => tr.querySelector<HTMLInputElement>("td.vm-select input")?.checked)
                .map(tr => (tr as HTMLElement).dataset.vmName));
        assert.deepEqual(checked, [A, B, C], "the range from the first click to the shift-click");
        await click(frame, "#vm-bulk-select-all");
        await waitFor("all four selected", async () => await bulkCount(frame) === "4 selected");
        assert.strictEqual(await frame.$eval("#vm-select-all", e => (e as HTMLInputElement).checked), true, "the header box says all");
    });

    QUnit.test("bulk Start starts the startable and reports the failure with libvirt's reason; bulk Force off skips the one already off", async assert => {
        const { frame } = ui();
        const start = await runBulk(frame, "start");
        assert.deepEqual(start.planned.map(i => i.name), NAMES, "the dialog names every selected VM");
        assert.deepEqual(statuses(start.results), { [A]: "succeeded", [B]: "succeeded", [C]: "succeeded", [BROKEN]: "failed" });
        const failure = start.results.find(i => i.name === BROKEN)?.text ?? "";
        assert.true(failure.includes("gone.qcow2") && /No such file/i.test(failure), `libvirt's reason shown: ${failure}`);
        for (const name of [A, B, C]) assert.strictEqual(await domstate(name), "running", `${name} runs`);
        assert.strictEqual(await domstate(BROKEN), "shut off");

        await waitForRow(frame, C, "running", 30_000);
        assert.strictEqual(await bulkCount(frame), "4 selected", "the selection stays after the run");
        const off = await runBulk(frame, "forceOff");
        assert.deepEqual(statuses(off.results), { [A]: "succeeded", [B]: "succeeded", [C]: "succeeded", [BROKEN]: "skipped" });
        assert.true(off.results.find(i => i.name === BROKEN)?.text.includes("Already off"), "skipped, with why");
        for (const name of NAMES) assert.strictEqual(await domstate(name), "shut off", `${name} is off`);
    });

    QUnit.test("bulk Delete removes every selected VM and its disk images after one confirmation", async assert => {
        const { frame } = ui();
        await waitForRow(frame, A, "shutoff", 30_000);
        await click(frame, "#vm-bulk-delete");
        await frame.waitForSelector("#vm-bulk-dialog .vm-bulk-item", { visible: true });
        const title = await frame.$eval("#vm-bulk-dialog-title", e => (e as HTMLElement).innerText);
        assert.true(title.includes("4 virtual machines"), `the question says how many: ${title}`);
        await click(frame, "#vm-bulk-dialog-submit:not([disabled])");
        await frame.waitForSelector("#vm-bulk-summary", { visible: true, timeout: 90_000 });
        const results = await frame.$$eval("#vm-bulk-dialog .vm-bulk-item", els => els.map(e => (e as HTMLElement).dataset.status));
        assert.deepEqual(results.slice(0, 3), ["succeeded", "succeeded", "succeeded"]);
        await click(frame, "#vm-bulk-dialog-close");
        for (const name of NAMES) assert.false(await domainExists(name), `${name} is gone (virsh)`);
        assert.false(existsSync(image), "the disk image went with it");
        await waitFor("the rows are gone and the selection with them", async () => (await rows(frame)).length === 0 && await bulkCount(frame) === "");
    });
});
