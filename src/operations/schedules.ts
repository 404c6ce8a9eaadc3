// Scheduled VM actions: listed from their unit files with the next run (systemd-analyze) and the
// last result (systemd's state and journal, where systemd runs), saved and removed.
import {
    checkCalendars, lastJournalLines, readUnitFile, reloadUnits, removeUnitFiles, setTimerEnabled, systemdRunning, unitFileNames, unitStates, writeUnitFile,
} from "../host/systemd-units.ts";
import { _, format } from "../lib/i18n.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { checkSchedule, idOfUnit, parseSchedule, renderSchedule, type Schedule, UNIT_PREFIX } from "./schedule-units.ts";
import { findVm } from "./vms.ts";

export interface LastRun {
    /** systemd's Result: "success", "exit-code", "timeout"… */
    result: string;
    endedAt: string;
    /** What the run logged last, when it failed. */
    message?: string;
}

export interface ScheduleEntry {
    id: string;
    timer: string;
    service: string;
    schedule?: Schedule | undefined;
    /** Why the unit files are not a schedule we can show (edited by hand). */
    problem?: string | undefined;
    nextRun?: string;
    last?: LastRun;
}

export interface ScheduleList {
    /** false: systemd is not PID 1, the timers do not run. */
    systemd: boolean;
    entries: ScheduleEntry[];
}

async function nextRuns(calendars: readonly string[]): Promise<Map<string, string | undefined>> {
    const unique = [...new Set(calendars)];
    // One at a time would be slow with many; one call fails whole for one bad expression, so a refusal falls back to none.
    const checked = await Promise.all(unique.map(c => checkCalendars([c]).then(r => r[0]?.nextElapse, () => undefined)));
    return new Map(unique.map((c, i) => [c, checked[i]]));
}

async function lastRuns(services: readonly string[]): Promise<(LastRun | undefined)[]> {
    const states = await unitStates(services);
    return await Promise.all(states.map(async (state, i) => {
        if (state.result === undefined || state.endedAt === undefined) return undefined;
        const service = services[i] ?? "";
        const message = state.result === "success" ? undefined : await lastJournalLines(service, 3).catch(() => undefined);
        return { result: state.result, endedAt: state.endedAt, ...(message ? { message } : {}) };
    }));
}

/** Every schedule on the host, or only those of one VM. */
export async function listSchedules(vm?: string): Promise<ScheduleList> {
    const [running, names] = await Promise.all([systemdRunning(), unitFileNames(UNIT_PREFIX)]);
    const timers = names.filter(n => n.endsWith(".timer"));
    const read = await Promise.all(timers.map(async (timer): Promise<ScheduleEntry> => {
        const service = timer.replace(/\.timer$/, ".service");
        const [timerText, serviceText] = await Promise.all([readUnitFile(timer), readUnitFile(service)]);
        const id = idOfUnit(timer) ?? "";
        const parsed = timerText === null ? { problem: _("The timer unit is missing") } : parseSchedule(id, timerText, serviceText);
        return { id, timer, service, ...parsed };
    }));
    const entries = read.filter(e => vm === undefined || e.schedule?.vm === vm);
    const next = await nextRuns(entries.flatMap(e => e.schedule ? [e.schedule.calendar] : []));
    const last = running ? await lastRuns(entries.map(e => e.service)) : [];
    return {
        systemd: running,
        entries: entries.map((e, i) => {
            const nextRun = e.schedule && next.get(e.schedule.calendar);
            const lastRun = last[i];
            return { ...e, ...(nextRun ? { nextRun } : {}), ...(lastRun ? { last: lastRun } : {}) };
        }),
    };
}

/** Writes the schedule's units (new or changed) and turns its timer on; a bad calendar is refused with systemd's reason first. */
export async function saveSchedule(schedule: Schedule): Promise<{ systemd: boolean; nextRun: string | undefined }> {
    const problem = checkSchedule(schedule);
    if (problem) throw invalidInput(problem);
    // A schedule of a VM that is not there would only fail at its first run.
    await findVm("system", schedule.vm);
    const [checked] = await checkCalendars([schedule.calendar]);
    const running = await systemdRunning();
    const units = renderSchedule(schedule);
    // The service first: a timer is never there without what it starts.
    await writeUnitFile(units.names.service, units.service);
    await writeUnitFile(units.names.timer, units.timer);
    await setTimerEnabled(units.names.timer, true, running);
    return { systemd: running, nextRun: checked?.nextElapse };
}

/** Turns the timer off and removes both units. */
export async function removeSchedule(id: string): Promise<void> {
    const names = (await unitFileNames(UNIT_PREFIX)).filter(n => idOfUnit(n) === id);
    const timer = names.find(n => n.endsWith(".timer"));
    if (names.length === 0) throw invalidInput(format(_("There is no schedule $0"), id));
    const running = await systemdRunning();
    if (timer) await setTimerEnabled(timer, false, running);
    await removeUnitFiles(names);
    await reloadUnits(running);
}

/** When `calendar` next elapses (undefined: never); rejects with systemd-analyze's reason for a bad one. */
export async function nextElapse(calendar: string): Promise<string | undefined> {
    return (await checkCalendars([calendar]))[0]?.nextElapse;
}
