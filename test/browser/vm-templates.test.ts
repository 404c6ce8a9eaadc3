// Templates on real libvirt and QEMU: converting marks the VM in our metadata namespace (kept in
// the domain XML through other clients' edits), lists it apart, offers no start and refuses one
// from kvmm, and makes QEMU refuse writes to its disk; converting back undoes all of it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { guestSpec } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, confirmDialog, rows, waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("templates");
const TEMPLATE = `${MARK}-base`;
const PLAIN = `${MARK}-plain`;
const NAMESPACE = "https://kvmmanager.org/xmlns/domain/1";
const KVMM = "build/kvmm/kvmm";

interface Result { code: number; stdout: string; stderr: string }

async function kvmm(...args: string[]): Promise<Result> {
    try {
        const { stdout, stderr } = await exec(KVMM, args, { maxBuffer: 16 * 1024 * 1024 });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
}

async function isTemplateRow(frame: Frame, name: string): Promise<boolean> {
    return frame.$$eval("tr.vm-row", (trs, n) => {
        const tr = trs.find(r => (r as HTMLElement).dataset.vmName === n) as HTMLElement | undefined;
        return tr?.dataset.vmTemplate === "true" && tr.querySelector(".vm-template-badge")?.textContent === "Template";
    }, name);
}

async function waitForTemplateRow(frame: Frame, name: string, template: boolean): Promise<void> {
    await waitFor(`${name} listed ${template ? "as" : "not as"} a template`, async () => await isTemplateRow(frame, name) === template, 30_000);
}

async function chooseKind(frame: Frame, kind: "all" | "vms" | "templates"): Promise<void> {
    await (await frame.waitForSelector("#vm-filter-kind", { visible: true }))?.click();
    await (await frame.waitForSelector(`#vm-filter-kind-${kind}`, { visible: true }))?.click();
}

/** Our suite's rows as the list shows them now. */
async function ourRows(frame: Frame): Promise<string[]> {
    return (await rows(frame)).map(r => r.name).filter(n => n.startsWith(MARK)).sort();
}

/** A write to the guest's first disk through QEMU's own block layer: "" when it was written. */
async function writeToDisk(name: string): Promise<string> {
    return virsh("qemu-monitor-command", "--hmp", name, 'qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend "write 0 512"');
}

QUnit.module("Templates", hooks => {
    const ui = browserForModule(hooks, "vm-templates", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml(guestSpec(TEMPLATE, { disks: [await createImage(MARK, "base")] })));
            await defineXml(domainXml(guestSpec(PLAIN, { disks: [await createImage(MARK, "plain")] })));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("Convert to template: a badge, the Templates filter, the mark in the domain XML", async assert => {
        const frame = ui().frame;
        await waitForRow(frame, TEMPLATE, "shutoff");
        await clickAction(frame, TEMPLATE, "convertToTemplate");
        await confirmDialog(frame);
        await waitForTemplateRow(frame, TEMPLATE, true);
        assert.false(await isTemplateRow(frame, PLAIN), "the other VM has no badge");

        const xml = await virsh("dumpxml", "--inactive", TEMPLATE);
        assert.true(xml.includes(`xmlns:kvmm="${NAMESPACE}"`), "the domain XML carries our namespace");
        assert.true(/<kvmm:template>\s*<kvmm:disk target="vda"\/>/.test(xml), "the template mark records the disk it protected");
        assert.true(/<target dev='vda' bus='virtio'\/>\s*<readonly\/>/.test(xml), "the disk is read-only in the definition");

        await chooseKind(frame, "templates");
        await waitFor("only the template listed", async () => (await ourRows(frame)).join() === TEMPLATE);
        await chooseKind(frame, "vms");
        await waitFor("only the VM listed", async () => (await ourRows(frame)).join() === PLAIN);
        await chooseKind(frame, "all");
        assert.deepEqual(await waitFor("both listed", async () => {
            const names = await ourRows(frame);
            return names.length === 2 && names;
        }), [TEMPLATE, PLAIN].sort());
    });

    QUnit.test("A template is not started: no Run on the page, kvmm start refused in words", async assert => {
        const frame = ui().frame;
        const row = await waitForRow(frame, TEMPLATE, "shutoff");
        assert.strictEqual(await frame.$$eval("tr.vm-row", (trs, n) =>
            trs.find(r => (r as HTMLElement).dataset.vmName === n)?.querySelector(".vm-action-run") ? "run" : "", TEMPLATE), "", "no Run button");
        assert.true(row.text.includes("New VM from template"), "deploying is what the row offers");
        const toggleMenu = () => frame.$$eval("tr.vm-row", (trs, n) =>
            (trs.find(r => (r as HTMLElement).dataset.vmName === n)?.querySelector(".vm-actions-toggle") as HTMLElement | null)?.click(), TEMPLATE);
        await toggleMenu();
        await frame.waitForSelector("li.vm-action-convertToVm", { visible: true });
        assert.strictEqual(await frame.$$eval("li.vm-action-run", items => items.length), 0, "no Run in its menu");
        await toggleMenu();
        await frame.waitForSelector("li.vm-action-convertToVm", { hidden: true });

        const result = await kvmm("start", TEMPLATE);
        assert.strictEqual(result.code, 1, "kvmm start fails");
        assert.true(result.stderr.includes(`${TEMPLATE} is a template`), result.stderr);
        assert.strictEqual(await domstate(TEMPLATE), "shut off");
    });

    QUnit.test("Its disk refuses writes, and the mark survives another client's edit", async assert => {
        // Another client starts it anyway: QEMU opens the disk read-only.
        await virsh("start", TEMPLATE);
        try {
            assert.true((await writeToDisk(TEMPLATE)).includes("read-only"), "QEMU refuses the write");
        } finally {
            await virsh("destroy", TEMPLATE);
        }
        await virsh("desc", TEMPLATE, "--config", "--new-desc", "edited by virsh");
        const xml = await virsh("dumpxml", "--inactive", TEMPLATE);
        assert.true(xml.includes("edited by virsh") && xml.includes(`xmlns:kvmm="${NAMESPACE}"`), "both edits kept");
        await waitForTemplateRow(ui().frame, TEMPLATE, true);
    });

    QUnit.test("Convert back to VM: writable, startable, unmarked", async assert => {
        const frame = ui().frame;
        await clickAction(frame, TEMPLATE, "convertToVm");
        await waitForTemplateRow(frame, TEMPLATE, false);
        const xml = await virsh("dumpxml", "--inactive", TEMPLATE);
        assert.false(xml.includes(NAMESPACE), "our mark is gone");
        assert.false(xml.includes("<readonly/>"), "the disk is writable again");
        await waitFor("Run offered again", () => frame.$$eval("tr.vm-row", (trs, n) =>
            Boolean(trs.find(r => (r as HTMLElement).dataset.vmName === n)?.querySelector(".vm-action-run")), TEMPLATE));
        await virsh("start", TEMPLATE);
        try {
            assert.strictEqual(await writeToDisk(TEMPLATE), "", "QEMU writes to the disk again");
        } finally {
            await virsh("destroy", TEMPLATE);
        }
    });

    QUnit.test("kvmm template and --undo; a running VM is refused in words", async assert => {
        const frame = ui().frame;
        const made = await kvmm("template", PLAIN);
        assert.strictEqual(made.code, 0, made.stderr);
        await waitForTemplateRow(frame, PLAIN, true);
        const again = await kvmm("template", PLAIN);
        assert.strictEqual(again.code, 1);
        assert.true(again.stderr.includes("is a template already"), again.stderr);
        const undone = await kvmm("template", PLAIN, "--undo");
        assert.strictEqual(undone.code, 0, undone.stderr);
        await waitForTemplateRow(frame, PLAIN, false);

        await virsh("start", PLAIN);
        try {
            const refused = await kvmm("template", PLAIN);
            assert.strictEqual(refused.code, 1);
            assert.true(refused.stderr.includes("must be shut off first"), refused.stderr);
            assert.false((await virsh("dumpxml", "--inactive", PLAIN)).includes(NAMESPACE), "nothing was changed");
        } finally {
            await virsh("destroy", PLAIN);
        }
    });
});
