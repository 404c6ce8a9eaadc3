// The Snapshots tab against real libvirt and QEMU: snapshots of a shut-off VM (configuration and
// disks) and of a running guest (with its memory: the guest's RAM-only files come back), the
// tree, revert and delete; what libvirt holds afterwards; refusals that leave nothing behind.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { click, openVmTab, setValue, submitDialog, submitExpectingError } from "./lib/device-tabs.ts";
import { countInSerial, guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("snap");
const OFF = `${MARK}-off`;
const RUN = `${MARK}-run`;
const RAW = `${MARK}-raw`;
const GONE = `${MARK}-gone`;

interface SnapshotRow { name: string; current: boolean; depth: number; state: string; description: string }

async function snapshotRows(frame: Frame): Promise<SnapshotRow[]> {
    return frame.$$eval("tr.vm-snapshot-row", trs => trs.map(tr => {
        const el = tr as HTMLElement;
        const cell = (c: string): string => el.querySelector<HTMLElement>(c)?.innerText ?? "";
        return { name: el.dataset.name ?? "", current: el.dataset.current === "yes", depth: Number(el.dataset.depth), state: cell(".vm-snapshot-state"), description: cell(".vm-snapshot-description") };
    }));
}

async function waitForRows(frame: Frame, what: string, check: (rows: SnapshotRow[]) => boolean, timeout = 30_000): Promise<SnapshotRow[]> {
    return waitFor(what, async () => {
        const rows = await snapshotRows(frame);
        return check(rows) ? rows : undefined;
    }, timeout);
}

async function clickSnapshotButton(frame: Frame, name: string, className: string): Promise<void> {
    for (const row of await frame.$$("tr.vm-snapshot-row")) {
        if (await row.evaluate(tr => (tr as HTMLElement).dataset.name) === name) {
            await (await row.$(`button.${className}`))?.click();
            return;
        }
    }
    throw new Error(`no snapshot row ${name}`);
}

async function takeSnapshot(frame: Frame, name: string, description = ""): Promise<void> {
    await click(frame, "#vm-snapshots-create:not([disabled])");
    await setValue(frame, "#create-snapshot-name", name);
    if (description) await setValue(frame, "#create-snapshot-description", description);
    await submitDialog(frame, "create-snapshot-dialog", 300_000);
}

async function libvirtSnapshots(vm: string): Promise<string[]> {
    return (await virsh("snapshot-list", "--name", "--", vm)).split("\n").map(l => l.trim()).filter(Boolean).sort();
}

const memoryKiB = async (vm: string): Promise<string> => /<memory unit='KiB'>(\d+)<\/memory>/.exec(await virsh("dumpxml", "--inactive", "--", vm))?.[1] ?? "";

QUnit.module("VM snapshots", hooks => {
    const ui = browserForModule(hooks, "vm-snapshots", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml({ name: OFF, memoryMiB: 64, disks: [await createImage(MARK, `${MARK}-off-root`)] }));
            await defineXml(domainXml(guestSpec(RUN, { disks: [await createImage(MARK, `${MARK}-run-root`)] })));
            const raw = (await createImage(MARK, `${MARK}-raw-root`)).replace(/\.qcow2$/, ".img");
            await exec("qemu-img", ["create", "-q", "-f", "raw", raw, "16M"]);
            await defineXml(domainXml({ name: RAW }));
            await virsh("attach-disk", RAW, raw, "vda", "--driver", "qemu", "--subdriver", "raw", "--targetbus", "virtio", "--config");
            const gone = await createImage(MARK, `${MARK}-gone-root`);
            await defineXml(domainXml({ name: GONE, disks: [gone] }));
            rmSync(gone);
            await virsh("start", "--", RUN);
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("a shut-off VM: take two, revert to the first, delete the second; libvirt holds the same", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, OFF, "snapshots");
        await frame.waitForSelector("#vm-snapshots-empty", { visible: true });
        const first = `before <change> & "quotes"`;
        await takeSnapshot(frame, first, "64 MiB & <b>not markup</b>");
        let rows = await waitForRows(frame, "the first snapshot", r => r.length === 1);
        assert.deepEqual(rows[0], { name: first, current: true, depth: 0, state: "Shut off", description: "64 MiB & <b>not markup</b>" });
        assert.deepEqual(await libvirtSnapshots(OFF), [first], "libvirt has it under the same name");
        assert.true((await virsh("snapshot-dumpxml", "--", OFF, first)).includes("<description>64 MiB &amp; &lt;b&gt;not markup&lt;/b&gt;</description>"));

        await virsh("setmaxmem", "--config", "--", OFF, "96M");
        assert.strictEqual(await memoryKiB(OFF), "98304");
        // The proposed name is taken as it is.
        await click(frame, "#vm-snapshots-create:not([disabled])");
        const proposed = await frame.$eval("#create-snapshot-name", el => (el as HTMLInputElement).value);
        assert.true(/^snapshot-\d{4}-\d\d-\d\d-\d{4}$/.test(proposed), proposed);
        await submitDialog(frame, "create-snapshot-dialog", 300_000);
        rows = await waitForRows(frame, "the second snapshot, under the first", r => r.length === 2);
        assert.deepEqual(rows.map(r => [r.name, r.depth, r.current]), [[first, 0, false], [proposed, 1, true]]);

        await clickSnapshotButton(frame, first, "vm-snapshot-revert");
        const said = await frame.$eval("#revert-snapshot-state", el => (el as HTMLElement).innerText);
        assert.true(said.includes("shut off"), said);
        await submitDialog(frame, "revert-snapshot-dialog");
        assert.strictEqual(await memoryKiB(OFF), "65536", "the configuration is the snapshot's again");
        await waitForRows(frame, "the first one current", r => r.find(x => x.name === first)?.current === true);
        assert.strictEqual((await virsh("snapshot-current", "--name", "--", OFF)).trim(), first);

        await clickSnapshotButton(frame, proposed, "vm-snapshot-delete");
        await submitDialog(frame, "delete-snapshot-dialog");
        await waitForRows(frame, "the second one gone", r => r.length === 1);
        assert.deepEqual(await libvirtSnapshots(OFF), [first]);
        assert.strictEqual(await memoryKiB(OFF), "65536", "deleting a snapshot leaves the VM as it is");
    });

    QUnit.test("names: '/' and a taken name are refused in the dialog, and nothing is made", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, OFF, "snapshots");
        await waitForRows(frame, "the list", r => r.length === 1);
        const [existing] = await libvirtSnapshots(OFF);
        await click(frame, "#vm-snapshots-create:not([disabled])");
        await setValue(frame, "#create-snapshot-name", "a/b");
        assert.true((await frame.$eval("#create-snapshot-name-error", el => (el as HTMLElement).innerText)).includes("'/'"));
        assert.true((await submitExpectingError(frame, "create-snapshot-dialog")).includes("'/'"));
        await setValue(frame, "#create-snapshot-name", existing ?? "");
        assert.true((await submitExpectingError(frame, "create-snapshot-dialog")).includes("already a snapshot with this name"));
        await frame.click("#create-snapshot-dialog button[aria-label='Close']");
        assert.deepEqual(await libvirtSnapshots(OFF), [existing], "nothing new");
    });

    QUnit.test("a running guest: its memory is kept; reverting brings back what only its RAM held", async assert => {
        const frame = ui().frame;
        await waitForSerial(RUN, "KVMM-GUEST-READY");
        // The guest's root is a RAM filesystem: a file there exists only in its memory.
        await runOnSerial(RUN, "echo SNAP-$((40+2)) > /state; echo WROTE-$((1+1))", "WROTE-2");
        await openVmTab(frame, RUN, "snapshots");
        await frame.waitForSelector("#vm-snapshots-empty", { visible: true });
        await click(frame, "#vm-snapshots-create:not([disabled])");
        assert.true((await frame.$eval("#create-snapshot-what", el => (el as HTMLElement).innerText)).includes("memory"), "the dialog says the memory is saved");
        const consistency = await frame.$eval("#create-snapshot-consistency", el => (el as HTMLElement).innerText);
        assert.true(consistency.startsWith("Crash-consistent"), `no guest agent: said before it is taken: ${consistency}`);
        await setValue(frame, "#create-snapshot-name", "with-memory");
        await submitDialog(frame, "create-snapshot-dialog", 300_000);
        const [row] = await waitForRows(frame, "the running snapshot", r => r.length === 1);
        assert.strictEqual(row?.state, "Running (with memory)");
        assert.strictEqual(await domstate(RUN), "running", "the guest runs on after the snapshot");

        await runOnSerial(RUN, "echo CHANGED-$((5+5)) > /state; echo CHANGED-$((2+2))", "CHANGED-4");
        await clickSnapshotButton(frame, "with-memory", "vm-snapshot-revert");
        assert.true((await frame.$eval("#revert-snapshot-state", el => (el as HTMLElement).innerText)).includes("memory"));
        await submitDialog(frame, "revert-snapshot-dialog", 300_000);
        assert.strictEqual(await domstate(RUN), "running");
        await runOnSerial(RUN, "cat /state; echo READ-$((3+3))", "READ-6");
        assert.true(countInSerial(RUN, "SNAP-42") >= 1, "the file holds what it held at the snapshot");
        assert.strictEqual(countInSerial(RUN, "CHANGED-10"), 0, "the later change is gone");

        // Powered off, the guest comes back running from the snapshot, without booting.
        await virsh("destroy", "--", RUN);
        await clickSnapshotButton(frame, "with-memory", "vm-snapshot-revert");
        await submitDialog(frame, "revert-snapshot-dialog", 300_000);
        assert.strictEqual(await domstate(RUN), "running");
        await runOnSerial(RUN, "cat /state; echo AGAIN-$((4+4))", "AGAIN-8");
        assert.strictEqual(countInSerial(RUN, "KVMM-GUEST-READY"), 0, "no boot: the guest resumed");
        assert.true(countInSerial(RUN, "SNAP-42") >= 1, "the RAM-only file is there again");
    });

    QUnit.test("a raw disk: the tab says why there can be no snapshots", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, RAW, "snapshots");
        const text = await frame.$eval("#vm-snapshots-blocked", el => (el as HTMLElement).innerText);
        assert.true(text.includes("vda") && text.includes("raw") && text.includes("qcow2"), text);
        assert.true(await frame.$eval("#vm-snapshots-create", el => (el as HTMLButtonElement).disabled), "Take snapshot is disabled");
    });

    QUnit.test("libvirt's refusal is shown with its reason, and no snapshot is left", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, GONE, "snapshots");
        await frame.waitForSelector("#vm-snapshots-empty", { visible: true });
        await click(frame, "#vm-snapshots-create:not([disabled])");
        await setValue(frame, "#create-snapshot-name", "never");
        const error = await submitExpectingError(frame, "create-snapshot-dialog");
        assert.true(error.includes("The snapshot could not be taken"), error);
        assert.true(error.includes(`${MARK}-gone-root.qcow2`), `libvirt's message names the missing image: ${error}`);
        assert.deepEqual(await libvirtSnapshots(GONE), [], "nothing was made");
    });
});
