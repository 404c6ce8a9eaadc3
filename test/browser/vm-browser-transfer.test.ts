// Export and import through the browser: an OVA uploaded from "this computer" (the test's file
// chooser) is imported and the upload is removed from the host; a cancelled upload leaves no
// file and no VM, nor does a page closed midway; an export downloaded by the browser holds what kvmm's export of the same VM
// holds (same members, the same disk) and the host's copy is removed.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

import type { ElementHandle, Frame } from "puppeteer-core";
import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { adminFrame, enableAdminAccess } from "./lib/agent-guest.ts";
import { browserForModule, openPlugin, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { dismissToasts } from "./lib/host-pages.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("xfer");
const POOL = `${MARK}-pool`;
const KVMM = "build/kvmm/kvmm";
const MiB = 2 ** 20;

async function sh(...argv: string[]): Promise<string> {
    const [program = "", ...args] = argv;
    return (await exec(program, args, { maxBuffer: 16 * MiB })).stdout;
}

/** Our working directories in /var/tmp; other suites may make theirs meanwhile, so tests compare sets. */
function workDirectories(): Set<string> {
    return new Set(readdirSync("/var/tmp").filter(n => n.startsWith(".kvmm-work-")));
}

function added(before: Set<string>): string[] {
    return [...workDirectories()].filter(n => !before.has(n));
}

async function diskOf(name: string): Promise<string> {
    return parseDomainXml(await virsh("dumpxml", "--inactive", "--", name)).disks.filter(d => d.device === "disk")[0]?.path ?? "";
}

/** A shut-off VM with a disk of recognisable data. */
async function patternVm(name: string): Promise<string> {
    const disk = await createImage(MARK, name, "16M");
    await sh("qemu-io", "-c", "write -P 0x5a 0 1M", "-c", "write -P 0xa5 8M 512k", disk);
    await defineXml(domainXml({ name, disks: [disk] }));
    return disk;
}

async function submitDialog(frame: Frame, dialog: string): Promise<void> {
    await (await frame.waitForSelector(`#${dialog}-submit:not([disabled])`, { visible: true, timeout: 10_000 }))?.click();
}

QUnit.module("Export and import through the browser", hooks => {
    const ui = browserForModule(hooks, "vm-browser-transfer", {
        setUp: () => cleanupTestDomains(MARK),
        tearDown: () => cleanupTestDomains(MARK),
    });

    /** Opens Import VM with "Upload from this computer" and `file` chosen, the test pool selected. */
    async function chooseUpload(frame: Frame, file: string, name: string): Promise<void> {
        await dismissToasts(frame);
        await (await frame.waitForSelector("#import-vm-button", { visible: true, timeout: 20_000 }))?.click();
        await frame.waitForSelector("#import-vm-dialog", { visible: true, timeout: 10_000 });
        await frame.click("#import-vm-from-upload");
        const input = await frame.waitForSelector("#import-vm-upload", { visible: true }) as ElementHandle<HTMLInputElement>;
        await input.uploadFile(file);
        await frame.type("#import-vm-name", name);
        await frame.waitForSelector(`#import-vm-pool option[value="${POOL}"]`, { timeout: 20_000 });
        await frame.select("#import-vm-pool", POOL);
    }

    QUnit.test("an OVA uploaded from this computer is imported, and the upload is removed from the host", async assert => {
        const name = `${MARK}-up`;
        const copy = `${name}-copy`;
        const disk = await patternVm(name);
        const ova = `${dirname(disk)}/upload source.ova`;
        await exec(KVMM, ["export", name, ova]);
        const frame = await adminFrame(ui());
        const before = workDirectories();
        await chooseUpload(frame, ova, copy);
        await submitDialog(frame, "import-vm-dialog");
        await frame.waitForSelector("#import-vm-dialog", { hidden: true, timeout: 180_000 });
        await waitForRow(frame, copy, "shutoff");
        assert.true(await sh("qemu-img", "compare", "-q", disk, await diskOf(copy)).then(() => true, () => false), "qemu-img compare: the same disk");
        assert.deepEqual(added(before), [], "the uploaded file and its working directory are gone");
    });

    QUnit.test("a cancelled upload leaves no file on the host and no VM", async assert => {
        const name = `${MARK}-cancelled`;
        // Sparse on this side, but every byte travels: the upload lasts long enough to cancel.
        const image = `${dirname(await createImage(MARK, "anchor"))}/big.raw`;
        await sh("truncate", "-s", "3G", image);
        const frame = await adminFrame(ui());
        const before = workDirectories();
        await chooseUpload(frame, image, name);
        await submitDialog(frame, "import-vm-dialog");
        const bar = await frame.waitForSelector("#import-vm-progress-bar", { visible: true, timeout: 60_000 });
        assert.true((await bar?.evaluate(el => (el as HTMLElement).innerText))?.includes("of 3 GiB"), "bytes of the upload shown");
        assert.true((await frame.$eval("#import-vm-progress", el => (el as HTMLElement).innerText)).includes("Uploading big.raw"));
        await frame.click("#import-vm-dialog-cancel");
        await frame.waitForSelector("#import-vm-dialog", { hidden: true, timeout: 60_000 });
        await waitFor("the upload removed", () => added(before).length === 0, 30_000, 250);
        assert.deepEqual(added(before), [], "no working directory or partial file in /var/tmp");
        assert.false(await domainExists(name), "no VM");
        rmSync(image);
    });

    QUnit.test("a page closed in the middle of an upload leaves no file on the host", async assert => {
        const name = `${MARK}-closed`;
        const image = `${dirname(await createImage(MARK, "anchor"))}/closed.raw`;
        await sh("truncate", "-s", "3G", image);
        // A page of its own, closed as a user closes the tab: nothing in the page can clean up.
        const session = await openPlugin();
        try {
            await enableAdminAccess(session.page);
            const frame = await pluginFrame(session.page);
            const before = workDirectories();
            await chooseUpload(frame, image, name);
            await submitDialog(frame, "import-vm-dialog");
            await frame.waitForSelector("#import-vm-progress-bar", { visible: true, timeout: 60_000 });
            await waitFor("the upload under way", () => added(before).length > 0, 30_000, 100);
            await session.browser.close();
            await waitFor("the upload removed", () => added(before).length === 0, 60_000, 250);
            assert.deepEqual(added(before), [], "no working directory or partial file in /var/tmp");
            assert.false(await domainExists(name), "no VM");
        } finally {
            await session.browser.close().catch(() => undefined);
            rmSync(image);
        }
    });

    QUnit.test("a file larger than the host's free space is refused before it is uploaded", async assert => {
        const name = `${MARK}-huge`;
        const free = Number((await sh("df", "-B1", "--output=avail", "/var/tmp")).trim().split("\n").pop());
        const image = `${dirname(await createImage(MARK, "anchor"))}/huge.raw`;
        await sh("truncate", "-s", String(free + 1024 * MiB), image);
        const frame = await adminFrame(ui());
        const before = workDirectories();
        await chooseUpload(frame, image, name);
        await submitDialog(frame, "import-vm-dialog");
        const alert = await frame.waitForSelector("#import-vm-dialog .dialog-error", { visible: true, timeout: 60_000 });
        const text = await alert?.evaluate(el => (el as HTMLElement).innerText) ?? "";
        assert.true(/huge\.raw does not fit on the host: it needs .* in \/var\/tmp, which has .* free/.test(text), text);
        await frame.click("#import-vm-dialog-cancel");
        assert.deepEqual(added(before), [], "nothing written to /var/tmp");
        assert.false(await domainExists(name), "no VM");
        rmSync(image);
    });

    QUnit.test("a download to this computer holds what kvmm exports, and the host's copy is removed", async assert => {
        const name = `${MARK}-down`;
        const disk = await patternVm(name);
        const reference = `${dirname(disk)}/reference.ova`;
        await exec(KVMM, ["export", name, reference]);
        const downloads = mkdtempSync(join(tmpdir(), "kvmm-downloads-"));
        try {
            const session = ui();
            const cdp = await session.page.browser().target().createCDPSession();
            await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
            const frame = await adminFrame(ui());
            await dismissToasts(frame);
            const before = workDirectories();
            await waitForRow(frame, name, "shutoff");
            await clickAction(frame, name, "export");
            await frame.waitForSelector("#export-vm-dialog", { visible: true });
            await frame.click("#export-vm-to-download");
            assert.strictEqual(await frame.$("#export-vm-target"), null, "no host path asked for");
            await submitDialog(frame, "export-vm-dialog");
            await frame.waitForSelector("#export-vm-dialog", { hidden: true, timeout: 180_000 });
            const file = join(downloads, `${name}.ova`);
            await waitFor("the download complete", () => existsSync(file) && !readdirSync(downloads).some(n => n.endsWith(".crdownload")), 120_000, 250);
            const members = (await sh("tar", "-tf", file)).trim().split("\n");
            assert.deepEqual(members, (await sh("tar", "-tf", reference)).trim().split("\n"), "the same members as kvmm's export");
            assert.deepEqual(members, [`${name}.ovf`, `${name}.mf`, `${name}-disk1.vmdk`]);
            await sh("tar", "-xf", file, "-C", downloads, `${name}-disk1.vmdk`);
            assert.true(await sh("qemu-img", "compare", "-q", disk, join(downloads, `${name}-disk1.vmdk`)).then(() => true, () => false), "qemu-img compare: the same disk");
            assert.strictEqual(await sh("tar", "-xOf", file, `${name}.ovf`), await sh("tar", "-xOf", reference, `${name}.ovf`), "the same OVF descriptor");
            assert.deepEqual(added(before), [], "the export's working directory is removed from the host");
        } finally {
            rmSync(downloads, { recursive: true, force: true });
        }
    });
});
