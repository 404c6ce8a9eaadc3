// The words under a file transfer's progress bar.
import { formatBytes } from "../../../../lib/format-bytes.ts";
import { formatDuration } from "../../../../lib/format-duration.ts";
import { _, format } from "../../../../lib/i18n.ts";

/** Below this, a rate is mostly the start-up of the transfer: not shown. */
const RATE_AFTER_MS = 1000;

/** "3.5 MiB of 10 MiB", and once a second has passed ", 21.4 MiB/s, 5 s left". */
export function transferProgressLabel(done: number, total: number, elapsedMs: number): string {
    const amount = format(_("$0 of $1"), formatBytes(done), formatBytes(total));
    if (elapsedMs < RATE_AFTER_MS || done <= 0 || done >= total) return amount;
    const perSecond = done / (elapsedMs / 1000);
    return format(_("$0, $1/s, $2 left"), amount, formatBytes(perSecond), formatDuration(Math.ceil((total - done) / perSecond)));
}
