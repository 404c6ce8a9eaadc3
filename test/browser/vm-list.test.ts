// The VM list against real libvirtd: what virsh defines shows, changes made elsewhere appear
// without reload, filters live in the URL, odd names are shown as text and work.
import QUnit from "qunit";

import { checkA11y } from "./lib/axe.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { choose, click, setValue, submitDialog } from "./lib/device-tabs.ts";
import { cleanupTestDomains, defineXml, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, confirmDialog, countText, row, rows, waitForNoRow, waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("list");

const ODD_NAMES = [
    `${MARK} a&b "quoted" 'single'`,
    `${MARK}-Grüße-ünïcödé`,
    `<b>${MARK}-html<img src=x onerror=alert(1)>`,
];

QUnit.module("VM list", hooks => {
    const ui = browserForModule(hooks, "vm-list", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml({ name: `${MARK}-alpha`, vcpus: 2, memoryMiB: 96 }));
            await defineXml(domainXml({ name: `${MARK}-beta`, vcpus: 1, memoryMiB: 64 }));
            for (const name of ODD_NAMES) await defineXml(domainXml({ name }));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("VMs defined with virsh are listed with their state, vCPUs and memory", async assert => {
        const frame = ui().frame;
        const alpha = await waitForRow(frame, `${MARK}-alpha`);
        assert.strictEqual(alpha.state, "shutoff");
        assert.true(alpha.text.includes("Shut off"), "state shown in words");
        assert.true(alpha.text.includes("96 MiB"), "memory shown");
        assert.true(/\b2\b/.test(alpha.text), "vCPUs shown");
        const total = (await virsh("list", "--all", "--name")).split("\n").filter(n => n.trim()).length;
        assert.strictEqual(await countText(frame), `${String(total)} virtual machines`);
        await checkA11y(frame, "the VM list");
    });

    QUnit.test("a VM defined or undefined with virsh appears or disappears without reload", async assert => {
        const frame = ui().frame;
        const name = `${MARK}-late`;
        await frame.evaluate(() => { (window as unknown as { marker: number }).marker = 1 });
        await defineXml(domainXml({ name }));
        await waitForRow(frame, name, "shutoff", 5000);
        await virsh("undefine", "--", name);
        await waitForNoRow(frame, name, 5000);
        assert.strictEqual(await frame.evaluate(() => (window as unknown as { marker?: number }).marker), 1, "the page was not reloaded");
    });

    QUnit.test("odd names are shown as text and their actions work", async assert => {
        const frame = ui().frame;
        for (const name of ODD_NAMES) {
            const r = await waitForRow(frame, name);
            assert.true(r.text.includes(name), `name shown verbatim: ${name}`);
        }
        assert.strictEqual(await frame.$$eval("tr.vm-row b, tr.vm-row img", els => els.length), 0, "no markup from a name reached the page");
        const name = ODD_NAMES[0] ?? "";
        await clickAction(frame, name, "run");
        await waitForRow(frame, name, "running", 30_000);
        assert.strictEqual(await domstate(name), "running");
        await clickAction(frame, name, "forceOff");
        await confirmDialog(frame);
        await waitForRow(frame, name, "shutoff", 30_000);
        assert.strictEqual(await domstate(name), "shut off");
    });

    QUnit.test("filter by name and state lives in the URL and survives a reload", async assert => {
        const frame = ui().frame;
        const page = ui().page;
        await frame.type("#vm-filter-name input", "alpha");
        await waitFor("filtered list", async () => (await rows(frame)).length === 1);
        assert.true(/of \d+ virtual machines shown/.test(await countText(frame)), "header says how many match");
        await waitFor("filter in the URL", () => page.url().includes("name=alpha"));
        await page.reload({ waitUntil: "domcontentloaded" });
        ui().frame = await pluginFrame(page);
        const reloaded = ui().frame;
        await waitForRow(reloaded, `${MARK}-alpha`);
        assert.deepEqual((await rows(reloaded)).map(r => r.name), [`${MARK}-alpha`], "filter kept after reload");
        assert.strictEqual(await reloaded.$eval("#vm-filter-name input", el => (el).value), "alpha");

        // State filter: nothing of ours runs, so "Running" shows none of them.
        await reloaded.click("#vm-filter-state");
        await (await reloaded.waitForSelector("#vm-filter-state-running", { visible: true }))?.click();
        await waitFor("state filter applied", async () => (await rows(reloaded)).length === 0);
        await waitFor("state in URL", () => page.url().includes("state=running"));
        await page.goBack();
        await waitFor("back restores the previous filter", async () => (await row(reloaded, `${MARK}-alpha`)) !== undefined);
    });

    QUnit.test("sorting by a column orders the rows and can be reversed", async assert => {
        const page = ui().page;
        const frame = ui().frame;
        await frame.click("#vm-filter-name input", { count: 3 });
        await frame.type("#vm-filter-name input", `${MARK}-`);
        await frame.click("#vm-filter-state");
        await (await frame.waitForSelector("#vm-filter-state-all", { visible: true }))?.click();
        await waitFor("state filter cleared", () => !page.url().includes("state="));
        await waitForRow(frame, `${MARK}-alpha`);
        await frame.click(".vm-column-vcpus button");
        await waitFor("sorted ascending by vCPUs", async () => (await rows(frame)).at(-1)?.name === `${MARK}-alpha`);
        await frame.click(".vm-column-vcpus button");
        await waitFor("sorted descending by vCPUs", async () => (await rows(frame))[0]?.name === `${MARK}-alpha`);
        assert.true(page.url().includes("sort=vcpus"), "sort kept in the URL");
        assert.true(page.url().includes("dir=desc"));
    });

    QUnit.test("tags and a folder set on the VM's page show on its row, filter and group the list from the URL, and live in the domain's metadata", async assert => {
        const { frame } = ui();
        const alpha = `${MARK}-alpha`;
        const tag = `web & "db" <ü>`;
        const folder = "Lab & Test";
        await frame.evaluate(n => { window.location.hash = `#/vm/system/${encodeURIComponent(n)}` }, alpha);
        await click(frame, "#vm-overview-marks-edit");
        await setValue(frame, "#edit-marks-new-tag", "   ");
        await click(frame, "#edit-marks-add");
        const refusal = await frame.waitForSelector("#edit-marks-tag-error", { visible: true });
        assert.true((await refusal?.evaluate(e => e.textContent))?.includes("cannot be empty"), "an empty tag is refused");
        await checkA11y(frame, "the tags dialog with an error");
        await setValue(frame, "#edit-marks-new-tag", tag);
        await choose(frame, "#edit-marks-colour", "teal");
        await click(frame, "#edit-marks-add");
        await setValue(frame, "#edit-marks-folder", folder);
        await submitDialog(frame, "edit-marks-dialog");
        await waitFor("the folder on the overview", () => frame.evaluate(f => document.querySelector("#vm-overview-folder-value")?.textContent.includes(f), folder));

        const metadata = await virsh("metadata", alpha, "https://kvmmanager.org/xmlns/domain/1");
        assert.true(metadata.includes("Lab &amp; Test") && /web &amp; (&quot;|")db(&quot;|") &lt;(ü|&#xFC;|&#252;)&gt;/.test(metadata), `libvirt holds both: ${metadata}`);
        assert.true(metadata.includes("teal"), "and the colour");

        const listed = async (hash: string, shown = alpha): Promise<string[]> => {
            await frame.evaluate(h => { window.location.hash = h }, hash);
            await waitForRow(frame, shown);
            return (await rows(frame)).map(r => r.name);
        };
        await listed("#/");
        assert.strictEqual(await frame.$eval(`tr.vm-row[data-vm-name="${alpha}"] .vm-tag`, e => e.getAttribute("data-tag")), tag, "the row shows the tag");
        const byTag = await listed(`#/?tags=${encodeURIComponent(encodeURIComponent(tag))}`);
        assert.deepEqual(byTag.filter(n => n.startsWith(MARK)), [alpha], "the tag filter from the URL keeps only the tagged VM");
        await listed("#/?group=folder");
        const groups = await frame.$$eval("tr.vm-group-row", els => els.map(e => e.getAttribute("data-folder")));
        assert.true(groups.includes(folder) && groups.includes(""), `grouped by folder, the untagged in a group of their own: ${JSON.stringify(groups)}`);
        const collapsed = await listed(`#/?group=folder&collapsed=${encodeURIComponent(encodeURIComponent(folder))}`, `${MARK}-beta`);
        assert.false(collapsed.includes(alpha), "a collapsed folder hides its VMs");
        assert.true(collapsed.includes(`${MARK}-beta`), "the others stay");
    });

    QUnit.test("keyboard: / focuses the filter, arrows and Enter open a VM, Shift+S starts and shuts it down, Escape closes the question", async assert => {
        const { page, frame } = ui();
        await frame.evaluate(m => { window.location.hash = `#/?name=${m}-` }, MARK);
        await waitForRow(frame, `${MARK}-alpha`);
        // Focus in the plugin's frame, on no control.
        await frame.click(".vm-list-header h1");
        const focusedRow = () => frame.evaluate(() => (document.activeElement?.closest("tr.vm-row") as HTMLElement | null)?.dataset.vmName ?? "");
        await page.keyboard.press("/");
        assert.true(await frame.evaluate(() => document.activeElement?.closest("#vm-filter-name") !== null), "/ focuses the name filter");
        assert.strictEqual(await frame.$eval("#vm-filter-name input", el => (el).value), `${MARK}-`, "and is not typed into it");
        await page.keyboard.press("ArrowDown");
        assert.strictEqual(await focusedRow(), "", "in the filter the arrows are the field's");
        await frame.click(".vm-list-header h1");

        const names = (await rows(frame)).map(r => r.name);
        assert.true(names.length >= 3, `our VMs listed: ${JSON.stringify(names)}`);
        await page.keyboard.press("ArrowDown");
        assert.strictEqual(await focusedRow(), names[0], "down: the first VM");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("ArrowUp");
        assert.strictEqual(await focusedRow(), names[1], "down twice more and up: the second");
        const target = names[1] ?? "";
        await page.keyboard.press("Enter");
        await waitFor("the VM's page", () => frame.$eval("#vm-details-name", (el, t) => el.textContent === t, target).catch(() => false));

        await page.keyboard.down("Shift");
        await page.keyboard.press("S");
        await page.keyboard.up("Shift");
        await waitFor("the VM started by Shift+S", async () => await domstate(target) === "running", 30_000);
        await frame.waitForSelector("#vm-details[data-vm-state='running'] .vm-action-shutdown, #vm-details[data-vm-state='running'] .vm-actions-toggle");
        await page.keyboard.down("Shift");
        await page.keyboard.press("S");
        await page.keyboard.up("Shift");
        await frame.waitForSelector("#confirm-vm-action", { visible: true });
        await checkA11y(frame, "the shut-down question");
        await page.keyboard.press("Escape");
        await frame.waitForSelector("#confirm-vm-action", { hidden: true });
        assert.strictEqual(await domstate(target), "running", "Escape closed the question; the VM runs on");
        await virsh("destroy", "--", target);
        // The header's buttons change with the state: click the help once they have settled.
        await frame.waitForSelector("#vm-details[data-vm-state='shutoff'] #vm-details-shortcuts", { visible: true, timeout: 30_000 });
        await frame.click("#vm-details-shortcuts");
        const help = await frame.waitForSelector("#popover-vm-details-shortcuts-popover-body", { visible: true });
        assert.true((await help?.evaluate(el => (el as HTMLElement).innerText))?.includes("Reboot"), "the help lists the VM page's shortcuts");
        await page.keyboard.press("Escape");
        await frame.waitForSelector("#popover-vm-details-shortcuts-popover-body", { hidden: true });
    });
});
