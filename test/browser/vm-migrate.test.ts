// Moving VMs to the stack's second libvirt host (test/stack/second-host.sh): the operation run in
// Node as kvmm runs it, kvmm migrate, and the page's dialog. A live move with storage copy keeps
// the guest's shell session and uptime and leaves nothing here; a shut-off VM moves offline; a
// destination that lacks the VM's network, and a move stopped half-way, leave it running here.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { nodeTransports } from "../../src/cli/node-transports.ts";
import { setTransports } from "../../src/lib/transports.ts";
import { reopenConnections } from "../../src/libvirt/connection.ts";
import { describeError } from "../../src/libvirt/errors.ts";
import type { JobStats } from "../../src/libvirt/migration-api.ts";
import { xmlBuilder } from "../../src/libvirt/xml.ts";
import { migrateVm } from "../../src/operations/migrate-vm.ts";
import { enableAdminAccess } from "./lib/agent-guest.ts";
import { COCKPIT_URL, openPlugin, pluginFrame, saveIfFailed, type Session, waitFor } from "./lib/cockpit-session.ts";
import { cleanupDest, DEST_URI, destPoolFor, destSerialOutput, destState, destVirsh, ensureSecondHost, runOnDestSerial } from "./lib/second-host.ts";
import { guestSpec, runOnSerial, serialOutput, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, waitForNoRow, waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("migrate");
const NET = `${MARK}-net`;
/** Outside the second host's own /var/lib/libvirt: storage both hosts share. */
const SHARED = `/var/tmp/${MARK}`;
/** The second host's /run as seen from here (its QEMU processes are this host's too). */
const DEST_RUN = "/run/kvmm-dest/libvirt";

/** The last /proc/uptime figure the guest printed. */
function lastUptime(output: string): number {
    const all = [...output.matchAll(/^(\d+\.\d+) \d+\.\d+\r?$/gm)];
    return Number(all.at(-1)?.[1] ?? NaN);
}

/** A running test guest with a qcow2 disk in the suite's pool; ready for commands on its serial console. */
async function runningGuest(name: string, network = false): Promise<string> {
    const disk = await createImage(MARK, name, "64M");
    await defineXml(domainXml(guestSpec(name, { disks: [disk] })));
    if (network) await virsh("attach-interface", name, "network", NET, "--model", "virtio", "--config");
    await virsh("start", name);
    await waitForSerial(name, "KVMM-GUEST-READY");
    return disk;
}

/** A network of this host's only (isolated, no addresses): the second host has none of that name. */
async function createNetwork(): Promise<void> {
    const file = `/tmp/${MARK}-net.xml`;
    writeFileSync(file, xmlBuilder.build({ network: { name: NET } }));
    try {
        await virsh("net-create", file);
    } finally {
        rmSync(file, { force: true });
    }
}

async function cleanup(): Promise<void> {
    await cleanupDest(MARK);
    await cleanupTestDomains(MARK);
    await virsh("net-destroy", NET).catch(() => undefined);
    rmSync(SHARED, { recursive: true, force: true });
}

async function kvmm(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await exec("build/kvmm/kvmm", args);
        return { code: 0, stdout, stderr };
    } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
}

QUnit.module("Move a VM to another host", hooks => {
    hooks.before(async () => {
        setTransports(nodeTransports);
        await ensureSecondHost();
        await cleanup();
        await createNetwork();
    });
    hooks.after(async () => {
        reopenConnections();
        await cleanup();
    });

    QUnit.test("live with its storage copied: the same shell session answers there, its uptime goes on, and it is gone here", async assert => {
        const name = `${MARK}-live`;
        const disk = await runningGuest(name);
        await runOnSerial(name, "S=session-$((40+2)); cat /proc/uptime; echo up-$((1+1))", "up-2");
        const before = lastUptime(serialOutput(name));
        await destPoolFor(MARK, disk.slice(0, disk.lastIndexOf("/")));
        const figures: JobStats[] = [];
        const transferred: number[] = [];
        const result = await migrateVm("system", { vm: name, destination: "10.231.0.2", live: true, copyStorage: true, undefineSource: true },
            { onMigration: stats => figures.push(stats), onTransfer: t => transferred.push(t.totalBytes) });
        assert.strictEqual(result.uri, DEST_URI);
        assert.true(figures.some(s => s.memoryTotal !== undefined), "libvirt's figures were told while it ran");
        assert.true(transferred.some(total => total > 0), "and the bytes to move, for the progress bar");
        assert.false(await domainExists(name), "no longer defined here");
        assert.strictEqual(await destState(name), "running");
        await runOnDestSerial(name, "echo $S-after; cat /proc/uptime; echo up-$((2+1))", "up-3");
        assert.true(destSerialOutput(name).includes("session-42-after"), "the shell session set up before the move answers");
        assert.true(lastUptime(destSerialOutput(name)) > before, `uptime ${String(lastUptime(destSerialOutput(name)))} s went on from ${String(before)} s`);
    });

    QUnit.test("kvmm migrate --offline moves a shut-off VM on shared storage; it starts there", async assert => {
        const name = `${MARK}-offline`;
        mkdirSync(SHARED, { recursive: true });
        await exec("qemu-img", ["create", "-q", "-f", "qcow2", `${SHARED}/${name}.qcow2`, "16M"]);
        await defineXml(domainXml(guestSpec(name, { disks: [`${SHARED}/${name}.qcow2`] })));
        const moved = await kvmm("migrate", name, DEST_URI, "--offline", "--undefine-source");
        assert.strictEqual(moved.code, 0, moved.stderr);
        assert.true(moved.stdout.includes(`${name} moved to ${DEST_URI}`), moved.stdout);
        assert.false(await domainExists(name), "no longer defined here");
        assert.strictEqual(await destState(name), "shut off");
        await destVirsh("start", name);
        assert.strictEqual(await destState(name), "running");
    });

    QUnit.test("the destination lacks the VM's network: refused, said why, the VM keeps running here", async assert => {
        const name = `${MARK}-nonet`;
        await runningGuest(name, true);
        const error = await migrateVm("system", { vm: name, destination: DEST_URI, live: true, copyStorage: true, undefineSource: true })
            .then(() => undefined, (e: unknown) => e);
        assert.true(describeError(error).summary.includes(`The destination has no network named ${NET}`), describeError(error).summary);
        assert.strictEqual(await domstate(name), "running");
        assert.strictEqual(await destState(name), "", "nothing of it there");
    });

    QUnit.test("stopped half-way: cancelled, the VM keeps running here and nothing of it is there", async assert => {
        const name = `${MARK}-stop`;
        const disk = await runningGuest(name);
        await destPoolFor(MARK, disk.slice(0, disk.lastIndexOf("/"))).catch(() => undefined);
        const controller = new AbortController();
        const error = await migrateVm("system", { vm: name, destination: DEST_URI, live: true, copyStorage: true, undefineSource: true },
            { onMigration: () => controller.abort(), signal: controller.signal }).then(() => undefined, (e: unknown) => e);
        assert.strictEqual(describeError(error).kind, "cancelled", String(error));
        assert.strictEqual(await domstate(name), "running");
        assert.strictEqual(await destState(name), "", "nothing of it there");
        await runOnSerial(name, "echo still-$((3+4))", "still-7");
        assert.true(true, "its serial console still answers here");
    });

    QUnit.test("kvmm refuses a destination that is no host or URI, and a wrong command line", async assert => {
        const bad = await kvmm("migrate", `${MARK}-none`, "http://example.com/");
        assert.strictEqual(bad.code, 1);
        assert.true(bad.stderr.includes("is not a host or a libvirt URI"), bad.stderr);
        const usage = await kvmm("migrate", `${MARK}-none`);
        assert.strictEqual(usage.code, 2, usage.stderr);
    });
});

QUnit.module("Move a VM to another host, in the page", hooks => {
    let session: Session | undefined;
    hooks.before(async () => {
        await ensureSecondHost();
        await cleanup();
        await createNetwork();
        const opened = await openPlugin();
        session = opened;
        await enableAdminAccess(opened.page);
        // The shell loads the page afresh with administrative access.
        await opened.page.goto(`${COCKPIT_URL}/kvm-manager`, { waitUntil: "domcontentloaded" });
        opened.frame = await pluginFrame(opened.page);
    });
    hooks.afterEach(assert => saveIfFailed(assert, session, "vm-migrate"));
    hooks.after(async () => {
        await session?.browser.close();
        await cleanup();
    });

    async function openDialog(name: string, uri: string): Promise<void> {
        const frame = session?.frame;
        if (!frame) throw new Error("no page");
        await waitForRow(frame, name, "running");
        await clickAction(frame, name, "migrate");
        await frame.waitForSelector("#migrate-vm-host", { visible: true });
        await frame.select("#migrate-vm-host", "");
        await frame.type("#migrate-vm-uri", uri);
        await frame.click("#migrate-vm-dialog-submit");
    }

    QUnit.test("a running VM moves live with its disks; its row goes", async assert => {
        const name = `${MARK}-page`;
        const disk = await runningGuest(name);
        await destPoolFor(MARK, disk.slice(0, disk.lastIndexOf("/")));
        await openDialog(name, DEST_URI);
        const frame = session?.frame;
        if (!frame) throw new Error("no page");
        await waitForNoRow(frame, name, 120_000);
        assert.strictEqual(await destState(name), "running");
        assert.false(await domainExists(name));
    });

    QUnit.test("Cockpit's known hosts are offered; one that refuses root's SSH login is said so, the VM runs on here", async assert => {
        const name = `${MARK}-page-known`;
        await runningGuest(name);
        const frame = session?.frame;
        if (!frame) throw new Error("no page");
        await waitForRow(frame, name, "running");
        await clickAction(frame, name, "migrate");
        const known = "qemu+ssh://127.0.0.2:22220/system";
        await frame.waitForSelector(`#migrate-vm-host option[value="${known}"]`);
        await frame.select("#migrate-vm-host", known);
        await frame.click("#migrate-vm-dialog-submit");
        const alert = await waitFor("the reason in the dialog", async () =>
            (await frame.$eval("#migrate-vm-dialog .dialog-error", e => e.textContent).catch(() => "")) || undefined, 60_000);
        // The stack's 127.0.0.2 host takes passwords only (and would be this host's libvirtd again).
        assert.true(alert.includes(`The destination ${known} refused the SSH login`), alert);
        await frame.click("#migrate-vm-dialog button.pf-m-link");
        assert.strictEqual(await domstate(name), "running");
    });

    /** The dialog's error, once shown: its title and libvirt's message under it. */
    async function dialogError(): Promise<{ title: string; detail: string }> {
        const frame = session?.frame;
        if (!frame) throw new Error("no page");
        const error = await frame.waitForSelector("#migrate-vm-dialog .dialog-error", { timeout: 120_000 });
        return {
            title: await error?.$eval(".pf-v6-c-alert__title", e => e.textContent) ?? "",
            detail: await error?.$eval(".pf-v6-c-alert__description", e => e.textContent).catch(() => "") ?? "",
        };
    }

    /** Opens the dialog and starts a live move slowed to 1 MiB/s; resolves once libvirt's job runs. */
    async function startSlowMove(name: string): Promise<void> {
        await virsh("migrate-setspeed", name, "1");
        await openDialog(name, DEST_URI);
        await session?.frame.waitForSelector("#migrate-vm-figures", { timeout: 120_000 });
    }

    const qemuPid = (name: string, run = "/run/libvirt"): number => Number(readFileSync(`${run}/qemu/${name}.pid`, "utf8").trim());

    QUnit.test("Stop the move: the VM runs on here in the same process and session, nothing of it is there, the dialog says so", async assert => {
        const name = `${MARK}-page-stop`;
        const disk = await runningGuest(name);
        // The first test in this module may have made it.
        await destPoolFor(MARK, disk.slice(0, disk.lastIndexOf("/"))).catch(() => undefined);
        await runOnSerial(name, "S=stop-$((40+2)); cat /proc/uptime; echo up-$((1+1))", "up-2");
        const before = lastUptime(serialOutput(name));
        const pid = qemuPid(name);
        await startSlowMove(name);
        await session?.frame.click("#migrate-vm-stop");
        const { title } = await dialogError();
        assert.strictEqual(title.replace(/^Error:/, ""), `The move was stopped. ${name} stays on this host`);
        assert.strictEqual(await domstate(name), "running");
        assert.strictEqual(qemuPid(name), pid, "the same QEMU process runs it");
        await waitFor("nothing of it there", async () => (await destState(name)) === "", 30_000, 500);
        await runOnSerial(name, "echo $S-after; cat /proc/uptime; echo up-$((2+1))", "up-3");
        assert.true(serialOutput(name).includes("stop-42-after"), "the shell session set up before the move answers");
        assert.true(lastUptime(serialOutput(name)) > before, "its uptime went on");
        await session?.frame.click("#migrate-vm-dialog-cancel");
    });

    QUnit.test("the destination's QEMU dies half-way: the dialog says so with libvirt's message, the VM runs on here", async assert => {
        const name = `${MARK}-page-stop`;
        const pid = qemuPid(name);
        await startSlowMove(name);
        const destPid = await waitFor("the destination's QEMU", () => {
            try {
                return qemuPid(name, DEST_RUN);
            } catch {
                return undefined;
            }
        }, 30_000, 200);
        process.kill(destPid, "SIGKILL");
        const { title, detail } = await dialogError();
        assert.true(title.includes(`${name} stays on this host`), title);
        assert.notStrictEqual(detail.trim(), "", `libvirt's message is attached: ${detail}`);
        assert.strictEqual(await domstate(name), "running");
        assert.strictEqual(qemuPid(name), pid, "the same QEMU process runs it");
        await waitFor("nothing of it there", async () => (await destState(name)) === "", 30_000, 500);
        await runOnSerial(name, "echo $S-survived", "stop-42-survived");
        assert.true(true, "its shell session answers here");
        await session?.frame.click("#migrate-vm-dialog-cancel");
    });

    QUnit.test("the destination lacks the VM's network: the dialog says so and the VM runs on here", async assert => {
        const name = `${MARK}-page-nonet`;
        await runningGuest(name, true);
        await openDialog(name, DEST_URI);
        const frame = session?.frame;
        if (!frame) throw new Error("no page");
        const alert = await waitFor("the reason in the dialog", async () =>
            (await frame.$eval("#migrate-vm-dialog .dialog-error", e => e.textContent).catch(() => "")) || undefined, 60_000);
        assert.true(alert.includes(`The destination has no network named ${NET}`), alert);
        assert.strictEqual(await domstate(name), "running");
    });
});
