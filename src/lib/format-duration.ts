// Durations as the UI shows them (uptime, time left of a transfer), with the units translated.
import { _, format } from "./i18n.ts";

/** "3 d 4 h", "2 h 5 min", "12 min", "40 s". */
export function formatDuration(seconds: number): string {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    if (d > 0) return format(_("$0 d $1 h"), d, h);
    if (h > 0) return format(_("$0 h $1 min"), h, m);
    if (m > 0) return format(_("$0 min"), m);
    return format(_("$0 s"), Math.floor(seconds));
}
