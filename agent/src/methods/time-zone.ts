/*
 * The guest's time zone as the system has it now. Node reads it once at start (and ICU
 * caches it), so a zone changed with timedatectl or by relinking /etc/localtime would stay
 * unseen until the agent restarts; this looks where timedatectl does, on every call.
 */
import { readlinkSync } from "node:fs";

import { readTextNow } from "./proc-text.ts";

export interface TimeZoneSources {
    /** The TZ environment variable of the agent. */
    tz: string | undefined;
    /** Where /etc/localtime links to, or undefined when it is no link. */
    localtimeLink: string | undefined;
    /** /etc/timezone (Debian's older way), "" when absent. */
    timezoneFile: string;
    /** The zone Node started with. */
    startZone: string;
}

// ICU formatters take milliseconds to make in a TCG guest, and the Guest tab asks every few seconds.
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();

/** The formatter of a zone's UTC offset; null when ICU does not know the zone. */
function offsetFormat(zone: string): Intl.DateTimeFormat | null {
    let found = offsetFormats.get(zone);
    if (found === undefined) {
        try {
            found = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
        } catch {
            found = null; // RangeError: not a zone name
        }
        offsetFormats.set(zone, found);
    }
    return found;
}

/** The first zone name that a source gives and ICU knows. */
export function zoneName(s: TimeZoneSources): string {
    const candidates = [
        s.tz?.replace(/^:/, ""),
        /(?:^|\/)zoneinfo\/(.+)$/.exec(s.localtimeLink ?? "")?.[1],
        s.timezoneFile.trim(),
    ];
    return candidates.find((c): c is string => c !== undefined && c !== "" && offsetFormat(c) !== null) ?? s.startZone;
}

/** Minutes east of UTC in `zone` at `when` (Intl's "GMT+05:30" names). */
export function offsetMinutes(zone: string, when: Date): number {
    const part = offsetFormat(zone)?.formatToParts(when).find(p => p.type === "timeZoneName")?.value ?? "";
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part);
    if (!m) return 0; // "GMT" alone: UTC itself
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    return m[1] === "-" ? -minutes : minutes;
}

function readLink(path: string): string | undefined {
    try {
        return readlinkSync(path);
    } catch {
        return undefined; // absent, or a copied file rather than a link
    }
}

let startZone: string | undefined;

export function timeZone(now = new Date()): { name: string; offsetMinutes: number } {
    startZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone; // fixed for the process: ICU caches it
    const name = zoneName({
        tz: process.env.TZ,
        localtimeLink: readLink("/etc/localtime"),
        timezoneFile: readTextNow("/etc/timezone"),
        startZone,
    });
    return { name, offsetMinutes: offsetMinutes(name, now) };
}
