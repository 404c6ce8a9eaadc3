// Consistent snapshots against a real (TCG) guest running kvmm-agent: while a program in the
// guest appends a line every 100 ms to a file on an ext4 disk, the Snapshots tab says the
// snapshot will be quiesced by our agent and takes it with the filesystems frozen. The
// snapshot's disk alone (read cold with qemu-img, as a clone or an export reads it) is then clean:
// no journal to replay, e2fsck finds nothing, and the file holds every line written before it.
// Reverting (the guest wakes up at the frozen moment) thaws the guest, which writes on.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import QUnit from "qunit";

import { agentGuestModule, agentGuestSpec, openGuestTab, runInGuest, waitForAgentPanel } from "./lib/agent-guest.ts";
import { waitFor } from "./lib/cockpit-session.ts";
import { click, openVmTab, setValue, submitDialog } from "./lib/device-tabs.ts";
import { createImage, domstate, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("quiesce");
const VM = `${MARK}-guest`;
const SNAPSHOT = "quiesced";

/** Lines of the log file as the guest has them now (its last line is the newest). */
async function lastLine(frame: Parameters<typeof runInGuest>[0]): Promise<number> {
    return Number((await runInGuest(frame, "tail -n 1 /mnt/data/log")).trim());
}

QUnit.module("Consistent snapshots", hooks => {
    let disk = "";
    const withExt4Disk = async () => {
        disk = await createImage(MARK, `${VM}-data`, "64M");
        // ext4 with a journal, made on the host: busybox's mke2fs makes only ext2.
        const raw = `${disk}.raw`;
        await exec("truncate", ["-s", "64M", raw]);
        await exec("mkfs.ext4", ["-q", "-F", raw]);
        await exec("qemu-img", ["convert", "-f", "raw", "-O", "qcow2", raw, disk]);
        rmSync(raw);
        return { ...agentGuestSpec(VM), memoryMiB: 320, disks: [disk] };
    };
    const ui = agentGuestModule(hooks, "vm-snapshot-quiesce", { mark: MARK, define: [withExt4Disk], start: [VM] });
    const cold = path.join(tmpdir(), `${MARK}-snapshot.raw`);
    hooks.after(() => rmSync(cold, { force: true }));

    QUnit.test("quiesced by our agent: the snapshot's disk is clean on its own and has every line written before it; revert thaws", async assert => {
        let frame = await openGuestTab(ui().page, VM);
        await waitForAgentPanel(frame);
        await runInGuest(frame, "mkdir -p /mnt/data && mount -t ext4 /dev/vda /mnt/data");
        await runInGuest(frame, "sh -c 'i=0; while :; do i=$((i+1)); echo $i >> /mnt/data/log; usleep 100000; done' </dev/null >/dev/null 2>&1 &");
        await waitFor("the writer to have written", async () => (await lastLine(frame)) > 20, 30_000, 500);
        const before = await lastLine(frame);

        await openVmTab(frame, VM, "snapshots");
        await click(frame, "#vm-snapshots-create:not([disabled])");
        const said = await frame.$eval("#create-snapshot-consistency", el => (el as HTMLElement).innerText);
        assert.true(said.startsWith("Quiesced by the KVM Manager guest agent"), said);
        await setValue(frame, "#create-snapshot-name", SNAPSHOT);
        await submitDialog(frame, "create-snapshot-dialog", 300_000);
        const taken = await frame.waitForSelector("#vm-snapshot-taken .vm-snapshot-consistency", { timeout: 30_000 });
        assert.strictEqual(await taken?.evaluate(el => el.getAttribute("data-consistency")), "agent", "the page says it was quiesced");

        await exec("qemu-img", ["convert", "-U", "-l", `snapshot.name=${SNAPSHOT}`, "-f", "qcow2", "-O", "raw", disk, cold]);
        const header = (await exec("dumpe2fs", ["-h", cold])).stdout;
        assert.false(/features:.*needs_recovery/.test(header), "no journal to replay: the filesystem was frozen clean");
        const fsck = await exec("e2fsck", ["-fn", cold]).then(() => "", (e: unknown) => (e as { stdout?: string }).stdout ?? "e2fsck failed");
        assert.strictEqual(fsck, "", "e2fsck finds nothing");
        const lines = (await exec("debugfs", ["-R", "cat /log", cold])).stdout.trim().split("\n").map(Number);
        assert.true(lines.length >= before, `every line the guest had before the snapshot is on its disk (${String(lines.length)} ≥ ${String(before)})`);
        assert.true(lines.every((n, i) => n === i + 1), "in order, none torn");

        frame = await openGuestTab(ui().page, VM);
        await waitForAgentPanel(frame);
        await waitFor("the guest to write on after the snapshot", async () => (await lastLine(frame)) > lines.length + 10, 60_000, 500);

        await openVmTab(frame, VM, "snapshots");
        const revert = await frame.waitForSelector(`tr.vm-snapshot-row[data-name='${SNAPSHOT}'] button.vm-snapshot-revert`);
        await revert?.click();
        await submitDialog(frame, "revert-snapshot-dialog", 300_000);
        assert.strictEqual(await domstate(VM), "running");
        frame = await openGuestTab(ui().page, VM);
        await waitForAgentPanel(frame);
        // Frozen, a write would hang and the command with it.
        await runInGuest(frame, "touch /mnt/data/after-revert");
        const resumed = await lastLine(frame);
        await waitFor("the writer to go on after the revert", async () => (await lastLine(frame)) > resumed + 10, 60_000, 500);
        assert.true(resumed >= lines.length, `the guest went on from the snapshot (${String(resumed)})`);
        await virsh("snapshot-delete", "--", VM, SNAPSHOT);
    });
});
