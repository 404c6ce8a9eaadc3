// The Disks tab on a shut-off VM and on a running test guest: what it lists, adding (new
// volume, image path, hot-plug), growing, removing, CD media; bad input changes nothing.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import QUnit from "qunit";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import {
    cancelDialog, choose, chooseByLabel, click, clickRowButton, deviceRows, diskWithTarget, dumpxml, openVmTab, setValue, submitDialog,
    submitExpectingError, waitForDeviceRow,
} from "./lib/device-tabs.ts";
import { guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("disks");
const OFF = `${MARK}-off`;
const RUN = `${MARK}-run`;
const SHARE = `${MARK}-share`;
const POOL = `${MARK}-pool`;
const MiB = 1024 * 1024;

let dir = "";
let iso1 = "";
let iso2 = "";
let shareDir = "";

async function virtualSize(file: string): Promise<number> {
    const { stdout } = await exec("qemu-img", ["info", "-U", "--output=json", file]);
    return (JSON.parse(stdout) as { "virtual-size": number })["virtual-size"];
}

const hasTarget = (target: string) => (rows: { key: string }[]) => rows.some(r => r.key === target);
const lacksTarget = (target: string) => (rows: { key: string }[]) => !rows.some(r => r.key === target);

QUnit.module("VM disks", hooks => {
    const ui = browserForModule(hooks, "vm-disks", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            const offImage = await createImage(MARK, `${MARK}-off-root`);
            dir = path.dirname(offImage);
            iso1 = path.join(dir, `${MARK}-one.iso`);
            iso2 = path.join(dir, `${MARK}-two.iso`);
            writeFileSync(iso1, Buffer.alloc(2 * MiB));
            writeFileSync(iso2, Buffer.alloc(2 * MiB));
            await defineXml(domainXml({ name: OFF, disks: [offImage] }));
            await defineXml(domainXml(guestSpec(RUN, { disks: [await createImage(MARK, `${MARK}-run-root`)] })));
            await virsh("attach-disk", RUN, iso1, "hdc", "--type", "cdrom", "--targetbus", "ide", "--mode", "readonly", "--config");
            await virsh("pool-refresh", POOL);
            await virsh("start", "--", RUN);
            await defineXml(domainXml(guestSpec(SHARE)));
            shareDir = path.join(dir, `${MARK}-shared folder`);
            mkdirSync(shareDir, { recursive: true });
            writeFileSync(path.join(shareDir, "from-host.txt"), "kvmm-shared-hello\n");
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            rmSync(shareDir, { recursive: true, force: true });
        },
    });

    QUnit.test("lists each disk with its source, format and sizes", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, OFF, "disks");
        await waitForDeviceRow(frame, "disks", "vda with its capacity", rows => rows.find(r => r.key === "vda" && r.text.includes("16 MiB")));
        const vda = (await deviceRows(frame, "disks")).find(r => r.key === "vda");
        assert.true(vda?.text.includes(path.join(dir, `${MARK}-off-root.qcow2`)), "the image path is shown");
        assert.true(vda?.text.includes("qcow2"), "the format is shown");
        assert.true(vda?.text.includes("virtio"), "the bus is shown");

        await openVmTab(frame, RUN, "disks");
        await waitForDeviceRow(frame, "disks", "the CD drive", rows => rows.find(r => r.key === "hdc" && r.text.includes(iso1)));
        const hdc = (await deviceRows(frame, "disks")).find(r => r.key === "hdc");
        assert.strictEqual(hdc?.data.diskDevice, "cdrom");
        assert.true(hdc?.text.includes("Read-only"));
    });

    QUnit.test("a new volume is created in a pool and added to a shut-off VM", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, OFF, "disks");
        await click(frame, "#vm-disks-add");
        await click(frame, "#add-disk-source-new");
        await chooseByLabel(frame, "#add-disk-pool", POOL);
        await setValue(frame, "#add-disk-name", `${MARK}-new.qcow2`);
        await setValue(frame, "#add-disk-size", "32");
        await choose(frame, "#add-disk-unit", "MiB");
        await submitDialog(frame, "add-disk-dialog");
        await waitForDeviceRow(frame, "disks", "vdb listed with 32 MiB", rows => rows.find(r => r.key === "vdb" && r.text.includes("32 MiB")));
        const file = path.join(dir, `${MARK}-new.qcow2`);
        const vdb = diskWithTarget(await dumpxml(OFF, true), "vdb");
        assert.true(vdb?.includes(`file='${file}'`), "the saved definition has the new image as vdb");
        assert.true(vdb?.includes("type='qcow2'"));
        assert.strictEqual(await virtualSize(file), 32 * MiB, "the volume is 32 MiB");
    });

    QUnit.test("an existing volume is added on the SATA bus", async assert => {
        const frame = ui().frame;
        const image = await createImage(MARK, `${MARK}-existing`);
        await virsh("pool-refresh", POOL);
        await openVmTab(frame, OFF, "disks");
        await click(frame, "#vm-disks-add");
        await click(frame, "#add-disk-source-volume");
        await chooseByLabel(frame, "#add-disk-pool", POOL);
        await chooseByLabel(frame, "#add-disk-volume", `${MARK}-existing.qcow2 (16 MiB)`);
        await choose(frame, "#add-disk-bus", "sata");
        await submitDialog(frame, "add-disk-dialog");
        await waitForDeviceRow(frame, "disks", "sda listed", hasTarget("sda"));
        const sda = diskWithTarget(await dumpxml(OFF, true), "sda");
        assert.true(sda?.includes(`file='${image}'`) && sda.includes("bus='sata'") && sda.includes("type='qcow2'"), "sda is the volume, qcow2 on SATA");
        await clickRowButton(frame, "disks", "sda", "disk-remove");
        await submitDialog(frame, "remove-disk-dialog");
        await waitForDeviceRow(frame, "disks", "sda gone", lacksTarget("sda"));
        assert.true(existsSync(image), "removing without deleting keeps the image");
    });

    QUnit.test("a path that does not exist is refused and nothing changes", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, OFF, "disks");
        const before = await dumpxml(OFF, true);
        await click(frame, "#vm-disks-add");
        await click(frame, "#add-disk-source-path");
        await setValue(frame, "#add-disk-path", path.join(dir, "no-such-image.qcow2"));
        const error = await submitExpectingError(frame, "add-disk-dialog");
        assert.true(error.includes("does not exist"), `the error says so: ${error}`);
        await cancelDialog(frame, "add-disk-dialog");
        assert.strictEqual(await dumpxml(OFF, true), before, "the definition is unchanged");
    });

    QUnit.test("grow a shut-off VM's disk; shrinking is refused first", async assert => {
        const frame = ui().frame;
        const file = path.join(dir, `${MARK}-new.qcow2`);
        await openVmTab(frame, OFF, "disks");
        await waitForDeviceRow(frame, "disks", "vdb", hasTarget("vdb"));
        await clickRowButton(frame, "disks", "vdb", "disk-resize");
        await setValue(frame, "#resize-disk-size", "16");
        const error = await submitExpectingError(frame, "resize-disk-dialog");
        assert.true(error.includes("only grow"), `shrinking is refused: ${error}`);
        assert.strictEqual(await virtualSize(file), 32 * MiB, "the image is unchanged");

        await setValue(frame, "#resize-disk-size", "64");
        await submitDialog(frame, "resize-disk-dialog");
        assert.strictEqual(await virtualSize(file), 64 * MiB, "the image grew to 64 MiB");
        await waitForDeviceRow(frame, "disks", "vdb with 64 MiB", rows => rows.find(r => r.key === "vdb" && r.text.includes("64 MiB")));
    });

    QUnit.test("remove a disk with its image from a shut-off VM", async assert => {
        const frame = ui().frame;
        const file = path.join(dir, `${MARK}-new.qcow2`);
        await openVmTab(frame, OFF, "disks");
        await clickRowButton(frame, "disks", "vdb", "disk-remove");
        await click(frame, "#remove-disk-delete-image");
        await submitDialog(frame, "remove-disk-dialog");
        await waitForDeviceRow(frame, "disks", "vdb gone", lacksTarget("vdb"));
        assert.strictEqual(diskWithTarget(await dumpxml(OFF, true), "vdb"), undefined, "vdb is no longer defined");
        assert.false(existsSync(file), "the image was deleted");
    });

    QUnit.test("hot-plug an image into a running VM, grow it, unplug it", async assert => {
        const frame = ui().frame;
        await waitForSerial(RUN, "KVMM-GUEST-READY");
        const image = await createImage(MARK, `${MARK}-hot`);
        await openVmTab(frame, RUN, "disks");
        await click(frame, "#vm-disks-add");
        await click(frame, "#add-disk-source-path");
        await setValue(frame, "#add-disk-path", image);
        await submitDialog(frame, "add-disk-dialog");
        await waitForDeviceRow(frame, "disks", "vdb listed", hasTarget("vdb"));
        assert.true(diskWithTarget(await dumpxml(RUN), "vdb")?.includes(image), "the running VM has the disk");
        assert.true(diskWithTarget(await dumpxml(RUN, true), "vdb")?.includes(image), "and keeps it after shutdown");

        await waitForDeviceRow(frame, "disks", "vdb size known", rows => rows.find(r => r.key === "vdb" && r.text.includes("16 MiB")));
        await clickRowButton(frame, "disks", "vdb", "disk-resize");
        await setValue(frame, "#resize-disk-size", "48");
        await submitDialog(frame, "resize-disk-dialog");
        assert.true((await virsh("domblkinfo", RUN, "vdb")).includes(String(48 * MiB)), "the running VM sees 48 MiB");
        assert.strictEqual(await virtualSize(image), 48 * MiB, "the image grew");

        await clickRowButton(frame, "disks", "vdb", "disk-remove");
        await submitDialog(frame, "remove-disk-dialog");
        await waitForDeviceRow(frame, "disks", "vdb unplugged", lacksTarget("vdb"));
        assert.strictEqual(diskWithTarget(await dumpxml(RUN), "vdb"), undefined, "unplugged from the running VM");
        assert.strictEqual(diskWithTarget(await dumpxml(RUN, true), "vdb"), undefined, "and from the saved definition");
        assert.true(existsSync(image), "the image was kept");
    });

    QUnit.test("a disk hot-plugged without keeping it is only in the running VM", async assert => {
        const frame = ui().frame;
        await waitForSerial(RUN, "KVMM-GUEST-READY");
        const image = await createImage(MARK, `${MARK}-temp`);
        await openVmTab(frame, RUN, "disks");
        await click(frame, "#vm-disks-add");
        await click(frame, "#add-disk-source-path");
        await setValue(frame, "#add-disk-path", image);
        await click(frame, "#add-disk-permanent");
        await submitDialog(frame, "add-disk-dialog");
        await waitForDeviceRow(frame, "disks", "vdb listed", hasTarget("vdb"));
        assert.true(diskWithTarget(await dumpxml(RUN), "vdb")?.includes(image), "the running VM has the disk");
        assert.strictEqual(diskWithTarget(await dumpxml(RUN, true), "vdb"), undefined, "the saved definition does not");

        await clickRowButton(frame, "disks", "vdb", "disk-remove");
        await submitDialog(frame, "remove-disk-dialog");
        await waitForDeviceRow(frame, "disks", "vdb unplugged", lacksTarget("vdb"));
        assert.strictEqual(diskWithTarget(await dumpxml(RUN), "vdb"), undefined, "unplugged");
    });

    QUnit.test("where hot-plug is impossible the dialog shows libvirt's reason", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, RUN, "disks");
        const before = await dumpxml(RUN);
        await click(frame, "#vm-disks-add");
        await click(frame, "#add-disk-source-path");
        await setValue(frame, "#add-disk-path", iso2);
        await choose(frame, "#add-disk-bus", "ide");
        const error = await submitExpectingError(frame, "add-disk-dialog");
        assert.true(error.includes("could not be added") && /hotplug|hot-plug|hot plug/i.test(error), `libvirt's message is shown: ${error}`);
        await cancelDialog(frame, "add-disk-dialog");
        assert.strictEqual(await dumpxml(RUN), before, "the running VM is unchanged");
    });

    QUnit.test("eject and insert CD media on a running VM", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, RUN, "disks");
        await clickRowButton(frame, "disks", "hdc", "disk-eject");
        await submitDialog(frame, "eject-media-dialog");
        await waitForDeviceRow(frame, "disks", "hdc empty", rows => rows.find(r => r.key === "hdc" && r.text.includes("No media")));
        assert.false(diskWithTarget(await dumpxml(RUN), "hdc")?.includes("file="), "the running VM's drive is empty");
        assert.false(diskWithTarget(await dumpxml(RUN, true), "hdc")?.includes("file="), "and stays empty after restart");

        const before = await dumpxml(RUN);
        await clickRowButton(frame, "disks", "hdc", "disk-insert");
        await setValue(frame, "#insert-media-path", path.join(dir, "missing.iso"));
        const error = await submitExpectingError(frame, "insert-media-dialog");
        assert.true(error.includes("does not exist"), `a missing ISO is refused: ${error}`);
        assert.strictEqual(await dumpxml(RUN), before, "nothing changed");

        await setValue(frame, "#insert-media-path", iso2);
        await submitDialog(frame, "insert-media-dialog");
        await waitForDeviceRow(frame, "disks", "hdc with the new media", rows => rows.find(r => r.key === "hdc" && r.text.includes(iso2)));
        assert.true(diskWithTarget(await dumpxml(RUN), "hdc")?.includes(`file='${iso2}'`), "the running VM has the new media");
        assert.true(diskWithTarget(await dumpxml(RUN, true), "hdc")?.includes(`file='${iso2}'`), "and so does the saved definition");
    });

    const sharedFolders = (xml: string): string[] => xml.match(/<filesystem[ >][\s\S]*?<\/filesystem>/g) ?? [];
    const shareRows = (frame: Parameters<typeof openVmTab>[0]) => frame.$$eval(".vm-shared-folder-row", rows => rows.map(r => r.getAttribute("data-tag") ?? ""));

    QUnit.test("shared folders: refused on a running VM without shared memory and for bad input, changing nothing", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, RUN, "disks");
        const runBefore = await dumpxml(RUN);
        await click(frame, "#vm-shared-folders-add");
        await setValue(frame, "#shared-folder-dir", shareDir);
        let error = await submitExpectingError(frame, "add-shared-folder-dialog");
        assert.true(error.includes("Shut it down"), `a running VM without shared memory is refused: ${error}`);
        await cancelDialog(frame, "add-shared-folder-dialog");
        assert.strictEqual(await dumpxml(RUN), runBefore, "the running VM is unchanged");

        await openVmTab(frame, SHARE, "disks");
        await frame.waitForSelector("#vm-shared-folders-empty");
        const before = await dumpxml(SHARE, true);
        await click(frame, "#vm-shared-folders-add");
        await frame.waitForSelector("#shared-folder-memory-note");
        const refusals: [string, string, RegExp][] = [
            ["relative/dir", "rel", /full path/],
            [path.join(dir, "no-such-folder"), "missing", /is not a folder/],
            [path.join(dir, `${MARK}-one.iso`), "file", /is not a folder/],
            [shareDir, "has space", /no spaces/],
            [shareDir, "x".repeat(37), /at most 36 bytes/],
        ];
        for (const [folder, tag, expected] of refusals) {
            await setValue(frame, "#shared-folder-dir", folder);
            await setValue(frame, "#shared-folder-tag", tag);
            error = await submitExpectingError(frame, "add-shared-folder-dialog");
            assert.true(expected.test(error), `${folder} as "${tag}" is refused: ${error}`);
        }
        await setValue(frame, "#shared-folder-dir", shareDir);
        await setValue(frame, "#shared-folder-tag", "ro");
        await click(frame, "#shared-folder-readonly");
        await click(frame, "#add-shared-folder-dialog-submit:not([disabled])");
        const readOnly = await waitFor("a refusal or the dialog closed", () => frame.evaluate(() => {
            const refusal = document.querySelector<HTMLElement>("#add-shared-folder-dialog .dialog-error");
            if (refusal) return refusal.innerText;
            return document.querySelector("#add-shared-folder-dialog") ? null : "closed";
        }), 30_000);
        if (readOnly !== "closed") {
            // libvirt 9 (these machines) has no read-only virtiofs: its refusal is put in words.
            assert.true(readOnly.includes("cannot share a folder read-only") && readOnly.includes("virtiofs does not yet support read-only"), readOnly);
            await cancelDialog(frame, "add-shared-folder-dialog");
            assert.strictEqual(await dumpxml(SHARE, true), before, "the definition is unchanged");
        } else {
            assert.true(sharedFolders(await dumpxml(SHARE, true)).some(f => f.includes("<readonly/>")), "a libvirt with read-only virtiofs keeps it read-only");
            await defineXml(before);
        }
    });

    QUnit.test("shared folders: a host folder shared with a shut-off VM is read and written in the guest, then removed live", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, SHARE, "disks");
        await click(frame, "#vm-shared-folders-add");
        await setValue(frame, "#shared-folder-dir", `${shareDir}/`);
        assert.strictEqual(await frame.$eval("#shared-folder-tag", e => (e as HTMLInputElement).value), `${MARK}-shared-folder`, "the tag is proposed from the folder's name, without its space");
        await setValue(frame, "#shared-folder-tag", "hostshare");
        await submitDialog(frame, "add-shared-folder-dialog");
        await waitFor("the shared folder's row", async () => (await shareRows(frame)).includes("hostshare"));
        const saved = await dumpxml(SHARE, true);
        const folder = sharedFolders(saved)[0] ?? "";
        assert.true(folder.includes("type='virtiofs'") && folder.includes(`dir='${shareDir}'`) && folder.includes("dir='hostshare'"), folder);
        assert.true(/<memoryBacking>[\s\S]*<access mode='shared'\/>[\s\S]*<\/memoryBacking>/.test(saved), "the memory is shared with the host");

        await virsh("start", "--", SHARE);
        await waitForSerial(SHARE, "KVMM-GUEST-READY");
        await runOnSerial(SHARE, "mkdir -p /mnt/h && mount -t virtiofs hostshare /mnt/h && cat /mnt/h/from-host.txt", "kvmm-shared-hello");
        await runOnSerial(SHARE, "echo kvmm-from-guest > /mnt/h/from-guest.txt && sync && echo WROTE-$((40+2))", "WROTE-42");
        assert.strictEqual(readFileSync(path.join(shareDir, "from-guest.txt"), "utf8"), "kvmm-from-guest\n", "the guest's file is on the host");

        await runOnSerial(SHARE, "umount /mnt/h && echo UNMOUNTED-$((1+1))", "UNMOUNTED-2");
        await openVmTab(frame, SHARE, "disks");
        await frame.click(".vm-shared-folder-row[data-tag='hostshare'] .shared-folder-remove");
        await submitDialog(frame, "remove-shared-folder-dialog");
        await waitFor("the row gone", async () => !(await shareRows(frame)).includes("hostshare"));
        assert.deepEqual(sharedFolders(await dumpxml(SHARE)), [], "the running VM no longer has it");
        assert.deepEqual(sharedFolders(await dumpxml(SHARE, true)), [], "nor its saved definition");
        assert.true(existsSync(path.join(shareDir, "from-host.txt")), "the host's files stay");
    });
});
