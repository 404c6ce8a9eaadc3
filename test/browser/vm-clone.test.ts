// Clone against real libvirt and QEMU: through the dialog from the VM list and the VM page, full
// and linked, from a snapshot, from a running source through a temporary snapshot; what libvirt
// and the host hold afterwards (UUID, MACs, disk files and their content, the cloud-init seed,
// NVRAM and TPM state); the clone boots; refusals and a cancelled copy leave nothing; kvmm clone.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { enableAdminAccess } from "./lib/agent-guest.ts";
import { disksOf, holdsPattern, imageInfo, macsOf, seedFile, uuidOf } from "./lib/clone-host.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { click, setValue, submitDialog, submitExpectingError } from "./lib/device-tabs.ts";
import { KVMM, kvmm } from "./lib/kvmm.ts";
import { guestSpec, serialLogPath, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, clickPageAction, waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("clone");
const SRC = `${MARK}-src`;
const RAW = `${MARK}-raw`;
const BIG = `${MARK}-big`;
const EFI = `${MARK}-efi`;
const POOL_DIR = `/var/lib/libvirt/images/kvmm-test/${MARK}`;
const ISO = `${POOL_DIR}/${MARK}-installer.iso`;
const SEED = `${POOL_DIR}/${SRC}-cidata.iso`;
const SOURCE_USER_DATA = "#cloud-config\n# the source's own\nhostname: source-host\nusers:\n  - name: ana\n    lock_passwd: true\n";
const NVRAM_DIR = "/var/lib/libvirt/qemu/nvram";
const TPM_DIR = "/var/lib/libvirt/swtpm";

async function makeSeed(): Promise<void> {
    const dir = mkdtempSync("/tmp/kvmm-clone-seed-");
    writeFileSync(`${dir}/user-data`, SOURCE_USER_DATA);
    writeFileSync(`${dir}/meta-data`, "instance-id: source-1\nlocal-hostname: source-host\n");
    await exec("xorriso", ["-as", "mkisofs", "-quiet", "-output", SEED, "-volid", "cidata", "-joliet", "-rock", dir]);
    rmSync(dir, { recursive: true, force: true });
}

/** Files of the test pool whose names contain `text`. */
function poolFiles(text: string): string[] {
    return existsSync(POOL_DIR) ? readdirSync(POOL_DIR).filter(f => f.includes(text)) : [];
}

async function openCloneDialog(frame: Frame, vm: string): Promise<void> {
    await waitForRow(frame, vm);
    await clickAction(frame, vm, "clone");
    await frame.waitForSelector("#clone-vm-dialog", { visible: true, timeout: 10_000 });
}

async function helpText(frame: Frame): Promise<string> {
    return frame.$eval("#clone-vm-from-help", el => (el as HTMLElement).innerText);
}

/** Removes what the UEFI test made outside libvirt's reach (a VM never started has no TPM state libvirt knows of). */
const tpmDirs: string[] = [];

QUnit.module("Clone a VM", hooks => {
    const ui = browserForModule(hooks, "vm-clone", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            const disk = await createImage(MARK, `${SRC}-root`, "64M");
            await exec("qemu-io", ["-f", "qcow2", "-c", "write -P 0xab 0 1M", disk]);
            writeFileSync(ISO, "not really an ISO, but shared media all the same");
            await makeSeed();
            await defineXml(domainXml(guestSpec(SRC, { disks: [disk], cdrom: ISO, userNic: true })));
            await virsh("attach-disk", SRC, SEED, "sdb", "--type", "cdrom", "--targetbus", "sata", "--mode", "readonly", "--config");
            await virsh("pool-refresh", `${MARK}-pool`);
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            for (const dir of tpmDirs) rmSync(dir, { recursive: true, force: true });
            for (const log of readdirSync("/var/log/libvirt/qemu").filter(f => f.startsWith(MARK))) rmSync(`/var/log/libvirt/qemu/${log}`, { force: true });
        },
    });

    /** Copies write root's image files: switch on administrative access once. */
    async function adminFrame(): Promise<Frame> {
        const session = ui();
        await enableAdminAccess(session.page);
        session.frame = await pluginFrame(session.page);
        return session.frame;
    }

    QUnit.test("names: a free one is proposed; a taken or bad one is refused in words, and nothing is made", async assert => {
        const frame = ui().frame;
        await openCloneDialog(frame, SRC);
        assert.strictEqual(await frame.$eval("#clone-vm-name", el => (el as HTMLInputElement).value), `${SRC}-clone`);
        await setValue(frame, "#clone-vm-name", SRC);
        assert.true((await frame.$eval("#clone-vm-name-error", el => (el as HTMLElement).innerText)).includes(`A virtual machine named ${SRC} already exists.`));
        assert.true((await submitExpectingError(frame, "clone-vm-dialog")).includes("already exists"));
        await setValue(frame, "#clone-vm-name", `${MARK}-a/b`);
        assert.true((await submitExpectingError(frame, "clone-vm-dialog")).includes("cannot contain '/'"));
        await click(frame, "#clone-vm-dialog-cancel");
        await frame.waitForSelector("#clone-vm-dialog", { hidden: true });
        assert.deepEqual(poolFiles(`${SRC}-clone`), [], "no file was made");
        assert.false(await domainExists(`${SRC}-clone`));
    });

    QUnit.test("without administrative access the copy is refused with what to do, and nothing is left", async assert => {
        const frame = ui().frame;
        const name = `${MARK}-noadmin`;
        await openCloneDialog(frame, SRC);
        await setValue(frame, "#clone-vm-name", name);
        const error = await submitExpectingError(frame, "clone-vm-dialog");
        assert.true(error.includes("Turn on administrative access"), error);
        await click(frame, "#clone-vm-dialog-cancel");
        assert.false(await domainExists(name));
        assert.deepEqual(poolFiles(name), [], "the volume made for the copy was removed");
    });

    QUnit.test("a full clone from the list: a new machine with its own disk, seed, UUID and MACs; the ISO shared; it boots", async assert => {
        const frame = await adminFrame();
        const name = `${MARK}-full`;
        await openCloneDialog(frame, SRC);
        assert.strictEqual(await helpText(frame), "Its disks as they are now.");
        await setValue(frame, "#clone-vm-name", name);
        await click(frame, "#clone-vm-start");
        await submitDialog(frame, "clone-vm-dialog", 300_000);
        await waitForRow(frame, name);

        assert.notStrictEqual(await uuidOf(name), await uuidOf(SRC), "a UUID of its own");
        const [mac] = await macsOf(name);
        assert.true(mac !== undefined && /^52:54:00:/.test(mac) && mac !== (await macsOf(SRC))[0], `a new MAC: ${mac ?? ""}`);
        const disks = await disksOf(name);
        const source = await disksOf(SRC);
        assert.strictEqual(disks.vda, `${POOL_DIR}/${name}.qcow2`, "the disk is a file of its own in the source's pool");
        assert.strictEqual((await imageInfo(disks.vda ?? ""))["backing-filename"], undefined, "a full copy, no backing file");
        assert.true(await holdsPattern(disks.vda ?? "", "0xab"), "with the source's data");
        assert.strictEqual(disks.sda, ISO, "the installer ISO is shared, not copied");
        assert.strictEqual(disks.sdb, `${POOL_DIR}/${name}-cidata.iso`, "a seed of its own");
        assert.strictEqual(source.sdb, SEED, "the source keeps its seed");
        const meta = await seedFile(disks.sdb ?? "", "meta-data");
        assert.true(meta.includes(`local-hostname: ${name}`) && !meta.includes("source-1"), meta);
        const userData = await seedFile(disks.sdb ?? "", "user-data");
        assert.strictEqual(userData, SOURCE_USER_DATA.replace("source-host", name), "the source's user-data with the clone's host name");

        assert.strictEqual(await domstate(name), "running", "started as asked");
        await waitForSerial(name, "KVMM-GUEST-READY", 1, 240_000);
        assert.true(existsSync(serialLogPath(name)), "its serial log is its own");
    });

    QUnit.test("a linked clone from the VM page: a qcow2 overlay with the source's image as backing", async assert => {
        const frame = await adminFrame();
        const name = `${MARK}-linked`;
        await frame.evaluate(n => { window.location.hash = `#/vm/system/${encodeURIComponent(n)}` }, SRC);
        await clickPageAction(frame, "clone");
        await frame.waitForSelector("#clone-vm-dialog", { visible: true });
        await setValue(frame, "#clone-vm-name", name);
        await click(frame, "#clone-vm-linked");
        await submitDialog(frame, "clone-vm-dialog", 120_000);
        const disk = (await disksOf(name)).vda ?? "";
        const info = await imageInfo(disk);
        assert.strictEqual(info.format, "qcow2");
        assert.strictEqual(info["backing-filename"], (await disksOf(SRC)).vda, "the source's image is its backing file");
        assert.true(await holdsPattern(disk, "0xab"), "the source's data shows through");
        await frame.evaluate(() => { window.location.hash = "#/" });
    });

    QUnit.test("from a snapshot: the disks as the snapshot holds them", async assert => {
        const frame = await adminFrame();
        const name = `${MARK}-fromsnap`;
        await virsh("snapshot-create-as", "--", SRC, "before");
        const image = (await disksOf(SRC)).vda ?? "";
        await exec("qemu-io", ["-f", "qcow2", "-c", "write -P 0xcd 0 1M", image]);
        await openCloneDialog(frame, SRC);
        await frame.waitForSelector("#clone-vm-from option[value='snapshot:before']");
        await frame.select("#clone-vm-from", "snapshot:before");
        assert.true(await frame.$eval("#clone-vm-linked", el => (el as HTMLInputElement).disabled), "a linked clone is not offered from a snapshot");
        await setValue(frame, "#clone-vm-name", name);
        await submitDialog(frame, "clone-vm-dialog", 300_000);
        await waitForRow(frame, name);
        const disk = (await disksOf(name)).vda ?? "";
        assert.true(await holdsPattern(disk, "0xab"), "the snapshot's data");
        assert.true(await holdsPattern(image, "0xcd"), "while the source holds its newer data");
        assert.strictEqual(await virsh("snapshot-list", "--name", "--", name), "", "the clone has no snapshots");
        await virsh("snapshot-delete", "--", SRC, "before");
    });

    QUnit.test("a running source: copied through a snapshot taken and deleted again; a raw disk refuses it with the reason", async assert => {
        const frame = await adminFrame();
        const name = `${MARK}-live`;
        await virsh("start", "--", SRC);
        await waitForRow(frame, SRC, "running");
        await openCloneDialog(frame, SRC);
        assert.true((await helpText(frame)).includes("is running, so its disks are being written"));
        assert.true(await frame.$eval("#clone-vm-linked", el => (el as HTMLInputElement).disabled));
        await setValue(frame, "#clone-vm-name", name);
        await submitDialog(frame, "clone-vm-dialog", 600_000);
        await waitForRow(frame, name);
        assert.true(await holdsPattern((await disksOf(name)).vda ?? "", "0xcd"), "the disk as it was when the snapshot was taken");
        assert.strictEqual(await virsh("snapshot-list", "--name", "--", SRC), "", "the temporary snapshot is gone");
        assert.strictEqual(await domstate(SRC), "running", "the source runs on");

        const raw = `${POOL_DIR}/${RAW}-root.img`;
        await exec("qemu-img", ["create", "-q", "-f", "raw", raw, "16M"]);
        await defineXml(domainXml(guestSpec(RAW)));
        await virsh("attach-disk", RAW, raw, "vda", "--driver", "qemu", "--subdriver", "raw", "--targetbus", "virtio", "--config");
        await virsh("start", "--", RAW);
        await waitForRow(frame, RAW, "running");
        await openCloneDialog(frame, RAW);
        const error = await submitExpectingError(frame, "clone-vm-dialog");
        assert.true(error.includes("must be in qcow2 format"), error);
        await click(frame, "#clone-vm-dialog-cancel");
        assert.false(await domainExists(`${RAW}-clone`));
        assert.deepEqual(poolFiles(`${RAW}-clone`), []);
        await virsh("destroy", "--", RAW);
        await virsh("destroy", "--", SRC);
    });

    QUnit.test("a cancelled copy leaves no domain, volume or file", async assert => {
        const frame = await adminFrame();
        const name = `${MARK}-cancelled`;
        const big = `${POOL_DIR}/${BIG}-root.img`;
        // Data throughout (a sparse image is copied in no time): long enough a copy to cancel.
        await exec("sh", ["-c", `yes kvmm-clone | head -c 3G > '${big}'`]);
        await defineXml(domainXml({ name: BIG }));
        await virsh("attach-disk", BIG, big, "vda", "--driver", "qemu", "--subdriver", "raw", "--targetbus", "virtio", "--config");
        await virsh("pool-refresh", `${MARK}-pool`);
        await openCloneDialog(frame, BIG);
        await setValue(frame, "#clone-vm-name", name);
        await click(frame, "#clone-vm-dialog-submit");
        await frame.waitForSelector("#clone-vm-progress-bar", { visible: true, timeout: 60_000 });
        await click(frame, "#clone-vm-dialog-cancel");
        await frame.waitForSelector("#clone-vm-dialog", { hidden: true, timeout: 60_000 });
        assert.false(await domainExists(name), "no domain");
        assert.deepEqual(poolFiles(name), [], "no volume");

        // kvmm: ^C (SIGINT to kvmm alone, by its process id) once the copy has begun.
        const child = spawn(KVMM, ["clone", BIG, `${name}-cli`]);
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString() });
        const exited = new Promise<number | null>(resolve => child.on("exit", resolve));
        await waitFor("kvmm's copy progress", () => /Copying disk vda \(1 of 1\): \d+%/.test(stderr), 60_000);
        child.kill("SIGINT");
        assert.strictEqual(await exited, 1, stderr);
        assert.true(stderr.includes("kvmm: Cancelled: nothing of the clone was kept"), stderr);
        assert.false(await domainExists(`${name}-cli`));
        assert.deepEqual(poolFiles(name), [], "no volume");
        rmSync(big);
    });

    QUnit.test("UEFI variables and TPM state are copied to the clone's own files (kvmm clone)", async assert => {
        await defineXml(domainXml({ name: EFI, machine: "q35", userNic: true }).replace("<os>", "<os firmware='efi'>")
            .replace("</devices>", "<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm></devices>"));
        const name = `${MARK}-efi-clone`;
        // As a first start leaves them: libvirt's NVRAM file for the VM, and swtpm's state under its UUID.
        writeFileSync(`${NVRAM_DIR}/${EFI}_VARS.fd`, "source's UEFI variables");
        const sourceTpm = `${TPM_DIR}/${await uuidOf(EFI)}`;
        mkdirSync(`${sourceTpm}/tpm2`, { recursive: true });
        writeFileSync(`${sourceTpm}/tpm2/tpm2-00.permall`, "source's TPM state");
        tpmDirs.push(sourceTpm);
        const made = await kvmm("clone", EFI, name, "--json");
        assert.strictEqual(made.code, 0, made.stderr);
        assert.deepEqual(JSON.parse(made.stdout), { name, volumes: [] });
        assert.strictEqual(readFileSync(`${NVRAM_DIR}/${name}_VARS.fd`, "utf8"), "source's UEFI variables");
        const cloneTpm = `${TPM_DIR}/${await uuidOf(name)}`;
        tpmDirs.push(cloneTpm);
        assert.strictEqual(readFileSync(`${cloneTpm}/tpm2/tpm2-00.permall`, "utf8"), "source's TPM state");
        await virsh("undefine", "--nvram", "--tpm", "--", name);
        assert.false(existsSync(`${NVRAM_DIR}/${name}_VARS.fd`), "libvirt knows the clone's NVRAM file as its own");
    });

    QUnit.test("kvmm clone: the page lists the clone; a running source and a missing pool are refused with the reason; a clone that cannot start is not kept", async assert => {
        const frame = ui().frame;
        const name = `${MARK}-cli`;
        const made = await kvmm("clone", SRC, name, "--linked");
        assert.strictEqual(made.code, 0, made.stderr);
        assert.strictEqual(made.stdout, `${name}\nmade ${POOL_DIR}/${name}.qcow2\nmade ${POOL_DIR}/${name}-cidata.iso\n`, "an overlay, and a seed of its own");
        assert.true(made.stderr.includes("Creating the overlay image of disk vda"), made.stderr);
        await waitForRow(frame, name, "shutoff");
        assert.true(true, "the page lists it without a reload");

        const noPool = await kvmm("clone", SRC, `${MARK}-nopool`, "--pool", `${MARK}-nosuchpool`);
        assert.strictEqual(noPool.code, 1);
        assert.true(noPool.stderr.includes(`There is no storage pool named ${MARK}-nosuchpool.`), noPool.stderr);
        await virsh("start", "--", SRC);
        const running = await kvmm("clone", SRC, `${MARK}-cli-2`);
        assert.strictEqual(running.code, 1);
        assert.true(running.stderr.includes("is running: its disks are being written"), running.stderr);
        const usage = await kvmm("clone", SRC);
        assert.strictEqual(usage.code, 2);

        // A clone that cannot start is not kept: its definition, disk and seed go again.
        const broken = `${MARK}-nokernel`;
        await defineXml(domainXml({ name: broken, disks: [await createImage(MARK, `${broken}-root`)], kernel: { kernel: `${POOL_DIR}/no-such-kernel`, initrd: `${POOL_DIR}/no-such-initrd`, cmdline: "" } }));
        await virsh("pool-refresh", `${MARK}-pool`);
        const unstartable = await kvmm("clone", broken, `${MARK}-cli-3`, "--start");
        assert.strictEqual(unstartable.code, 1);
        assert.true(unstartable.stderr.includes("The clone could not be started, so it was not kept"), unstartable.stderr);
        assert.true(unstartable.stderr.includes("Removing what was made"), unstartable.stderr);
        assert.false(await domainExists(`${MARK}-cli-3`));
        assert.deepEqual(poolFiles(`${MARK}-cli-3`), []);
        assert.false(await domainExists(`${MARK}-cli-2`));
        assert.deepEqual(poolFiles(`${MARK}-nopool`).concat(poolFiles(`${MARK}-cli-2`)), []);
        await virsh("destroy", "--", SRC);
    });
});
