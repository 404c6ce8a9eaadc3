// How far the guest's clock is from the host's, in words; and its time zone's from UTC.
import { formatDuration } from "../../../lib/format-duration.ts";
import { _, format } from "../../../lib/i18n.ts";

/** Below this the clocks count as in step: the measurement itself is off by tens of ms. */
export const IN_STEP_MS = 1000;

const amount = (offsetMs: number): string => formatDuration(Math.round(Math.abs(offsetMs) / 1000));

/** offsetMs: guest minus host. */
export function clockOffsetText(offsetMs: number): string {
    if (Math.abs(offsetMs) < IN_STEP_MS) return _("In step with the host's clock");
    return offsetMs > 0 ? format(_("$0 ahead of the host's clock"), amount(offsetMs)) : format(_("$0 behind the host's clock"), amount(offsetMs));
}

/** After time.sync; offsetMs: guest minus host before it. */
export function clockSetText(offsetMs: number): string {
    if (Math.abs(offsetMs) < IN_STEP_MS) return _("The guest's clock was set from the host's; it was already in step.");
    return offsetMs > 0
        ? format(_("The guest's clock was set from the host's; it had been $0 ahead."), amount(offsetMs))
        : format(_("The guest's clock was set from the host's; it had been $0 behind."), amount(offsetMs));
}

/** A time zone's offset, minutes east of UTC: "UTC+05:30", "UTC\u221203:30", "UTC". */
export function utcOffsetText(minutes: number): string {
    if (minutes === 0) return "UTC";
    const abs = Math.abs(minutes);
    const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
    return `UTC${minutes < 0 ? "\u2212" : "+"}${hhmm}`;
}

/** "Asia/Kolkata (UTC+05:30)"; "UTC" alone. */
export function timeZoneText(name: string, offsetMinutes: number): string {
    const offset = utcOffsetText(offsetMinutes);
    return name === offset ? name : `${name} (${offset})`;
}
