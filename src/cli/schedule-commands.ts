// kvmm schedule: scheduled VM actions (systemd timers) from the command line, with the page's operations.
import { _ } from "../lib/i18n.ts";
import {
    DEFAULT_KEEP, DEFAULT_SHUTDOWN_TIMEOUT, newScheduleId, type Schedule, SCHEDULE_ACTIONS, type ScheduleAction,
} from "../operations/schedule-units.ts";
import { listSchedules, removeSchedule, saveSchedule, type ScheduleList } from "../operations/schedules.ts";
import type { Command } from "./args.ts";
import { countOption, UsageError } from "./usage-error.ts";

export type ScheduleCommand =
    | { kind: "schedule-list"; vm?: string }
    | { kind: "schedule-add"; vm: string; action: ScheduleAction; calendar: string; keep?: number; timeoutSeconds?: number }
    | { kind: "schedule-remove"; id: string };

export function isScheduleCommand(command: Command): command is ScheduleCommand {
    return command.kind.startsWith("schedule-");
}

export const SCHEDULE_VALUE_OPTIONS = ["--calendar", "--keep"];
export const SCHEDULE_COMMAND_OPTIONS: Record<string, readonly string[]> = {
    "schedule-add": ["--calendar", "--keep", "--timeout"],
};

export const SCHEDULE_USAGE = [
    "schedule list [VM]",
    "schedule add VM start|shutdown|reboot|snapshot --calendar EXPR [--keep N] [--timeout SECONDS]",
    "schedule remove ID",
];

const usage = (): UsageError => new UsageError(`usage:\n${SCHEDULE_USAGE.map(u => `  kvmm ${u}`).join("\n")}`);

export function scheduleCommand(rest: string[], options: Map<string, string>): ScheduleCommand {
    const [verb, ...args] = rest;
    if (verb === "list" && args.length <= 1) return { kind: "schedule-list", ...(args[0] !== undefined ? { vm: args[0] } : {}) };
    if (verb === "remove" && args.length === 1) return { kind: "schedule-remove", id: args[0] ?? "" };
    if (verb === "add" && args.length === 2) {
        const [vm = "", action = ""] = args;
        if (!(SCHEDULE_ACTIONS as readonly string[]).includes(action)) throw new UsageError(`the action is start, shutdown, reboot or snapshot, not ${action}`);
        const calendar = options.get("--calendar");
        if (calendar === undefined) throw new UsageError("--calendar EXPR is needed (a systemd OnCalendar expression, e.g. \"Mon..Fri 07:00\")");
        const keep = countOption(options, "--keep");
        const timeoutSeconds = countOption(options, "--timeout");
        if (keep !== undefined && action !== "snapshot") throw new UsageError("--keep applies to snapshot only");
        if (timeoutSeconds !== undefined && action !== "shutdown") throw new UsageError("--timeout applies to shutdown only");
        return {
            kind: "schedule-add", vm, action: action as ScheduleAction, calendar,
            ...(action === "snapshot" ? { keep: keep ?? DEFAULT_KEEP } : {}),
            ...(action === "shutdown" ? { timeoutSeconds: timeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT } : {}),
        };
    }
    throw usage();
}

const NOT_RUNNING = _("systemd is not PID 1 on this host: the schedules are saved, but their timers do not run until systemd manages the host.");

function listText(list: ScheduleList): string {
    return list.entries.map(e => {
        const s = e.schedule;
        if (!s) return `${e.id}\t-\t-\t-\t-\t${e.problem ?? ""}\n`;
        const detail = s.action === "snapshot" ? `keep ${String(s.keep)}` : s.action === "shutdown" ? `force after ${String(s.timeoutSeconds)} s` : "";
        const last = e.last ? `${e.last.result} ${e.last.endedAt}` : "-";
        return `${e.id}\t${s.vm}\t${s.action}${detail ? ` (${detail})` : ""}\t${s.calendar}\t${e.nextRun ?? "never"}\t${last}\n`;
    }).join("");
}

export async function runScheduleCommand(command: ScheduleCommand, print: (json: unknown, text: string) => void, err: (text: string) => void): Promise<void> {
    switch (command.kind) {
    case "schedule-list": {
        const list = await listSchedules(command.vm);
        if (!list.systemd) err(`kvmm: ${NOT_RUNNING}\n`);
        print(list, listText(list));
        return;
    }
    case "schedule-add": {
        const taken = (await listSchedules()).entries.map(e => e.id);
        const { vm, action, calendar, keep, timeoutSeconds } = command;
        const schedule: Schedule = {
            id: newScheduleId(taken), vm, action, calendar, ...(keep !== undefined ? { keep } : {}), ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        };
        const saved = await saveSchedule(schedule);
        if (!saved.systemd) err(`kvmm: ${NOT_RUNNING}\n`);
        print({ ...schedule, nextRun: saved.nextRun ?? null }, `${schedule.id}\n`);
        return;
    }
    case "schedule-remove":
        await removeSchedule(command.id);
    }
}
