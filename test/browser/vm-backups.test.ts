// VM backups on a real running guest with kvmm: the guest writes a record to its disk, a full
// backup; another record, an incremental one (libvirt's backup job from the full backup's
// checkpoint); each backup restored as a new VM holds exactly the records written before it, read
// inside the booted guest. (The test guest's kernel has no filesystem module for its disk: the
// records are written to the raw disk at fixed places.)
// A damaged file is found by verify and refused by restore. One guest is booted for the file.
// The page's Backups tab backs up a shut-off VM and verifies the backup.
import { execFile } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { adminFrame } from "./lib/agent-guest.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { click, openVmTab, submitDialog } from "./lib/device-tabs.ts";
import { kvmm } from "./lib/kvmm.ts";
import { guestSpec, runOnSerial, serialLogPath, serialOutput, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("backups");
const GUEST = `${MARK}-guest`;
const TARGET = `/tmp/${MARK}-target`;
const POOL = `${MARK}-pool`;
const FROM_FULL = `${MARK}-from-full`;
const FROM_INCREMENTAL = `${MARK}-from-incr`;

const WRITE_A = "echo ALPHA-$((10+1)) | dd of=/dev/vda bs=512 seek=2048 conv=fsync 2>/dev/null; echo WROTE-$((40+1))";
const WRITE_B = "echo BRAVO-$((20+2)) | dd of=/dev/vda bs=512 seek=4096 conv=fsync 2>/dev/null; echo WROTE-$((50+2))";
const READ_BOTH = "dd if=/dev/vda bs=512 skip=2048 count=1 2>/dev/null | head -n 1; dd if=/dev/vda bs=512 skip=4096 count=1 2>/dev/null | head -n 1; echo READ-$((30+1))";

/** Boots a restored VM and says which of the two records its disk holds, then turns it off. */
async function filesIn(name: string): Promise<{ a: boolean; b: boolean }> {
    rmSync(serialLogPath(name), { force: true });
    await virsh("start", name);
    try {
        await waitForSerial(name, "KVMM-GUEST-READY");
        await runOnSerial(name, READ_BOTH, "READ-31");
        const log = serialOutput(name);
        return { a: log.includes("ALPHA-11"), b: log.includes("BRAVO-22") };
    } finally {
        await virsh("destroy", name).catch(() => undefined);
    }
}

const ids = (text: string) => text.split("\n").map(l => l.split("\t")[0] ?? "").filter(Boolean);

QUnit.module("VM backups (kvmm)", hooks => {
    hooks.before(async () => {
        await cleanupTestDomains(MARK);
        rmSync(TARGET, { recursive: true, force: true });
        await defineXml(domainXml(guestSpec(GUEST, { disks: [await createImage(MARK, `${GUEST}-data`, "16M")] })));
        await virsh("start", GUEST);
        await waitForSerial(GUEST, "KVMM-GUEST-READY");
    });
    hooks.after(async () => {
        await cleanupTestDomains(MARK);
        rmSync(TARGET, { recursive: true, force: true });
        for (const name of [GUEST, FROM_FULL, FROM_INCREMENTAL]) rmSync(serialLogPath(name), { force: true });
    });

    let full = "";
    let incremental = "";

    QUnit.test("full, then incremental from its checkpoint; each restored VM holds the records written before its backup", async assert => {
        await runOnSerial(GUEST, WRITE_A, "WROTE-41");
        const first = await kvmm("backup", GUEST, "--target", TARGET);
        assert.strictEqual(first.code, 0, first.stderr);
        full = first.stdout.trim();
        assert.true(full.endsWith("-full"), `the first backup is full: ${full}`);
        assert.true(first.stderr.includes("There is no earlier backup"), first.stderr);

        await runOnSerial(GUEST, WRITE_B, "WROTE-52");
        const second = await kvmm("backup", GUEST, "--target", TARGET, "--json");
        assert.strictEqual(second.code, 0, second.stderr);
        const made = JSON.parse(second.stdout) as { id: string; kind: string; consistency: string };
        incremental = made.id;
        assert.strictEqual(made.kind, "incremental", "the second backup only holds what changed");
        assert.strictEqual(made.consistency, "crash-consistent", "no guest agent: said so");

        const listed = await kvmm("backup", "list", GUEST, "--target", TARGET);
        assert.deepEqual(ids(listed.stdout), [full, incremental], listed.stdout);
        const checkpoints = (await virsh("checkpoint-list", "--name", GUEST)).split("\n").map(l => l.trim()).filter(Boolean);
        assert.deepEqual(checkpoints.sort(), [`kvmm-${full}`, `kvmm-${incremental}`], "a checkpoint per backup");
        const info = JSON.parse((await exec("qemu-img", ["info", "--output=json", `${TARGET}/${GUEST}/${incremental}/vda.qcow2`])).stdout) as { "backing-filename"?: string };
        assert.strictEqual(info["backing-filename"], `../${full}/vda.qcow2`, "the incremental image builds on the full one inside the target");
        assert.deepEqual(readdirSync(`${TARGET}/${GUEST}`).filter(n => n.startsWith(".")), [], "no working directory left behind");

        const restoredIncremental = await kvmm("backup", "restore", GUEST, incremental, "--as", FROM_INCREMENTAL, "--pool", POOL);
        // The default target was not used: restoring from it finds nothing.
        assert.strictEqual(restoredIncremental.code, 1);
        assert.true(restoredIncremental.stderr.includes(`There is no backup ${incremental}`), restoredIncremental.stderr);
        assert.false(await domainExists(FROM_INCREMENTAL), "nothing defined for a backup that is not there");

        for (const [id, name] of [[incremental, FROM_INCREMENTAL], [full, FROM_FULL]] as const) {
            const restored = await kvmm("backup", "restore", GUEST, id, "--as", name, "--pool", POOL, "--target", TARGET);
            assert.strictEqual(restored.code, 0, restored.stderr);
        }
        assert.deepEqual(await filesIn(FROM_INCREMENTAL), { a: true, b: true }, "restored from the incremental backup: both records");
        assert.deepEqual(await filesIn(FROM_FULL), { a: true, b: false }, "restored from the full backup: the first record only");
    });

    QUnit.test("verify finds a damaged file; restore refuses the damaged chain and defines nothing", async assert => {
        assert.notStrictEqual(full, "", "the backups of the first test exist");
        const ok = await kvmm("backup", "verify", GUEST, incremental, "--target", TARGET);
        assert.strictEqual(ok.code, 0, ok.stderr);
        assert.strictEqual(ok.stdout, `ok ${full}\nok ${incremental}\n`);

        // One byte of the full backup's disk flipped: the incremental backup builds on it.
        const image = `${TARGET}/${GUEST}/${full}/vda.qcow2`;
        const { stdout } = await exec("sh", ["-c", `dd if="$1" bs=1 skip=4096 count=1 status=none | od -An -tu1`, "sh", image]);
        const flipped = (Number(stdout.trim()) ^ 0xff).toString(8);
        await exec("sh", ["-c", `printf "\\${flipped}" | dd of="$1" bs=1 seek=4096 conv=notrunc status=none`, "sh", image]);

        const damaged = await kvmm("backup", "verify", GUEST, incremental, "--target", TARGET);
        assert.strictEqual(damaged.code, 1, damaged.stdout);
        assert.true(damaged.stderr.includes(`damaged: ${full}/vda.qcow2`), damaged.stderr);
        const refused = await kvmm("backup", "restore", GUEST, incremental, "--as", `${MARK}-refused`, "--pool", POOL, "--target", TARGET);
        assert.strictEqual(refused.code, 1);
        assert.true(refused.stderr.includes(`Backup ${full} is damaged: vda.qcow2`), refused.stderr);
        assert.false(await domainExists(`${MARK}-refused`));
    });

    QUnit.test("prune keeps the newest full backup with its incremental ones", async assert => {
        const third = await kvmm("backup", GUEST, "--target", TARGET, "--full");
        assert.strictEqual(third.code, 0, third.stderr);
        const newest = third.stdout.trim();
        assert.true(newest.endsWith("-full"), "--full makes a full backup although an incremental one could be made");
        const pruned = await kvmm("backup", "prune", GUEST, "--keep", "1", "--target", TARGET);
        assert.strictEqual(pruned.code, 0, pruned.stderr);
        assert.strictEqual(pruned.stdout, `deleted ${full}\ndeleted ${incremental}\n`);
        assert.deepEqual(ids((await kvmm("backup", "list", GUEST, "--target", TARGET)).stdout), [newest]);
        const checkpoints = (await virsh("checkpoint-list", "--name", GUEST)).split("\n").map(l => l.trim()).filter(Boolean);
        assert.deepEqual(checkpoints, [`kvmm-${newest}`], "the pruned backups' checkpoints are gone too");
    });
});

QUnit.module("VM backups (page)", hooks => {
    const OFF = `${MARK}-page-off`;
    const DEFAULT_TARGET = `/var/lib/kvm-manager/backups/${OFF}`;
    const ui = browserForModule(hooks, "vm-backups", {
        setUp: async () => {
            await cleanupTestDomains(`${MARK}-page`);
            rmSync(DEFAULT_TARGET, { recursive: true, force: true });
            await defineXml(domainXml({ name: OFF, memoryMiB: 64, disks: [await createImage(`${MARK}-page`, `${OFF}-root`)] }));
        },
        tearDown: async () => {
            await cleanupTestDomains(`${MARK}-page`);
            rmSync(DEFAULT_TARGET, { recursive: true, force: true });
        },
    });

    QUnit.test("Back up now on a shut-off VM: a full backup (said why) listed with its kind and size; Verify marks it verified", async assert => {
        const frame = await adminFrame(ui());
        await openVmTab(frame, OFF, "backups");
        await frame.waitForSelector("#vm-backups-empty", { timeout: 30_000 });
        await click(frame, "#vm-backups-create");
        await submitDialog(frame, "backup-vm-dialog", 120_000);
        const row = await frame.waitForSelector(".vm-backup-row[data-kind='full']", { timeout: 30_000 });
        assert.ok(row);
        const note = await frame.$eval(".vm-backup-note", el => (el as HTMLElement).innerText);
        assert.true(note.includes("There is no earlier backup: this one is full"), note);
        const size = await frame.$eval(".vm-backup-row .vm-backup-size", el => (el as HTMLElement).innerText);
        assert.true(/KiB|MiB/.test(size), size);
        assert.strictEqual(readdirSync(DEFAULT_TARGET).length, 1, "one backup in the default target");

        await click(frame, ".vm-backup-row .vm-backup-verify");
        await submitDialog(frame, "verify-backup-dialog");
        await waitFor("the backup shown verified", () => frame.$eval(".vm-backup-row .vm-backup-state", el => (el as HTMLElement).innerText === "Verified"));
        assert.true(true, "verified");
    });
});
