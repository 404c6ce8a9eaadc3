// A storage pool's page against the real libvirt: details and usage, its volumes with the VMs
// that use them (sort, filter), create / grow / clone / delete as virsh then sees them, refusals
// in words that change nothing; upload from the browser (and a cancel that leaves nothing);
// pools of other kinds on loop devices: a file system (formatted when asked, a mounted device
// refused) and an LVM volume group (found by discovery; libvirt's own reason when it refuses).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import type { ElementHandle, Frame } from "puppeteer-core";
import QUnit from "qunit";

import { adminFrame } from "./lib/agent-guest.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import {
    cleanupHostResources, closeDialog, dialogError, dismissToasts, fillField, info, navigate, poolNames, submitDialog, textOf, waitForResource,
} from "./lib/host-pages.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("vols");
const DIRS = `/var/lib/libvirt/images/kvmm-test/${MARK}-dirs`;
const POOL = `${MARK}-main`;
const MiB = 2 ** 20;

async function sh(...argv: string[]): Promise<string> {
    const [program = "", ...args] = argv;
    return (await exec(program, args, { maxBuffer: 16 * MiB })).stdout.trim();
}

/** Loop devices of this suite's image files (and their file names), e.g. after a crashed run. */
async function ourLoops(): Promise<string[]> {
    const out = await sh("losetup", "-n", "-O", "NAME,BACK-FILE", "-l").catch(() => "");
    return out.split("\n").filter(l => l.includes(MARK)).map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean);
}

async function cleanupLoops(): Promise<void> {
    for (const loop of await ourLoops()) {
        await sh("umount", loop).catch(() => undefined);
        // A VG left on it: remove it so the kernel lets the device go.
        const vg = await sh("pvs", "--noheadings", "-o", "vg_name", loop).catch(() => "");
        if (vg) await sh("vgremove", "-f", vg).catch(() => undefined);
        await sh("pvremove", "-ff", "-y", loop).catch(() => undefined);
        await sh("losetup", "-d", loop).catch(() => undefined);
    }
}

async function cleanup(): Promise<void> {
    await cleanupTestDomains(MARK);
    for (const name of (await poolNames()).filter(n => n.includes(MARK))) {
        // LVM pools: pool-delete removes their VG (a dir pool's only an empty directory).
        await virsh("pool-start", "--", name).catch(() => undefined);
        if ((await virsh("pool-dumpxml", "--", name)).includes("type='logical'")) await virsh("pool-delete", "--", name).catch(() => undefined);
    }
    await cleanupHostResources(MARK, DIRS);
    await cleanupLoops();
    if (existsSync(DIRS)) rmSync(DIRS, { recursive: true, force: true });
}

/** A loop device on a new sparse file of `mib` MiB. */
async function loopDevice(name: string, mib: number): Promise<string> {
    mkdirSync(DIRS, { recursive: true });
    const file = `${DIRS}/${name}.img`;
    await sh("truncate", "-s", `${String(mib)}M`, file);
    return sh("losetup", "-f", "--show", file);
}

interface VolumeRow { name: string; users: string; cells: Record<string, string> }

async function volumeRows(frame: Frame): Promise<VolumeRow[]> {
    return frame.$$eval("tr.volume-row", trs => trs.map(tr => {
        const cells: Record<string, string> = {};
        for (const td of Array.from(tr.querySelectorAll("td[data-label]"))) cells[td.getAttribute("data-label") ?? ""] = (td as HTMLElement).innerText.trim();
        const data = (tr as HTMLElement).dataset;
        return { name: data.volumeName ?? "", users: data.volumeUsers ?? "", cells };
    }));
}

const names = async (frame: Frame): Promise<string[]> => (await volumeRows(frame)).map(r => r.name);
async function waitForVolumes(frame: Frame, check: (names: string[]) => boolean, what: string): Promise<string[]> {
    return waitFor(what, async () => {
        const shown = await names(frame);
        return check(shown) ? shown : undefined;
    }, 30_000);
}

async function virshVolumes(pool: string): Promise<string[]> {
    return (await virsh("vol-list", "--", pool)).split("\n").map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean).sort();
}

async function volumeAction(frame: Frame, volume: string, action: string): Promise<void> {
    const toggle = await frame.waitForSelector(`tr.volume-row[data-volume-name="${volume}"] .volume-actions-toggle`, { visible: true, timeout: 10_000 });
    await toggle?.click();
    await (await frame.waitForSelector(`.volume-action-${action} button, .volume-action-${action}`, { visible: true, timeout: 5000 }))?.click();
}

async function openPool(frame: Frame, pool: string): Promise<void> {
    await navigate(frame, "storage");
    await waitForResource(frame, "pool", pool);
    await (await frame.waitForSelector(`tr.pool-row[data-pool-name="${pool}"] .pool-open-link`, { visible: true }))?.click();
    await frame.waitForSelector(`#storage-pool-page[data-pool="${pool}"] #pool-volumes[data-loaded="true"]`, { timeout: 30_000 });
}

/** Work directories uploads make in /var/tmp (other suites may make theirs meanwhile). */
const workDirectories = (): Set<string> => new Set(readdirSync("/var/tmp").filter(n => n.startsWith(".kvmm-work-")));

QUnit.module("Storage pool page and volumes", hooks => {
    const ui = browserForModule(hooks, "storage-volumes", {
        setUp: async () => {
            await cleanup();
            mkdirSync(`${DIRS}/main`, { recursive: true });
            await virsh("pool-create-as", POOL, "dir", "--target", `${DIRS}/main`);
            await virsh("vol-create-as", POOL, "base.qcow2", "32M", "--format", "qcow2");
            await virsh("vol-create-as", POOL, "data.raw", "8M", "--format", "raw");
            await virsh("vol-create-as", POOL, "zz-small.qcow2", "1M", "--format", "qcow2");
            await defineXml(domainXml({ name: `${MARK}-vm`, disks: [`${DIRS}/main/base.qcow2`] }));
        },
        tearDown: cleanup,
    });

    QUnit.test("the pool's page: details, usage, volumes with their VMs; filter and sort", async assert => {
        const { frame } = ui();
        await openPool(frame, POOL);
        assert.strictEqual(await textOf(frame, "#pool-detail-type"), "dir");
        assert.strictEqual(await textOf(frame, "#pool-detail-target"), `${DIRS}/main`);
        assert.true(/ of /.test(await textOf(frame, "#pool-detail-usage")), "a usage bar with used of capacity");
        const rows = await volumeRows(frame);
        assert.deepEqual(rows.map(r => r.name), ["base.qcow2", "data.raw", "zz-small.qcow2"]);
        assert.strictEqual(rows[0]?.users, `${MARK}-vm`, "the VM with a disk on it");
        assert.deepEqual([rows[0]?.cells.Format, rows[0]?.cells.Capacity], ["qcow2", "32 MiB"]);
        await fillField(frame, "#volume-filter input", "raw");
        assert.deepEqual(await waitForVolumes(frame, n => n.length === 1, "filtered"), ["data.raw"]);
        await fillField(frame, "#volume-filter input", `${MARK}-vm`);
        assert.deepEqual(await waitForVolumes(frame, n => n.length === 1, "filtered by VM"), ["base.qcow2"], "filtered by the VM that uses it");
        await fillField(frame, "#volume-filter input", "");
        await waitForVolumes(frame, n => n.length === 3, "all again");
        const capacityHeader = (await frame.$$("#volume-table th button")).at(2);
        await capacityHeader?.click();
        assert.deepEqual(await waitForVolumes(frame, n => n[0] === "zz-small.qcow2", "sorted by capacity"), ["zz-small.qcow2", "data.raw", "base.qcow2"]);
    });

    QUnit.test("create, grow, clone; bad names and sizes past the free space refused, changing nothing", async assert => {
        const { frame } = ui();
        await openPool(frame, POOL);
        await dismissToasts(frame);
        await frame.click("#create-volume");
        await fillField(frame, "#create-volume-name", "../evil");
        await submitDialog(frame, "create-volume-dialog");
        assert.true((await dialogError(frame, "create-volume-dialog")).includes("letters, digits"), "a bad name in words");
        await fillField(frame, "#create-volume-name", "new.qcow2");
        await fillField(frame, "#create-volume-size", "100000");
        await frame.select("#create-volume-unit", "TiB");
        await submitDialog(frame, "create-volume-dialog");
        assert.true(/does not fit: the pool has .* free/.test(await dialogError(frame, "create-volume-dialog")), "too large in words");
        assert.deepEqual(await virshVolumes(POOL), ["base.qcow2", "data.raw", "zz-small.qcow2"], "nothing made");
        await fillField(frame, "#create-volume-size", "48");
        await frame.select("#create-volume-unit", "MiB");
        await frame.select("#create-volume-backing", "base.qcow2");
        await submitDialog(frame, "create-volume-dialog");
        await frame.waitForSelector("#create-volume-dialog", { hidden: true, timeout: 30_000 });
        await waitForVolumes(frame, n => n.includes("new.qcow2"), "the new volume");
        const xml = await virsh("vol-dumpxml", "--pool", POOL, "new.qcow2");
        assert.true(xml.includes(`<path>${DIRS}/main/base.qcow2</path>`) && xml.includes("<capacity unit='bytes'>50331648</capacity>"), "a 48 MiB overlay on base");

        await volumeAction(frame, "data.raw", "resize");
        await fillField(frame, "#resize-volume-size", "4");
        await submitDialog(frame, "resize-volume-dialog");
        assert.true((await dialogError(frame, "resize-volume-dialog")).includes("must be larger than 8 MiB"), "shrinking refused");
        await fillField(frame, "#resize-volume-size", "24");
        await submitDialog(frame, "resize-volume-dialog");
        await frame.waitForSelector("#resize-volume-dialog", { hidden: true, timeout: 30_000 });
        assert.true((await virsh("vol-info", "--pool", POOL, "data.raw")).includes("24.00 MiB"), "virsh sees 24 MiB");

        await volumeAction(frame, "data.raw", "clone");
        await fillField(frame, "#clone-volume-name", "base.qcow2");
        assert.true((await textOf(frame, "#clone-volume-problem")).includes("already has a volume named base.qcow2"));
        await fillField(frame, "#clone-volume-name", "data-copy.raw");
        await submitDialog(frame, "clone-volume-dialog");
        await frame.waitForSelector("#clone-volume-dialog", { hidden: true, timeout: 60_000 });
        await waitForVolumes(frame, n => n.includes("data-copy.raw"), "the copy");
        assert.true((await virsh("vol-info", "--pool", POOL, "data-copy.raw")).includes("24.00 MiB"), "the copy has the source's size");
    });

    QUnit.test("delete is refused while a VM or an overlay uses the volume, naming them; an unused one goes", async assert => {
        const { frame } = ui();
        await openPool(frame, POOL);
        await volumeAction(frame, "base.qcow2", "delete");
        const refused = await textOf(frame, "#delete-volume-refused");
        assert.true(refused.includes(`${MARK}-vm`) && refused.includes("new.qcow2"), `the VM and the overlay named: ${refused}`);
        await closeDialog(frame, "delete-volume-dialog");
        assert.true((await virshVolumes(POOL)).includes("base.qcow2"), "still there");
        await volumeAction(frame, "zz-small.qcow2", "delete");
        await submitDialog(frame, "delete-volume-dialog");
        await waitForVolumes(frame, n => !n.includes("zz-small.qcow2"), "deleted");
        assert.false((await virshVolumes(POOL)).includes("zz-small.qcow2"), "virsh no longer lists it");
    });

    QUnit.test("upload from this computer: a too large file refused first; a cancel leaves nothing; an upload is a volume", async assert => {
        const frame = await adminFrame(ui());
        await openPool(frame, POOL);
        const local = `${DIRS}/local`;
        mkdirSync(local, { recursive: true });
        const choose = async (file: string): Promise<void> => {
            await dismissToasts(frame);
            await frame.click("#upload-volume");
            const input = await frame.waitForSelector("#upload-volume-file", { visible: true }) as ElementHandle<HTMLInputElement>;
            await input.uploadFile(file);
        };
        const huge = `${local}/huge.iso`;
        // libvirt's free space (it counts blocks reserved for root, which df leaves out) and a GiB more.
        const available = Number(/Available:\s+(\d+)/.exec(await virsh("pool-info", "--bytes", POOL))?.[1]);
        await sh("truncate", "-s", String(available + 1024 * MiB), huge);
        await choose(huge);
        assert.true(/does not fit: the pool has .* free/.test(await textOf(frame, "#upload-volume-problem")), "refused before anything is sent");
        await closeDialog(frame, "upload-volume-dialog");
        rmSync(huge);

        const before = workDirectories();
        const big = `${local}/big image.iso`;
        await sh("truncate", "-s", "2G", big);
        await choose(big);
        assert.strictEqual(await frame.$eval("#upload-volume-name", el => (el as HTMLInputElement).value), "big-image.iso", "a volume name made from the file's");
        await submitDialog(frame, "upload-volume-dialog");
        await frame.waitForSelector("#upload-volume-progress-bar", { visible: true, timeout: 60_000 });
        await frame.click("#upload-volume-dialog-cancel");
        await frame.waitForSelector("#upload-volume-dialog", { hidden: true, timeout: 60_000 });
        await waitFor("the upload removed", () => [...workDirectories()].every(n => before.has(n)), 30_000, 250);
        assert.false((await virshVolumes(POOL)).includes("big-image.iso"), "no volume");
        assert.false(existsSync(`${DIRS}/main/big-image.iso`), "no file in the pool");
        rmSync(big);

        const iso = `${local}/small.iso`;
        writeFileSync(iso, Buffer.alloc(3 * MiB, 0x5a));
        await choose(iso);
        await submitDialog(frame, "upload-volume-dialog");
        await frame.waitForSelector("#upload-volume-dialog", { hidden: true, timeout: 60_000 });
        await waitForVolumes(frame, n => n.includes("small.iso"), "the uploaded volume");
        assert.strictEqual(await sh("cmp", iso, `${DIRS}/main/small.iso`).then(() => "same"), "same", "byte for byte");
        assert.deepEqual([...workDirectories()].filter(n => !before.has(n)), [], "nothing left in /var/tmp");
    });

    QUnit.test("a file system pool on a loop device: needs formatting, is formatted when asked, a mounted device is refused", async assert => {
        const frame = await adminFrame(ui());
        await navigate(frame, "storage");
        const loop = await loopDevice(`${MARK}-fs`, 64);
        const name = `${MARK}-fs`;
        const mount = `${DIRS}/fs-mnt`;
        const create = async (build: boolean): Promise<void> => {
            await dismissToasts(frame);
            await frame.click("#create-pool");
            await frame.select("#create-pool-type", "fs");
            await fillField(frame, "#create-pool-name", name);
            await fillField(frame, "#create-pool-device", loop);
            await fillField(frame, "#create-pool-path", mount);
            if (build) await frame.click("#create-pool-build");
            await submitDialog(frame, "create-pool-dialog");
        };
        await create(false);
        assert.true((await dialogError(frame, "create-pool-dialog")).includes(`${loop} has no file system: choose to format it`));
        assert.false((await poolNames()).includes(name), "nothing defined");
        await frame.click("#create-pool-build");
        assert.true((await textOf(frame, "#create-pool-dialog")).includes(`All data on ${loop} is lost.`), "what formatting erases is said");
        await submitDialog(frame, "create-pool-dialog");
        await frame.waitForSelector("#create-pool-dialog", { hidden: true, timeout: 60_000 });
        assert.strictEqual((await info("pool-info", name)).State, "running");
        assert.strictEqual(await sh("findmnt", "-n", "-o", "SOURCE", mount), loop, "mounted by libvirt");

        await create(true);
        assert.true((await dialogError(frame, "create-pool-dialog")).includes(`${loop} is already the source of the storage pool ${name}`));
        await closeDialog(frame, "create-pool-dialog");
        await virsh("pool-destroy", name);
        await virsh("pool-undefine", name);
        await sh("mount", loop, mount);
        try {
            await frame.click("#create-pool");
            await frame.select("#create-pool-type", "disk");
            await fillField(frame, "#create-pool-name", `${MARK}-disk`);
            await fillField(frame, "#create-pool-device", loop);
            await submitDialog(frame, "create-pool-dialog");
            assert.true((await dialogError(frame, "create-pool-dialog")).includes(`${loop} is in use: it is mounted on ${mount}`), "a mounted device refused");
            await closeDialog(frame, "create-pool-dialog");
        } finally {
            await sh("umount", mount);
        }
        assert.false((await poolNames()).some(n => n === `${MARK}-disk`), "nothing defined");
    });

    QUnit.test("an LVM pool: a volume group built on a loop device, found by discovery; libvirt's reason when it refuses a volume", async assert => {
        const frame = await adminFrame(ui());
        await navigate(frame, "storage");
        const loop = await loopDevice(`${MARK}-lvm`, 64);
        const name = `${MARK}-vg`;
        await dismissToasts(frame);
        await frame.click("#create-pool");
        await frame.select("#create-pool-type", "logical");
        await fillField(frame, "#create-pool-name", name);
        await fillField(frame, "#create-pool-device", loop);
        await frame.click("#create-pool-build");
        await submitDialog(frame, "create-pool-dialog");
        await frame.waitForSelector("#create-pool-dialog", { hidden: true, timeout: 60_000 });
        assert.strictEqual((await info("pool-info", name)).State, "running");
        assert.strictEqual(await sh("vgs", "--noheadings", "-o", "vg_name", name), name, "LVM has the volume group");

        await frame.click("#create-pool");
        await frame.select("#create-pool-type", "logical");
        await frame.click("#create-pool-discover");
        const found = await waitFor("volume groups found", async () => {
            const options = await frame.$$eval("#create-pool-found option", os => os.map(o => o.textContent)).catch(() => []);
            return options.length > 0 ? options : undefined;
        }, 60_000);
        assert.true(found.some(o => o.includes(name) && o.includes(loop)), `discovery lists it: ${found.join(" | ")}`);
        await closeDialog(frame, "create-pool-dialog");

        await openPool(frame, name);
        assert.strictEqual(await textOf(frame, "#pool-detail-name"), name);
        await frame.click("#create-volume");
        await fillField(frame, "#create-volume-name", "lv1");
        await fillField(frame, "#create-volume-size", "8");
        await frame.select("#create-volume-unit", "MiB");
        await frame.select("#create-volume-format", "raw");
        await submitDialog(frame, "create-volume-dialog");
        // /dev/mapper/control may exist without the kernel's driver behind it: /proc/misc tells.
        if (readFileSync("/proc/misc", "utf8").includes("device-mapper")) {
            await frame.waitForSelector("#create-volume-dialog", { hidden: true, timeout: 60_000 });
            assert.deepEqual(await virshVolumes(name), ["lv1"], "a logical volume");
        } else {
            // These machines' kernel has no device-mapper: lvcreate fails, and libvirt's reason is shown.
            const error = await dialogError(frame, "create-volume-dialog");
            assert.true(/lvcreate.*device-mapper|device-mapper/s.test(error), `libvirt's reason: ${error}`);
            await closeDialog(frame, "create-volume-dialog");
            assert.deepEqual(await virshVolumes(name), [], "nothing made");
        }
    });
});
