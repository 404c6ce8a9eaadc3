// Scheduled actions on the real stack: a schedule added on the VM page is a systemd timer and
// service in /etc/systemd/system that systemd's own tools accept; the service's command, run as
// the timer would, takes the snapshot and keeps the last N; deleting the schedule removes the units.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { escapeUnitNamePart, parseExecLine, parseUnitFile } from "../../src/lib/systemd-syntax.ts";
import { adminFrame } from "./lib/agent-guest.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { click, openVmTab, setValue, submitDialog, submitExpectingError } from "./lib/device-tabs.ts";
import { KVMM } from "./lib/kvmm.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("sched");
// A name with what systemd (%, $, quotes, spaces) and a shell would expand.
const VM = `${MARK} "odd" 50% $HOME`;
const UNIT_DIR = "/etc/systemd/system";
const unitPrefix = `kvmm-schedule-${escapeUnitNamePart(VM)}-`;

const ourUnits = (): string[] => readdirSync(UNIT_DIR).filter(n => n.startsWith(unitPrefix));
const wantsLinks = (): string[] => existsSync(`${UNIT_DIR}/timers.target.wants`) ? readdirSync(`${UNIT_DIR}/timers.target.wants`).filter(n => n.startsWith(unitPrefix)) : [];

function removeOurUnits(): void {
    for (const n of ourUnits()) rmSync(`${UNIT_DIR}/${n}`, { force: true });
    for (const n of wantsLinks()) rmSync(`${UNIT_DIR}/timers.target.wants/${n}`, { force: true });
}

const snapshotNames = async (): Promise<string[]> =>
    (await virsh("snapshot-list", "--name", "--", VM)).split("\n").map(s => s.trim()).filter(Boolean).sort();

/** `systemd-analyze verify` in a root of its own with systemd's units and a kvmm in its search path (the tree's kvmm is not installed). */
async function verifyUnits(names: readonly string[]): Promise<{ code: number; output: string }> {
    const root = mkdtempSync("/tmp/kvmm-sched-root-");
    try {
        mkdirSync(`${root}/usr/lib/systemd`, { recursive: true });
        cpSync("/lib/systemd/system", `${root}/usr/lib/systemd/system`, { recursive: true, verbatimSymlinks: true });
        mkdirSync(`${root}/usr/local/bin`, { recursive: true });
        writeFileSync(`${root}/usr/local/bin/kvmm`, "#!/bin/sh\n", { mode: 0o755 });
        mkdirSync(`${root}${UNIT_DIR}`, { recursive: true });
        for (const n of names) cpSync(`${UNIT_DIR}/${n}`, `${root}${UNIT_DIR}/${n}`);
        try {
            const { stdout, stderr } = await exec("systemd-analyze", ["verify", `--root=${root}`, ...names]);
            return { code: 0, output: stdout + stderr };
        } catch (error) {
            const e = error as { code?: number; stdout?: string; stderr?: string };
            return { code: e.code ?? -1, output: (e.stdout ?? "") + (e.stderr ?? "") };
        }
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}

/** The service's ExecStart run as the timer would (as root, no shell), with the tree's kvmm for the installed one. */
async function runAsTimer(service: string): Promise<string> {
    const exec0 = parseUnitFile(readFileSync(`${UNIT_DIR}/${service}`, "utf8")).get("Service")?.get("ExecStart") ?? "";
    const argv = parseExecLine(exec0);
    if (!argv || argv[0] !== "kvmm") throw new Error(`not a kvmm command: ${exec0}`);
    return (await exec(KVMM, argv.slice(1))).stdout;
}

QUnit.module("VM schedules", hooks => {
    const ui = browserForModule(hooks, "vm-schedules", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            removeOurUnits();
            await defineXml(domainXml({ name: VM, memoryMiB: 64, disks: [await createImage(MARK, `${MARK}-root`)] }));
        },
        tearDown: async () => {
            removeOurUnits();
            await cleanupTestDomains(MARK);
        },
    });

    QUnit.test("add a snapshot schedule: units systemd accepts, its command keeps the last 2; a bad calendar is refused; delete removes the units", async assert => {
        // Unit files in /etc/systemd/system are root's.
        const frame = await adminFrame(ui());
        await openVmTab(frame, VM, "schedules");
        const warning = await frame.$eval("#vm-schedules-no-systemd", el => (el as HTMLElement).innerText).catch(() => "");
        if (existsSync("/run/systemd/system")) assert.strictEqual(warning, "", "no warning where systemd runs");
        else assert.true(warning.includes("will not run until systemd manages the host"), warning);

        await click(frame, "#vm-schedules-add:not([disabled])");
        await frame.select("#schedule-action", "snapshot");
        await frame.select("#schedule-when", "custom");
        await setValue(frame, "#schedule-calendar", "weekdays at seven");
        await waitFor("systemd's reason under the field", () => frame.$eval("#schedule-next-run", el => el.textContent).then(t => t.includes("Failed to parse calendar specification")));
        const refused = await submitExpectingError(frame, "schedule-dialog");
        assert.true(refused.includes("systemd does not accept this calendar expression") && refused.includes("'weekdays at seven'"), refused);
        assert.deepEqual(ourUnits(), [], "nothing written for it");

        await setValue(frame, "#schedule-calendar", "Mon..Fri 07:00");
        await waitFor("the next run", () => frame.$eval("#schedule-next-run", el => el.textContent).then(t => /Next run: Mon|Next run: \w{3} \d{4}-/.test(t)));
        await setValue(frame, "#schedule-keep", "2");
        await submitDialog(frame, "schedule-dialog");
        const id = await waitFor("the schedule's row", () => frame.$eval(".vm-schedule-row", el => el.getAttribute("data-id")).catch(() => null));
        const cells = await frame.$eval(".vm-schedule-row", el => (el as HTMLElement).innerText);
        assert.true(cells.includes("Take snapshot, keep 2") && cells.includes("Mon..Fri 07:00") && cells.includes("Not run yet"), cells);

        const timer = `${unitPrefix}${id}.timer`;
        const service = `${unitPrefix}${id}.service`;
        assert.deepEqual(ourUnits(), [service, timer].sort(), "a timer and its service");
        assert.deepEqual(wantsLinks(), [timer], "the timer is enabled (timers.target wants it)");
        const timerUnit = parseUnitFile(readFileSync(`${UNIT_DIR}/${timer}`, "utf8"));
        assert.strictEqual(timerUnit.get("Timer")?.get("OnCalendar"), "Mon..Fri 07:00");
        assert.strictEqual(timerUnit.get("Timer")?.get("Unit"), service);
        const execStart = parseUnitFile(readFileSync(`${UNIT_DIR}/${service}`, "utf8")).get("Service")?.get("ExecStart") ?? "";
        assert.strictEqual(execStart, `kvmm snapshot create --keep 2 --schedule ${id} -- "${MARK} \\"odd\\" 50%% $$HOME"`);
        const calendar = await exec("systemd-analyze", ["calendar", "Mon..Fri 07:00"]);
        assert.true(calendar.stdout.includes("Next elapse:"), calendar.stdout);
        const verified = await verifyUnits([timer, service]);
        assert.deepEqual(verified, { code: 0, output: "" }, "systemd-analyze verify accepts both units");

        await virsh("snapshot-create-as", "--", VM, "by hand");
        const taken: string[] = [];
        for (let i = 0; i < 3; i++) taken.push((await runAsTimer(service)).split("\n")[0] ?? "");
        assert.true(taken.every(n => n.startsWith(`schedule-${id}-`)), taken.join(", "));
        assert.deepEqual(await snapshotNames(), ["by hand", ...taken.slice(1)].sort(), "the last 2 of the schedule's stay, the hand-made one too");

        await click(frame, ".vm-schedule-delete");
        await submitDialog(frame, "delete-schedule-dialog");
        await frame.waitForSelector("#vm-schedules-empty", { visible: true, timeout: 20_000 });
        assert.deepEqual(ourUnits(), [], "both units removed");
        assert.deepEqual(wantsLinks(), [], "the timer's link removed");
        assert.strictEqual((await snapshotNames()).length, 3, "the snapshots it took stay");
    });
});
