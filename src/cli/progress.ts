// A long operation's progress on kvmm's standard error: each step as a line, and a copy's bytes,
// rate and time left — rewritten in place on a terminal, a line every tenth of the copy otherwise
// (a log stays short). Standard output keeps only the result, so --json stays parseable.
import { formatBytes } from "../lib/format-bytes.ts";
import { formatDuration } from "../lib/format-duration.ts";
import type { OperationControl, TransferProgress } from "../operations/progress.ts";

export interface ProgressOutput {
    err(text: string): void;
    /** Standard error is a terminal. */
    terminal?: boolean | undefined;
}

export function transferText(t: TransferProgress): string {
    const percent = t.totalBytes > 0 ? Math.floor((t.doneBytes / t.totalBytes) * 100) : 0;
    const parts = [`${formatBytes(t.doneBytes)} of ${formatBytes(t.totalBytes)}`];
    if (t.bytesPerSecond !== undefined) parts.push(`${formatBytes(t.bytesPerSecond)}/s`);
    if (t.secondsLeft !== undefined) parts.push(`${formatDuration(t.secondsLeft)} left`);
    return `${t.step}: ${String(percent)}% (${parts.join(", ")})`;
}

export function progressControl(io: ProgressOutput, signal?: AbortSignal): OperationControl {
    let rewriting = false;
    let lastTenth = -1;
    const endLine = () => {
        if (rewriting) io.err("\n");
        rewriting = false;
    };
    return {
        signal,
        onProgress: step => {
            endLine();
            lastTenth = -1;
            io.err(`${step}\n`);
        },
        onTransfer: t => {
            if (io.terminal === true) {
                io.err(`\r${transferText(t)}\x1b[K`);
                rewriting = true;
                return;
            }
            const tenth = t.totalBytes > 0 ? Math.floor((t.doneBytes / t.totalBytes) * 10) : 0;
            if (tenth === lastTenth) return;
            lastTenth = tenth;
            io.err(`${transferText(t)}\n`);
        },
    };
}
