// Consistent snapshots through qemu-guest-agent (test/guest/build-qga-overlay.sh), in the page:
// the Create snapshot dialog names qemu-ga, the snapshot is taken with the guest's filesystems
// frozen and thawed by it (qemu-ga's own log says so) and the guest writes on afterwards. A
// qemu-ga that refuses the freeze (started with -b) still gets its snapshot, crash-consistent,
// with the reason on the page, and is not left frozen.
import type { Frame, Page } from "puppeteer-core";
import QUnit from "qunit";

import { enableAdminAccess, openGuestTab } from "./lib/agent-guest.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { click, openVmTab, setValue, submitDialog } from "./lib/device-tabs.ts";
import { buildQgaImage, QGA_HOSTNAME, qgaGuestSpec } from "./lib/qga-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("qgasnap");
const VM = `${MARK}-guest`;
const REFUSING_VM = `${MARK}-refusing`;

/** A qemu-ga command through libvirt; its "return" value. */
async function qga(vm: string, execute: string, args?: Record<string, unknown>): Promise<unknown> {
    const answer = await virsh("qemu-agent-command", vm, JSON.stringify(args ? { execute, arguments: args } : { execute }));
    return (JSON.parse(answer) as { return: unknown }).return;
}

/**
 * Runs a shell command in the guest through qemu-ga's guest-exec and returns its output. A
 * command writing to a frozen filesystem would not end: the wait for it would fail.
 */
async function guestShell(vm: string, command: string): Promise<string> {
    const { pid } = await qga(vm, "guest-exec", { path: "/bin/sh", arg: ["-c", command], "capture-output": true }) as { pid: number };
    const status = await waitFor(`"${command}" to end in ${vm}`, async () => {
        const s = await qga(vm, "guest-exec-status", { pid }) as { exited: boolean; exitcode?: number; "out-data"?: string };
        return s.exited ? s : undefined;
    }, 30_000, 300);
    if (status.exitcode !== 0) throw new Error(`"${command}" in ${vm} ended with ${String(status.exitcode)}`);
    return Buffer.from(status["out-data"] ?? "", "base64").toString();
}

async function waitForQga(vm: string): Promise<void> {
    await waitFor(`qemu-ga in ${vm}`, async () => (await virsh("domhostname", "--source", "agent", vm).catch(() => "")) === QGA_HOSTNAME, 120_000, 1000);
}

/** Takes a snapshot in the Snapshots tab, checking first what the dialog says it will be. */
async function takeSnapshot(assert: Assert, page: Page, vm: string, name: string): Promise<Frame> {
    const frame = await openGuestTab(page, vm);
    await openVmTab(frame, vm, "snapshots");
    await click(frame, "#vm-snapshots-create:not([disabled])");
    const said = await frame.$eval("#create-snapshot-consistency", el => (el as HTMLElement).innerText);
    assert.true(said.startsWith("Quiesced by qemu-guest-agent"), said);
    await setValue(frame, "#create-snapshot-name", name);
    await submitDialog(frame, "create-snapshot-dialog", 300_000);
    return frame;
}

QUnit.module("Consistent snapshots through qemu-guest-agent", hooks => {
    const ui = browserForModule(hooks, "vm-snapshot-qga", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await buildQgaImage();
            await defineXml(domainXml(await qgaGuestSpec(MARK, VM)));
            await defineXml(domainXml(await qgaGuestSpec(MARK, REFUSING_VM, ["guest-fsfreeze-freeze", "guest-fsfreeze-freeze-list"])));
            await virsh("start", VM);
            await virsh("start", REFUSING_VM);
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
        },
    });
    hooks.before(async () => {
        await enableAdminAccess(ui().page);
    });

    QUnit.test("quiesced by qemu-ga: frozen and thawed by it, and the guest writes on afterwards", async assert => {
        await waitForQga(VM);
        const frame = await takeSnapshot(assert, ui().page, VM, "quiesced");
        const taken = await frame.waitForSelector("#vm-snapshot-taken .vm-snapshot-consistency", { timeout: 30_000 });
        assert.strictEqual(await taken?.evaluate(el => el.getAttribute("data-consistency")), "qemu-guest-agent", "the page says it was quiesced by qemu-ga");
        assert.true((await frame.$eval("#vm-snapshot-taken", el => (el as HTMLElement).innerText)).includes("Quiesced by qemu-guest-agent"));
        assert.true((await virsh("snapshot-list", "--name", VM)).includes("quiesced"), "libvirt holds the snapshot");

        assert.strictEqual(await qga(VM, "guest-fsfreeze-status"), "thawed", "qemu-ga says the filesystems are thawed");
        await guestShell(VM, "echo after > /srv/after-snapshot && sync");
        assert.strictEqual((await guestShell(VM, "cat /srv/after-snapshot")).trim(), "after", "the guest's filesystem takes writes");
        const log = await guestShell(VM, "cat /var/log/qemu-ga.log");
        // Written by qemu-ga's fsfreeze hook (build-qga-overlay.sh), once for each.
        assert.deepEqual(log.split("\n").filter(l => l.startsWith("fsfreeze-hook:")), ["fsfreeze-hook: freeze", "fsfreeze-hook: thaw"],
            `qemu-ga froze, then thawed:\n${log}`);
    });

    QUnit.test("qemu-ga refuses the freeze: the snapshot is taken crash-consistent, the page says why, the guest is not frozen", async assert => {
        await waitForQga(REFUSING_VM);
        const frame = await takeSnapshot(assert, ui().page, REFUSING_VM, "unfrozen");
        const taken = await frame.waitForSelector("#vm-snapshot-taken.pf-m-warning .vm-snapshot-consistency", { timeout: 30_000 });
        assert.strictEqual(await taken?.evaluate(el => el.getAttribute("data-consistency")), "crash-consistent");
        const alert = await frame.$eval("#vm-snapshot-taken", el => (el as HTMLElement).innerText);
        assert.true(alert.includes("could not be frozen, so the snapshot is crash-consistent"), alert);
        assert.true(alert.includes("guest-fsfreeze-freeze") && alert.includes("disabled"), `with qemu-ga's refusal: ${alert}`);
        assert.true((await virsh("snapshot-list", "--name", REFUSING_VM)).includes("unfrozen"), "libvirt holds the snapshot");

        assert.false((await guestShell(REFUSING_VM, "cat /var/log/qemu-ga.log")).includes("fsfreeze-hook: freeze"), "qemu-ga froze nothing");
        assert.strictEqual(await qga(REFUSING_VM, "guest-fsfreeze-status"), "thawed");
        await guestShell(REFUSING_VM, "echo after > /srv/after-snapshot && sync");
        assert.strictEqual((await guestShell(REFUSING_VM, "cat /srv/after-snapshot")).trim(), "after", "the guest's filesystem takes writes");
    });
});
