// systemd on the host: unit files in /etc/systemd/system, systemctl, systemd-analyze and the
// journal, through the page's or kvmm's host runner.
import { _, format } from "../lib/i18n.ts";
import { transports } from "../lib/transports.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { HostCommandError, runOnHost } from "./host-command.ts";

export const UNIT_DIR = "/etc/systemd/system";

/** Whether systemd manages the host (its own test, sd_booted()): without it timers do not run. */
export async function systemdRunning(): Promise<boolean> {
    const answer = await runOnHost("system", ["sh", "-c", "[ -d /run/systemd/system ] && echo yes || echo no"],
                                   { what: _("Checking for systemd"), privileged: false });
    return answer.trim() === "yes";
}

/** The names of the unit files in UNIT_DIR that start with `prefix`. */
export async function unitFileNames(prefix: string): Promise<string[]> {
    const entries = await transports().host.listDirectory(UNIT_DIR, { superuser: false });
    return entries.filter(e => e.type === "file" && e.name.startsWith(prefix)).map(e => e.name).sort();
}

export async function readUnitFile(name: string): Promise<string | null> {
    return await transports().host.readFile(`${UNIT_DIR}/${name}`, { superuser: false });
}

/** Written whole (a temporary file renamed), so that systemd never reads half a unit. */
export async function writeUnitFile(name: string, text: string): Promise<void> {
    await runOnHost("system", ["sh", "-c", "cat > \"$1.tmp\" && mv -f -- \"$1.tmp\" \"$1\"", "sh", `${UNIT_DIR}/${name}`],
                    { what: format(_("$0 could not be written"), `${UNIT_DIR}/${name}`), input: text });
}

export async function removeUnitFiles(names: readonly string[]): Promise<void> {
    await runOnHost("system", ["rm", "-f", "--", ...names.map(n => `${UNIT_DIR}/${n}`)], { what: _("The schedule's unit files could not be removed") });
}

/**
 * Turns a timer on (at boot and, where systemd runs, now) or off. `systemctl enable` and `disable`
 * work on the files alone, so a host without systemd as PID 1 gets the timers once it has it.
 */
export async function setTimerEnabled(timer: string, enabled: boolean, running: boolean): Promise<void> {
    const what = enabled ? _("The timer could not be turned on") : _("The timer could not be turned off");
    if (running) await runOnHost("system", ["systemctl", "daemon-reload"], { what });
    await runOnHost("system", ["systemctl", enabled ? "enable" : "disable", ...(running ? ["--now"] : []), "--", timer], { what });
}

/** After unit files were changed or removed: systemd reads them again (nothing to do where it does not run). */
export async function reloadUnits(running: boolean): Promise<void> {
    if (running) await runOnHost("system", ["systemctl", "daemon-reload"], { what: _("systemd could not read the unit files again") });
}

export interface CalendarCheck {
    normalized: string;
    /** As systemd-analyze prints it; undefined when the expression never elapses again. */
    nextElapse: string | undefined;
}

/** systemd-analyze calendar's answer for one expression, from its printed block. */
export function parseCalendarOutput(output: string): CalendarCheck[] {
    return output.split(/\n\s*\n/).filter(block => block.includes("Normalized form:")).map(block => {
        const field = (label: string) => new RegExp(`^\\s*${label}:\\s*(.*)$`, "m").exec(block)?.[1]?.trim();
        const next = field("Next elapse");
        return { normalized: field("Normalized form") ?? "", nextElapse: next === undefined || next === "never" ? undefined : next };
    });
}

/** Checks calendar expressions with systemd's own parser; refuses a bad one with systemd-analyze's reason. */
export async function checkCalendars(expressions: readonly string[]): Promise<CalendarCheck[]> {
    if (expressions.length === 0) return [];
    try {
        const output = await runOnHost("system", ["systemd-analyze", "calendar", "--", ...expressions], { what: _("Checking the calendar expression"), privileged: false });
        return parseCalendarOutput(output);
    } catch (error) {
        if (!(error instanceof HostCommandError) || error.exitStatus === undefined) throw error;
        throw invalidInput(_("systemd does not accept this calendar expression"), error.described.detail);
    }
}

export interface UnitState {
    /** "success", "exit-code", "timeout"… (systemd's Result); undefined before the first run. */
    result: string | undefined;
    /** When the last run ended, as systemctl prints it. */
    endedAt: string | undefined;
    active: string;
}

/** `systemctl show` output of several units (blocks in their order) as states. */
export function parseUnitStates(output: string): UnitState[] {
    return output.split(/\n\s*\n/).filter(block => block.trim() !== "").map(block => {
        const props = new Map(block.split("\n").flatMap(line => {
            const eq = line.indexOf("=");
            return eq > 0 ? [[line.slice(0, eq), line.slice(eq + 1)] as const] : [];
        }));
        const endedAt = props.get("ExecMainExitTimestamp") || undefined;
        return { result: endedAt === undefined ? undefined : props.get("Result"), endedAt, active: props.get("ActiveState") ?? "" };
    });
}

/** The services' last results (only where systemd runs). */
export async function unitStates(services: readonly string[]): Promise<UnitState[]> {
    if (services.length === 0) return [];
    const output = await runOnHost("system", ["systemctl", "show", "--property=Result,ExecMainExitTimestamp,ActiveState", "--", ...services],
                                   { what: _("Reading the schedules' state"), privileged: false });
    return parseUnitStates(output);
}

/** The last lines a unit logged, for the reason a run failed. */
export async function lastJournalLines(unit: string, lines: number): Promise<string> {
    return (await runOnHost("system", ["journalctl", "--no-pager", "-o", "cat", "-n", String(lines), "-u", unit],
                            { what: _("Reading the journal") })).trim();
}
