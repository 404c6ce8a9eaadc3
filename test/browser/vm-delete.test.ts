// Delete: with "delete storage" the domain and its image go; without it the file stays.
// A running VM is powered off first.
import { existsSync } from "node:fs";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { browserForModule } from "./lib/cockpit-session.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, confirmDialog, waitForNoRow, waitForRow } from "./lib/vm-list-page.ts";

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
});
