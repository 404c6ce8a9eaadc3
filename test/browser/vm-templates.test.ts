// Templates on real libvirt and QEMU: converting marks the VM in our metadata namespace (kept in
// the domain XML through other clients' edits), lists it apart, offers no start and refuses one
// from kvmm, and makes QEMU refuse writes to its disk; converting back undoes all of it.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";
import { parse } from "yaml";

import { enableAdminAccess } from "./lib/agent-guest.ts";
import { seedFile } from "./lib/clone-host.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { fillField, submitDialog, submitDisabled } from "./lib/host-pages.ts";
import { KVMM, kvmm } from "./lib/kvmm.ts";
import { guestSpec } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, confirmDialog, rows, waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("templates");
const TEMPLATE = `${MARK}-base`;
const PLAIN = `${MARK}-plain`;
const NAMESPACE = "https://kvmmanager.org/xmlns/domain/1";

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

/** A NoCloud seed image (as Create VM makes one) next to `disk`, in the same pool. */
async function makeSeed(disk: string): Promise<string> {
    const iso = disk.replace(/\.qcow2$/, "-cidata.iso");
    const dir = mkdtempSync("/tmp/kvmm-seed-");
    try {
        writeFileSync(`${dir}/user-data`, "#cloud-config\nhostname: base\n");
        writeFileSync(`${dir}/meta-data`, "instance-id: base-1\nlocal-hostname: base\n");
        await exec("xorriso", ["-as", "mkisofs", "-quiet", "-output", iso, "-volid", "cidata", "-joliet", "-rock", "-graft-points",
                               `user-data=${dir}/user-data`, `meta-data=${dir}/meta-data`]);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return iso;
}

/** A deployed VM's disks as libvirt has them: its first disk's image and its seed's. */
async function deployedDisks(name: string): Promise<{ disk: string; seed: string; xml: string }> {
    const xml = await virsh("dumpxml", "--inactive", name);
    const sources = [...xml.matchAll(/<source file='([^']+)'/g)].map(m => m[1] ?? "");
    return { disk: sources.find(p => p.endsWith(".qcow2")) ?? "", seed: sources.find(p => p.endsWith("-cidata.iso")) ?? "", xml };
}

async function backingFile(image: string): Promise<string> {
    const { stdout } = await exec("qemu-img", ["info", "-U", "--output=json", image]);
    return (JSON.parse(stdout) as { "backing-filename"?: string })["backing-filename"] ?? "";
}

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKvmmTemplateTestKeyOnly0000000000000000000 test@kvmm";

QUnit.module("Templates", hooks => {
    let baseDisk = "";
    const ui = browserForModule(hooks, "vm-templates", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            baseDisk = await createImage(MARK, "base");
            const seed = await makeSeed(baseDisk);
            await defineXml(domainXml(guestSpec(TEMPLATE, { disks: [baseDisk], cdrom: seed })));
            await defineXml(domainXml(guestSpec(PLAIN, { disks: [await createImage(MARK, "plain")] })));
            // The images were made beside libvirt: its pool is told of them.
            await virsh("pool-refresh", `${MARK}-pool`);
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
        assert.false(/<target dev='vda' bus='virtio'\/>\s*<readonly\/>/.test(xml), "the disk is writable again");
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

    QUnit.test("New VM from template: three linked clones from a pattern, customized with cloud-init", async assert => {
        // The seeds are written into the pool's directory as root.
        const session = ui();
        await enableAdminAccess(session.page);
        session.frame = await pluginFrame(session.page);
        const frame = session.frame;
        assert.strictEqual((await kvmm("template", TEMPLATE)).code, 0);
        await waitForTemplateRow(frame, TEMPLATE, true);
        await clickAction(frame, TEMPLATE, "deploy");
        await fillField(frame, "#deploy-name", `${MARK}-web-{01..03}`);
        await waitFor("the names previewed", async () => (await frame.$eval("#deploy-preview", el => el.textContent)).includes(`${MARK}-web-03`));
        await (await frame.waitForSelector("#deploy-cloud-init"))?.click();
        await fillField(frame, "#deploy-ci-user", "ops");
        await fillField(frame, "#deploy-ci-keys", KEY);
        await submitDialog(frame, "deploy-template-dialog");
        await frame.waitForSelector("#deploy-template-dialog", { hidden: true, timeout: 180_000 });

        for (const n of ["01", "02", "03"]) {
            const name = `${MARK}-web-${n}`;
            await waitForRow(frame, name, "shutoff");
            assert.false(await isTemplateRow(frame, name), `${name} is an ordinary VM`);
            const { disk, seed, xml } = await deployedDisks(name);
            assert.strictEqual(await backingFile(disk), baseDisk, `${name}'s disk is an overlay on the template's`);
            assert.false(xml.includes(NAMESPACE) || /<target dev='vda' bus='virtio'\/>\s*<readonly\/>/.test(xml), `${name} is writable and unmarked`);
            const userData = parse(await seedFile(seed, "user-data")) as { hostname: string; users: { name: string; ssh_authorized_keys: string[] }[] };
            assert.deepEqual([userData.hostname, userData.users[0]?.name, userData.users[0]?.ssh_authorized_keys], [name, "ops", [KEY]], `${name}'s seed`);
            assert.true((await seedFile(seed, "meta-data")).includes(`local-hostname: ${MARK}-web-${n}`));
        }
        assert.strictEqual(await domstate(TEMPLATE), "shut off");
    });

    QUnit.test("A taken name in the pattern is refused before anything is made", async assert => {
        const frame = ui().frame;
        await clickAction(frame, TEMPLATE, "deploy");
        await fillField(frame, "#deploy-name", `${MARK}-web-{02..04}`);
        const error = await waitFor("the taken names", () => frame.$eval("#deploy-name-error", el => el.textContent).catch(() => ""));
        assert.true(error.includes(`${MARK}-web-02, ${MARK}-web-03`), error);
        assert.true(await submitDisabled(frame, "deploy-template-dialog"), "Deploy is not offered");
        await fillField(frame, "#deploy-name", `${MARK}-web-{1..3}x{1..2}`);
        assert.true((await waitFor("the pattern refused", () => frame.$eval("#deploy-name-error", el => el.textContent).catch(() => ""))).includes("more than one range"));
        await (await frame.waitForSelector("#deploy-template-dialog-cancel"))?.click();

        const cli = await kvmm("deploy", TEMPLATE, "--pattern", `${MARK}-web-{03..04}`, "--linked");
        assert.strictEqual(cli.code, 1);
        assert.true(cli.stderr.includes(`taken (or given twice): ${MARK}-web-03. Nothing was made.`), cli.stderr);
        assert.false(await domainExists(`${MARK}-web-04`), "nothing was made");
    });

    QUnit.test("kvmm deploy: a count and an open range, a user and a key file; a VM that is no template is refused", async assert => {
        const keyFile = `/tmp/${MARK}-key.pub`;
        writeFileSync(keyFile, `${KEY}\n`);
        try {
            const made = await kvmm("deploy", TEMPLATE, "--pattern", `${MARK}-cli-{1..}`, "--count", "2", "--linked", "--user", "ops", "--ssh-key", keyFile);
            assert.strictEqual(made.code, 0, made.stderr);
            assert.strictEqual(made.stdout, `${MARK}-cli-1\n${MARK}-cli-2\n`);
            for (const name of [`${MARK}-cli-1`, `${MARK}-cli-2`]) {
                const { disk, seed } = await deployedDisks(name);
                assert.strictEqual(await backingFile(disk), baseDisk);
                assert.true((await seedFile(seed, "user-data")).includes(`hostname: ${name}`));
            }
            await waitForRow(ui().frame, `${MARK}-cli-2`, "shutoff");
        } finally {
            rmSync(keyFile, { force: true });
        }
        const refused = await kvmm("deploy", PLAIN, `${MARK}-never`);
        assert.strictEqual(refused.code, 1);
        assert.true(refused.stderr.includes(`${PLAIN} is not a template`), refused.stderr);
        assert.false(await domainExists(`${MARK}-never`));
        const usage = await kvmm("deploy", TEMPLATE, "--pattern", "x-{1..3}", "--count", "2");
        assert.strictEqual(usage.code, 2);
        assert.true(usage.stderr.includes("makes 3 names, but the count is 2"), usage.stderr);
    });

    QUnit.test("kvmm deploy ^C: VMs not begun are not made, the ones being made are removed", async assert => {
        const names = Array.from({ length: 10 }, (_unused, i) => `${MARK}-stop-${String(i + 1).padStart(2, "0")}`);
        const child = spawn(KVMM, ["deploy", TEMPLATE, "--pattern", `${MARK}-stop-{01..10}`, "--linked"]);
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString() });
        const exited = new Promise<number | null>(resolve => child.on("exit", resolve));
        await waitFor("the first VM's steps", () => stderr.includes(`${names[0] ?? ""}: `), 60_000);
        child.kill("SIGINT");
        assert.strictEqual(await exited, 1, stderr);
        const files = readdirSync(`/var/lib/libvirt/images/kvmm-test/${MARK}`);
        let cancelled = 0;
        for (const name of names) {
            if (await domainExists(name)) continue;
            cancelled++;
            assert.true(stderr.includes(`kvmm: ${name}: Cancelled`), `${name} is said to be cancelled`);
            assert.deepEqual(files.filter(f => f.startsWith(name)), [], `nothing of ${name} was left`);
        }
        assert.true(cancelled > 0, "the VMs not yet begun were not made");
    });
});
