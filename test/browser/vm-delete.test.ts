// Delete: with "delete storage" the domain and its image go; without it the file stays.
// A running VM is powered off first. The dialog says how many snapshots go with the VM; deleted
// from its own page, the VM list comes back with the outcome as a toast.
import { existsSync } from "node:fs";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, clickPageAction, confirmDialog, waitForNoRow, waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("delete");

async function setDiskChoice(frame: Frame, name: string, path: string, checked: boolean): Promise<void> {
    const box = await frame.waitForSelector(`#delete-vm-dialog input[data-path="${path}"]`, { visible: true, timeout: 10_000 });
    if (!box) throw new Error(`no checkbox for ${path} of ${name}`);
    if (await box.evaluate(el => (el).checked) !== checked) await box.click();
}

QUnit.module("Delete a VM", hooks => {
    const ui = browserForModule(hooks, "vm-delete", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("with its storage: the domain and the image file are removed", async assert => {
        const name = `${MARK}-del-storage`;
        const image = await createImage(MARK, name);
        await defineXml(domainXml({ name, disks: [image] }));
        const frame = ui().frame;
        await waitForRow(frame, name, "shutoff");
        await clickAction(frame, name, "delete");
        await setDiskChoice(frame, name, image, true);
        await confirmDialog(frame, "delete-vm-dialog");
        await waitForNoRow(frame, name);
        assert.false(await domainExists(name), "virsh no longer knows the domain");
        assert.false(existsSync(image), "the image file is gone");
    });

    QUnit.test("without its storage: the image file stays", async assert => {
        const name = `${MARK}-del-keep`;
        const image = await createImage(MARK, name);
        await defineXml(domainXml({ name, disks: [image] }));
        const frame = ui().frame;
        await waitForRow(frame, name, "shutoff");
        await clickAction(frame, name, "delete");
        await setDiskChoice(frame, name, image, false);
        await confirmDialog(frame, "delete-vm-dialog");
        await waitForNoRow(frame, name);
        assert.false(await domainExists(name));
        assert.true(existsSync(image), "the image file is kept");
    });

    QUnit.test("a running VM is forced off first, then deleted", async assert => {
        const name = `${MARK}-del-running`;
        const image = await createImage(MARK, name);
        await defineXml(domainXml({ name, disks: [image] }));
        await virsh("start", "--", name);
        const frame = ui().frame;
        await waitForRow(frame, name, "running");
        await clickAction(frame, name, "delete");
        const text = await frame.$eval("#delete-vm-dialog", el => (el as HTMLElement).innerText);
        assert.true(text.includes("forced off"), "the dialog says the VM will be forced off");
        await setDiskChoice(frame, name, image, true);
        await confirmDialog(frame, "delete-vm-dialog");
        await waitForNoRow(frame, name);
        assert.false(await domainExists(name));
        assert.false(existsSync(image));
    });

    QUnit.test("from its own page: the dialog counts the snapshots, then the VM list comes back with a toast", async assert => {
        const name = `${MARK}-del-page`;
        const image = await createImage(MARK, name);
        await defineXml(domainXml({ name, disks: [image] }));
        for (const snapshot of ["first", "second"]) await virsh("snapshot-create-as", "--domain", name, "--name", snapshot);
        const frame = ui().frame;
        await frame.evaluate(n => {
            window.location.hash = `#/vm/system/${encodeURIComponent(n)}`;
        }, name);
        await frame.waitForSelector(`#vm-details[data-vm-name="${name}"][data-vm-state="shutoff"]`, { timeout: 20_000 });
        await clickPageAction(frame, "delete");
        const said = await frame.waitForSelector("#delete-vm-snapshots", { visible: true, timeout: 20_000 });
        const text = await said?.evaluate(el => (el as HTMLElement).innerText) ?? "";
        assert.true(text.includes("2 snapshots are deleted too"), `the dialog says the snapshots go and how many: ${text}`);
        await setDiskChoice(frame, name, image, true);
        await confirmDialog(frame, "delete-vm-dialog");

        await frame.waitForSelector("#vm-list", { timeout: 20_000 });
        assert.strictEqual(await frame.evaluate(() => window.location.hash), "#/", "the VM list is shown");
        assert.strictEqual(await frame.$("#vm-details-missing"), null, "not a page saying the VM does not exist");
        const toast = await waitFor("the success toast", () => frame.$$eval(".pf-v6-c-alert-group .pf-v6-c-alert.pf-m-success", (alerts, n) =>
            alerts.map(a => (a as HTMLElement).innerText).find(t => t.includes(`${n} was deleted`)) ?? "", name));
        assert.true(toast.length > 0, toast);
        assert.false(await domainExists(name), "virsh no longer knows the domain");
        assert.false(existsSync(image), "nor the image with its snapshots");
    });

    QUnit.test("deleted from the list, the list stays and a VM without snapshots is not said to have any", async assert => {
        const name = `${MARK}-del-nosnap`;
        await defineXml(domainXml({ name }));
        const frame = ui().frame;
        await frame.evaluate(() => {
            window.location.hash = "#/";
        });
        await waitForRow(frame, name, "shutoff");
        await clickAction(frame, name, "delete");
        await frame.waitForSelector("#delete-vm-dialog", { visible: true });
        await frame.waitForFunction(() => !document.querySelector("#delete-vm-dialog .pf-v6-c-spinner"), { timeout: 20_000 });
        assert.strictEqual(await frame.$("#delete-vm-snapshots"), null, "no word of snapshots");
        await confirmDialog(frame, "delete-vm-dialog");
        await waitForNoRow(frame, name);
        assert.strictEqual(await frame.evaluate(() => window.location.hash), "#/", "still the list");
    });
});
