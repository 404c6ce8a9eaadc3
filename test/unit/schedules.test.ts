import { execFileSync } from "node:child_process";

import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { parseCalendarOutput, parseUnitStates } from "../../src/host/systemd-units.ts";
import { escapeUnitNamePart, execLine, parseExecLine, parseUnitFile, quoteExecArg, unitText } from "../../src/lib/systemd-syntax.ts";
import {
    CALENDAR_PRESETS, checkSchedule, idOfUnit, isScheduledSnapshot, newScheduleId, parseSchedule, renderSchedule, type Schedule,
    scheduledSnapshotName, unitBase,
} from "../../src/operations/schedule-units.ts";

// Names libvirt takes that mean something to systemd or a shell: quotes, specifiers, variables, escapes, spaces, "/" and "-".
const ODD_NAMES = [
    "web-01",
    "my vm",
    "a\"b'c",
    "50% $HOME ${X} `id`",
    "back\\slash\\x41",
    "; rm -rf /",
    ".hidden/dir-name",
    "ünïcødé 虚拟机",
    "-starts-with-dash",
    "tab\there",
];

const snapshotSchedule = (vm: string): Schedule => ({ id: "ab12cd", vm, action: "snapshot", calendar: "Mon..Fri *-*-* 07:00:00", keep: 3 });

QUnit.module("schedules", () => {
    QUnit.test("unit name parts are escaped exactly as systemd-escape does it", assert => {
        for (const name of ODD_NAMES) {
            const expected = execFileSync("systemd-escape", ["--", name], { encoding: "utf8" }).trim();
            assert.strictEqual(escapeUnitNamePart(name), expected, JSON.stringify(name));
        }
    });

    QUnit.test("Exec words are quoted so that systemd expands nothing, and read back word for word", assert => {
        for (const name of ODD_NAMES) {
            const line = execLine(["kvmm", "start", "--", name]);
            assert.deepEqual(parseExecLine(line), ["kvmm", "start", "--", name], line);
            assert.notOk(/[^%]%[^%]|(^|[^$])\$[^$]/.test(quoteExecArg(name).replace(/%%|\$\$/g, "")), `no lone % or $ in ${line}`);
        }
        assert.strictEqual(quoteExecArg("web-01"), "web-01", "a plain word stays bare");
        assert.strictEqual(quoteExecArg("50% $HOME"), "\"50%% $$HOME\"");
        assert.strictEqual(quoteExecArg("a\"b\\c\nd"), "\"a\\\"b\\\\c\\x0ad\"");
        assert.strictEqual(quoteExecArg(";"), "\";\"", "a lone ; would separate commands");
    });

    QUnit.test("Exec lines with what systemd would expand, or bad quoting, are not read as ours", assert => {
        assert.strictEqual(parseExecLine("kvmm start -- %n"), null);
        assert.strictEqual(parseExecLine("kvmm start -- $VM"), null);
        assert.strictEqual(parseExecLine("kvmm start -- \"unclosed"), null);
        assert.strictEqual(parseExecLine("kvmm start -- \"a\"b"), null);
        assert.deepEqual(parseExecLine("kvmm  'single quoted'  \"\\s\\t\""), ["kvmm", "single quoted", " \t"]);
    });

    QUnit.test("unit files are rendered and parsed back to the same schedule, for odd names and each action", assert => {
        const schedules: Schedule[] = [
            ...ODD_NAMES.map(snapshotSchedule),
            { id: "x1", vm: "my vm", action: "start", calendar: "*-*-* 07:00:00" },
            { id: "x2", vm: "my vm", action: "reboot", calendar: "Sun *-*-* 03:00:00" },
            { id: "x3", vm: "50% $HOME", action: "shutdown", calendar: "Mon..Fri *-*-* 19:00:00", timeoutSeconds: 120 },
        ];
        for (const schedule of schedules) {
            const units = renderSchedule(schedule);
            assert.deepEqual(parseSchedule(schedule.id, units.timer, units.service), { schedule }, `${schedule.action} ${schedule.vm}`);
            assert.strictEqual(idOfUnit(units.names.timer), schedule.id);
            assert.strictEqual(idOfUnit(units.names.service), schedule.id);
        }
    });

    QUnit.test("the units hold systemd's own settings", assert => {
        const units = renderSchedule({ id: "ab12cd", vm: "50% my/vm", action: "shutdown", calendar: "Mon..Fri *-*-* 19:00:00", timeoutSeconds: 60 });
        assert.strictEqual(units.names.timer, "kvmm-schedule-50\\x25\\x20my-vm-ab12cd.timer");
        const timer = parseUnitFile(units.timer);
        assert.strictEqual(timer.get("Timer")?.get("OnCalendar"), "Mon..Fri *-*-* 19:00:00");
        assert.strictEqual(timer.get("Timer")?.get("Unit"), "kvmm-schedule-50\\x25\\x20my-vm-ab12cd.service");
        assert.strictEqual(timer.get("Install")?.get("WantedBy"), "timers.target");
        assert.strictEqual(timer.get("Unit")?.get("Description"), "KVM Manager schedule: shutdown 50%% my/vm");
        const service = parseUnitFile(units.service);
        assert.strictEqual(service.get("Service")?.get("Type"), "oneshot");
        assert.strictEqual(service.get("Service")?.get("ExecStart"), "kvmm shutdown --if-needed --wait --timeout 60 --force -- \"50%% my/vm\"");
    });

    QUnit.test("the service's command is one kvmm itself accepts", assert => {
        for (const schedule of [snapshotSchedule("my vm"), { id: "x", vm: "-dash", action: "shutdown", calendar: "daily", timeoutSeconds: 5 } as Schedule,
                                { id: "y", vm: "v", action: "start", calendar: "daily" } as Schedule]) {
            const argv = parseExecLine(parseUnitFile(renderSchedule(schedule).service).get("Service")?.get("ExecStart") ?? "") ?? [];
            const { command } = parseArgs(argv.slice(1));
            assert.ok(command.kind === "snapshot-scheduled" || command.kind === "power", command.kind);
        }
        assert.deepEqual(parseArgs(["snapshot", "create", "--keep", "3", "--schedule", "ab", "--", "my vm"]).command,
                         { kind: "snapshot-scheduled", vm: "my vm", schedule: "ab", keep: 3 });
        assert.deepEqual(parseArgs(["shutdown", "--wait", "--timeout", "9", "--force", "--if-needed", "vm"]).command,
                         { kind: "power", action: "shutdown", vms: ["vm"], waitSeconds: 9, force: true, ifNeeded: true });
        assert.throws(() => parseArgs(["start", "--force", "vm"]), /--force goes with shutdown --wait/);
        assert.throws(() => parseArgs(["snapshot", "create", "vm", "--keep", "0", "--schedule", "a"]), /at least 1/);
        assert.throws(() => parseArgs(["snapshot", "create", "vm", "--keep", "2"]), /go together/);
    });

    QUnit.test("kvmm schedule commands", assert => {
        assert.deepEqual(parseArgs(["schedule", "add", "my vm", "snapshot", "--calendar", "daily", "--keep", "2"]).command,
                         { kind: "schedule-add", vm: "my vm", action: "snapshot", calendar: "daily", keep: 2 });
        assert.deepEqual(parseArgs(["schedule", "add", "v", "shutdown", "--calendar", "daily"]).command,
                         { kind: "schedule-add", vm: "v", action: "shutdown", calendar: "daily", timeoutSeconds: 300 });
        assert.deepEqual(parseArgs(["schedule", "list"]).command, { kind: "schedule-list" });
        assert.deepEqual(parseArgs(["schedule", "remove", "ab12"]).command, { kind: "schedule-remove", id: "ab12" });
        assert.throws(() => parseArgs(["schedule", "add", "v", "destroy", "--calendar", "daily"]), /start, shutdown, reboot or snapshot/);
        assert.throws(() => parseArgs(["schedule", "add", "v", "start"]), /--calendar/);
        assert.throws(() => parseArgs(["schedule", "add", "v", "start", "--calendar", "daily", "--keep", "2"]), /--keep applies to snapshot only/);
    });

    QUnit.test("a hand-edited unit is listed with what is wrong, not taken for a schedule", assert => {
        const units = renderSchedule(snapshotSchedule("vm"));
        assert.ok(parseSchedule("ab12cd", units.timer, null).problem?.includes("missing"));
        assert.ok(parseSchedule("ab12cd", "[Timer]\n", units.service).problem?.includes("OnCalendar"));
        const other = units.service.replace(/^ExecStart=.*$/m, "ExecStart=/bin/rm -rf /srv");
        assert.ok(parseSchedule("ab12cd", units.timer, other).problem?.includes("/bin/rm -rf /srv"));
    });

    QUnit.test("what cannot be a schedule is refused before anything is written", assert => {
        assert.ok(checkSchedule({ ...snapshotSchedule("vm"), calendar: "daily\nExecStart=/bin/sh" })?.includes("one line"));
        assert.ok(checkSchedule({ ...snapshotSchedule("vm"), calendar: " " })?.includes("when"));
        assert.ok(checkSchedule({ ...snapshotSchedule("vm"), keep: 0 })?.includes("at least 1"));
        assert.ok(checkSchedule({ ...snapshotSchedule("vm"), id: "../x" })?.includes("../x"));
        assert.strictEqual(checkSchedule(snapshotSchedule("vm")), null);
        assert.strictEqual(unitText("a\nb 5%"), "a b 5%%");
    });

    QUnit.test("the calendar presets are expressions systemd accepts as they are", assert => {
        const output = execFileSync("systemd-analyze", ["calendar", "--", ...CALENDAR_PRESETS.map(p => p.calendar)], { encoding: "utf8" });
        const checked = parseCalendarOutput(output);
        assert.strictEqual(checked.length, CALENDAR_PRESETS.length);
        checked.forEach((c, i) => {
            assert.strictEqual(c.normalized, CALENDAR_PRESETS[i]?.calendar, "written in systemd's normalized form");
            assert.ok(c.nextElapse, "they elapse");
        });
        assert.deepEqual(parseCalendarOutput("  Original form: 2001-01-01\nNormalized form: 2001-01-01 00:00:00\n    Next elapse: never\n"),
                         [{ normalized: "2001-01-01 00:00:00", nextElapse: undefined }]);
    });

    QUnit.test("systemctl show's answer is read per unit", assert => {
        const states = parseUnitStates("Result=exit-code\nExecMainExitTimestamp=Fri 2026-12-04 07:00:03 UTC\nActiveState=failed\n\n" +
                                       "Result=success\nExecMainExitTimestamp=\nActiveState=inactive\n");
        assert.deepEqual(states, [
            { result: "exit-code", endedAt: "Fri 2026-12-04 07:00:03 UTC", active: "failed" },
            { result: undefined, endedAt: undefined, active: "inactive" },
        ]);
    });

    QUnit.test("ids, long names and the snapshots a schedule takes", assert => {
        let n = 0;
        const values = [0, 0, 0.5];
        assert.strictEqual(newScheduleId(["000000"], () => values[n++] ?? 0), "i00000", "a taken id is drawn again");
        const long = unitBase({ vm: "é".repeat(100), id: "ab" });
        assert.ok(long.length < 200 && /^kvmm-schedule-(\\xc3\\xa9)+-ab$/.test(long), long);
        const now = new Date(2026, 11, 4, 7, 5, 9);
        const name = scheduledSnapshotName("ab12cd", now, []);
        assert.strictEqual(name, "schedule-ab12cd-20261204-070509");
        assert.strictEqual(scheduledSnapshotName("ab12cd", now, [name]), `${name}-2`);
        assert.ok(isScheduledSnapshot("ab12cd", `${name}-2`));
        assert.notOk(isScheduledSnapshot("ab12cd", "schedule-ab12cd-before-upgrade"), "a name given by hand is not pruned");
        assert.notOk(isScheduledSnapshot("ab12c", name), "another schedule's");
    });
});
