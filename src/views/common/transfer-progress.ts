// The words under a transfer's or a long copy's progress bar.
import { formatBytes } from "../../lib/format-bytes.ts";
import { formatDuration } from "../../lib/format-duration.ts";
import { _, format } from "../../lib/i18n.ts";

/** Below this, a rate is mostly the start-up of the transfer: not shown. */
const RATE_AFTER_MS = 1000;

/** "3.5 MiB of 10 MiB", and with a rate ", 21.4 MiB/s, 5 s left". */
export function transferAmountLabel(done: number, total: number, bytesPerSecond: number | undefined): string {
    const amount = format(_("$0 of $1"), formatBytes(done), formatBytes(total));
    if (!bytesPerSecond || done >= total) return amount;
    return format(_("$0, $1/s, $2 left"), amount, formatBytes(bytesPerSecond), formatDuration(Math.ceil((total - done) / bytesPerSecond)));
}

/** As transferAmountLabel, the rate taken over the time so far once a second has passed. */
export function transferProgressLabel(done: number, total: number, elapsedMs: number): string {
    const rate = elapsedMs < RATE_AFTER_MS || done <= 0 ? undefined : done / (elapsedMs / 1000);
    return transferAmountLabel(done, total, rate);
}
