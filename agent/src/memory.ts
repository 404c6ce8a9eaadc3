/*
 * Gives back the memory a file transfer used. Its chunks are ArrayBuffers outside V8's heap,
 * and the heap itself stays small, so once the agent is idle no full GC comes to free them:
 * ~30 MiB of dead buffers stayed resident after 40 MiB each way (RSS 85 MiB, 58 MiB after one
 * full GC, measured on the host). So a full GC runs once no transfer has been open for a while.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** After the last transfer ends: long enough that a client's next chunk or file comes first. */
export const RELEASE_DELAY_MS = 2000;

let gc: (() => void) | undefined;

/** A full garbage collection; --expose-gc is set on first use (not at load: tests import this). */
function fullGc(): void {
    if (!gc) {
        setFlagsFromString("--expose-gc");
        gc = runInNewContext("gc") as () => void;
    }
    gc();
}

export class TransferMemory {
    private timer: NodeJS.Timeout | undefined;

    /** idle: no transfer is open now. */
    constructor(private readonly idle: () => boolean, private readonly delayMs = RELEASE_DELAY_MS, private readonly collect: () => void = fullGc) {}

    /** A transfer ended: collect once none has been open for delayMs. */
    ended(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            if (this.idle()) this.collect();
        }, this.delayMs);
        this.timer.unref();
    }

    stop(): void {
        clearTimeout(this.timer);
    }
}
