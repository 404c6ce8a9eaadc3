// A scheduled VM action as a systemd timer and the service it starts, which runs kvmm: the unit
// files are the schedule (nothing else keeps it), so they are written here and read back here.
import { _, format } from "../lib/i18n.ts";
import { escapeUnitNamePart, execLine, hasControlCharacter, parseExecLine, parseUnitFile, renderUnitFile, unitText } from "../lib/systemd-syntax.ts";

export type ScheduleAction = "start" | "shutdown" | "reboot" | "snapshot";

export const SCHEDULE_ACTIONS: readonly ScheduleAction[] = ["start", "shutdown", "reboot", "snapshot"];

export interface Schedule {
    /** Its own part of the unit names, also the mark of the snapshots it takes. */
    id: string;
    vm: string;
    action: ScheduleAction;
    /** systemd's OnCalendar expression. */
    calendar: string;
    /** snapshot: how many of this schedule's snapshots stay (older ones are deleted). */
    keep?: number;
    /** shutdown: how long the guest may take before the VM is turned off. */
    timeoutSeconds?: number;
}

export const UNIT_PREFIX = "kvmm-schedule-";
export const DEFAULT_KEEP = 7;
export const DEFAULT_SHUTDOWN_TIMEOUT = 300;

export interface CalendarPreset {
    label: string;
    calendar: string;
}

export const CALENDAR_PRESETS: readonly CalendarPreset[] = [
    { label: _("Every day at 07:00"), calendar: "*-*-* 07:00:00" },
    { label: _("Weekdays at 07:00"), calendar: "Mon..Fri *-*-* 07:00:00" },
    { label: _("Weekdays at 19:00"), calendar: "Mon..Fri *-*-* 19:00:00" },
    { label: _("Every 6 hours"), calendar: "*-*-* 00/6:00:00" },
    { label: _("Every hour"), calendar: "*-*-* *:00:00" },
    { label: _("Sundays at 03:00"), calendar: "Sun *-*-* 03:00:00" },
];

export function actionLabel(action: ScheduleAction): string {
    switch (action) {
    case "start": return _("Start");
    case "shutdown": return _("Shut down");
    case "reboot": return _("Reboot");
    case "snapshot": return _("Take snapshot");
    }
}

// The VM's name in the unit name makes `systemctl list-timers 'kvmm-schedule-web*'` work; it is
// cut so that the name stays within systemd's 255 characters (the VM is read from ExecStart).
const MAX_NAME_PART = 150;

/** The unit name without its suffix: kvmm-schedule-<VM as systemd-escape puts it>-<id>. */
export function unitBase(schedule: Pick<Schedule, "vm" | "id">): string {
    // Cut between characters, never inside one's escaped bytes (nor a surrogate pair).
    let cut = schedule.vm.length;
    while (escapeUnitNamePart(schedule.vm.slice(0, cut)).length > MAX_NAME_PART) cut--;
    if (/[\ud800-\udbff]/.test(schedule.vm.charAt(cut - 1))) cut--;
    const part = escapeUnitNamePart(schedule.vm.slice(0, cut));
    return `${UNIT_PREFIX}${part}-${schedule.id}`;
}

/** The id from a unit name (after the last "-": the escaped VM name has no other "-" at its end). */
export function idOfUnit(unitName: string): string | undefined {
    const m = /-([a-z0-9]+)\.(timer|service)$/.exec(unitName);
    return unitName.startsWith(UNIT_PREFIX) ? m?.[1] : undefined;
}

export function checkScheduleId(id: string): string | null {
    return /^[a-z0-9]{1,16}$/.test(id) ? null : format(_("A schedule id has 1 to 16 lowercase letters and digits, not $0"), id);
}

/** What the service runs: kvmm, found by systemd in its search path (/usr/local/bin, /usr/bin …). */
export function scheduleArgv(schedule: Schedule): string[] {
    switch (schedule.action) {
    // A VM already running (or off) at a start (or shutdown) is no failure of the schedule.
    case "start":
        return ["kvmm", "start", "--if-needed", "--", schedule.vm];
    case "reboot":
        return ["kvmm", "reboot", "--", schedule.vm];
    case "shutdown":
        return ["kvmm", "shutdown", "--if-needed", "--wait", "--timeout", String(schedule.timeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT), "--force", "--", schedule.vm];
    case "snapshot":
        return ["kvmm", "snapshot", "create", "--keep", String(schedule.keep ?? DEFAULT_KEEP), "--schedule", schedule.id, "--", schedule.vm];
    }
}

/** Refuses what no unit file can hold: a line break would end the setting. */
export function checkCalendarText(calendar: string): string | null {
    if (calendar.trim() === "") return _("Enter when it runs.");
    if (hasControlCharacter(calendar)) return _("The calendar expression must be on one line.");
    return null;
}

export function checkSchedule(schedule: Schedule): string | null {
    const problem = checkScheduleId(schedule.id) ?? checkCalendarText(schedule.calendar);
    if (problem) return problem;
    if (schedule.vm === "") return _("Choose a virtual machine.");
    if (schedule.action === "snapshot" && !(Number.isInteger(schedule.keep) && (schedule.keep ?? 0) >= 1))
        return _("Keep at least 1 snapshot.");
    if (schedule.action === "shutdown" && !(Number.isInteger(schedule.timeoutSeconds) && (schedule.timeoutSeconds ?? 0) >= 1))
        return _("The time to wait before turning the VM off is a number of seconds.");
    return null;
}

export interface ScheduleUnits {
    base: string;
    timer: string;
    service: string;
}

function description(schedule: Schedule): string {
    return unitText(`KVM Manager schedule: ${schedule.action} ${schedule.vm}`);
}

/** The two unit files of a schedule, by name. */
export function renderSchedule(schedule: Schedule): { names: { timer: string; service: string }; timer: string; service: string } {
    const base = unitBase(schedule);
    const service = renderUnitFile([
        ["Unit", [["Description", description(schedule)], ["After", "libvirtd.service virtqemud.service"]]],
        // Oneshot: the timer counts a run as done when kvmm has ended, so a shutdown's wait is part of it.
        ["Service", [["Type", "oneshot"], ["ExecStart", execLine(scheduleArgv(schedule))]]],
    ]);
    const timer = renderUnitFile([
        ["Unit", [["Description", description(schedule)]]],
        ["Timer", [["OnCalendar", schedule.calendar], ["Unit", `${base}.service`]]],
        ["Install", [["WantedBy", "timers.target"]]],
    ]);
    return { names: { timer: `${base}.timer`, service: `${base}.service` }, timer, service };
}

function numberAfter(argv: readonly string[], option: string): number | undefined {
    const i = argv.indexOf(option);
    const value = i < 0 ? undefined : Number(argv[i + 1]);
    return value !== undefined && Number.isInteger(value) ? value : undefined;
}

/** The schedule that `argv` (an ExecStart we wrote) runs; null for any other command. */
export function scheduleOfArgv(id: string, calendar: string, argv: readonly string[]): Schedule | null {
    const [program, verb, ...rest] = argv;
    if (program === undefined || !/(^|\/)kvmm$/.test(program)) return null;
    const dashes = rest.indexOf("--");
    if (dashes < 0 || dashes !== rest.length - 2) return null;
    const vm = rest[dashes + 1] ?? "";
    const options = rest.slice(0, dashes);
    if (verb === "start" && options.join(" ") === "--if-needed") return { id, vm, action: "start", calendar };
    if (verb === "reboot" && options.length === 0) return { id, vm, action: "reboot", calendar };
    if (verb === "shutdown" && options.includes("--force")) {
        const timeoutSeconds = numberAfter(options, "--timeout");
        return timeoutSeconds === undefined ? null : { id, vm, action: "shutdown", calendar, timeoutSeconds };
    }
    if (verb === "snapshot" && options[0] === "create") {
        const keep = numberAfter(options, "--keep");
        return keep === undefined ? null : { id, vm, action: "snapshot", calendar, keep };
    }
    return null;
}

/** A schedule read back from its unit files; a problem where they are not what we write. */
export type ParsedSchedule = { schedule: Schedule; problem?: undefined } | { schedule?: undefined; problem: string };

export function parseSchedule(id: string, timerText: string, serviceText: string | null): ParsedSchedule {
    const calendar = parseUnitFile(timerText).get("Timer")?.get("OnCalendar");
    if (calendar === undefined) return { problem: _("The timer has no OnCalendar setting") };
    if (serviceText === null) return { problem: _("The timer's service unit is missing") };
    const exec = parseUnitFile(serviceText).get("Service")?.get("ExecStart");
    const argv = exec === undefined ? null : parseExecLine(exec);
    const schedule = argv && scheduleOfArgv(id, calendar, argv);
    return schedule ? { schedule } : { problem: format(_("The service runs something other than a KVM Manager action: $0"), exec ?? "") };
}

/** A new id, not one of `taken`. */
export function newScheduleId(taken: readonly string[], random: () => number = Math.random): string {
    for (;;) {
        const id = Math.floor(random() * 36 ** 6).toString(36).padStart(6, "0");
        if (!taken.includes(id)) return id;
    }
}

/** The snapshots a schedule takes are named after it: schedule-<id>-YYYYMMDD-HHMMSS (local time). */
export function scheduledSnapshotName(id: string, now: Date, taken: readonly string[]): string {
    const pad = (n: number): string => String(n).padStart(2, "0");
    const base = `schedule-${id}-${String(now.getFullYear())}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    let name = base;
    for (let i = 2; taken.includes(name); i++) name = `${base}-${String(i)}`;
    return name;
}

export function isScheduledSnapshot(id: string, name: string): boolean {
    return new RegExp(`^schedule-${id}-\\d{8}-\\d{6}(-\\d+)?$`).test(name);
}
