// What a long operation takes besides its input: a callback told of each step as it begins (the
// page shows it, kvmm prints it), one told how far a long copy has come, and a signal that
// cancels it. A cancelled operation removes what it made, like a failed one, and rejects with
// OperationCancelled.
import { _ } from "../lib/i18n.ts";
import { describeError, LibvirtError, OperationCancelled } from "../libvirt/errors.ts";

export interface TransferProgress {
    /** The step the bytes belong to, in the user's words. */
    step: string;
    doneBytes: number;
    totalBytes: number;
    /** Known once the copy has run a second. */
    bytesPerSecond?: number;
    secondsLeft?: number;
}

export interface OperationControl {
    /** A step begins: what it does, in the user's words. */
    onProgress?: ((step: string) => void) | undefined;
    /** A copy within the current step has come further. */
    onTransfer?: ((progress: TransferProgress) => void) | undefined;
    /** Aborted: no further step begins and a running copy is ended. */
    signal?: AbortSignal | undefined;
}

export function throwIfCancelled(control: OperationControl): void {
    if (control.signal?.aborted) throw new OperationCancelled();
}

/** Begins a step: refused once the operation was cancelled, announced otherwise. */
export function beginStep(control: OperationControl, step: string): void {
    throwIfCancelled(control);
    control.onProgress?.(step);
}

/** Rate and time left are averaged over the whole copy so far: steadier than the last interval's. */
const MIN_RATE_MS = 1000;

/** A callback for a copy's byte counts that tells control.onTransfer, with rate and time left. */
export function transferReporter(control: OperationControl, step: string, now: () => number = Date.now): (done: number, total: number) => void {
    const started = now();
    return (doneBytes, totalBytes) => {
        const elapsed = now() - started;
        const progress: TransferProgress = { step, doneBytes, totalBytes };
        if (elapsed >= MIN_RATE_MS && doneBytes > 0) {
            progress.bytesPerSecond = doneBytes / (elapsed / 1000);
            progress.secondsLeft = Math.max(0, totalBytes - doneBytes) / progress.bytesPerSecond;
        }
        control.onTransfer?.(progress);
    };
}

/** What an operation has made so far, each entry the step that removes one thing again. */
export type Undo = (() => Promise<void>)[];

/**
 * After a failure or a cancel: removes what was made, newest first, and rethrows `error`; when a
 * removal fails too, its reason is added to the error, since something was left behind.
 */
export async function undoAndRethrow(undo: Undo, error: unknown, control: OperationControl): Promise<never> {
    if (undo.length) control.onProgress?.(_("Removing what was made"));
    const failures: string[] = [];
    for (const remove of undo.reverse()) await remove().catch((e: unknown) => failures.push(describeError(e).detail));
    if (failures.length === 0) throw error;
    const e = describeError(error);
    throw new LibvirtError({ ...e, detail: `${e.detail} — ${_("and cleaning up failed")}: ${failures.join("; ")}` });
}
