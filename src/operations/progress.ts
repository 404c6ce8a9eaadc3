// What a long operation takes besides its input: a callback told of each step as it begins (the
// page shows it, kvmm prints it) and a signal that cancels it between steps. A cancelled
// operation removes what it made, like a failed one, and rejects with OperationCancelled.
import { _ } from "../lib/i18n.ts";
import { LibvirtError } from "../libvirt/errors.ts";

export interface OperationControl {
    /** A step begins: what it does, in the user's words. */
    onProgress?: ((step: string) => void) | undefined;
    /** Aborted: no further step begins. */
    signal?: AbortSignal | undefined;
}

export class OperationCancelled extends LibvirtError {
    constructor() {
        super({ kind: "cancelled", summary: _("Cancelled"), detail: "" });
    }
}

export function throwIfCancelled(control: OperationControl): void {
    if (control.signal?.aborted) throw new OperationCancelled();
}

/** Begins a step: refused once the operation was cancelled, announced otherwise. */
export function beginStep(control: OperationControl, step: string): void {
    throwIfCancelled(control);
    control.onProgress?.(step);
}
