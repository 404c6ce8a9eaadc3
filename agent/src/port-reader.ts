/*
 * Reads the virtio-serial port on a worker thread. The driver hands out at most
 * one 4 KiB buffer per read(), and an async fs.read costs a thread-pool round
 * trip each (about 0.8 ms in a TCG guest: 2 s per 10 MiB, measured). A worker
 * doing blocking reads costs ~36 µs per read, and fills a ring in shared memory
 * that the main thread drains in batches of whatever has arrived.
 */
import { Worker } from "node:worker_threads";

// Int32 slots in front of the ring.
const FILL = 0; // bytes in the ring, not yet taken by the main thread
const EOFS = 1; // read() returned 0 (no host) this many times
const STOP = 2; // set by the main thread
const FAILED = 3; // the worker's read failed; it reported why and ended
const HEADER_BYTES = 16;

interface ReaderData { fd: number; sab: SharedArrayBuffer; ringBytes: number; pollMs: number }

/**
 * The worker's loop. It runs from its source text (see startReader), so it must not
 * refer to anything outside itself; the slot numbers are written out for that reason.
 */
function readerLoop(d: ReaderData, read: (fd: number, buf: Uint8Array, offset: number, length: number) => number, fail: (e: unknown) => void): void {
    const ctrl = new Int32Array(d.sab, 0, 4);
    const ring = new Uint8Array(d.sab, 16, d.ringBytes);
    let at = 0;
    while (Atomics.load(ctrl, 2) === 0) {
        const fill = Atomics.load(ctrl, 0);
        if (fill === d.ringBytes) {
            Atomics.wait(ctrl, 0, fill, 1000); // full: until the main thread takes some
            continue;
        }
        let n: number;
        try {
            n = read(d.fd, ring, at, Math.min(d.ringBytes - fill, d.ringBytes - at));
        } catch (e) {
            fail(e);
            Atomics.store(ctrl, 3, 1);
            Atomics.notify(ctrl, 0);
            return;
        }
        if (n === 0) {
            Atomics.add(ctrl, 1, 1);
            Atomics.notify(ctrl, 0);
            Atomics.wait(ctrl, 2, 0, d.pollMs); // no host: poll, or stop at once
            continue;
        }
        at = (at + n) % d.ringBytes;
        Atomics.add(ctrl, 0, n);
        Atomics.notify(ctrl, 0);
    }
}

/** The data of one open port, read by a worker. */
export class PortReader {
    private readonly ctrl: Int32Array;
    private readonly ring: Uint8Array;
    private readonly worker: Worker;
    private at = 0;
    private seenEofs = 0;
    private failure: Error | undefined;

    constructor(fd: number, private readonly pollMs: number, ringBytes = 4 * 1024 * 1024) {
        const sab = new SharedArrayBuffer(HEADER_BYTES + ringBytes);
        this.ctrl = new Int32Array(sab, 0, 4);
        this.ring = new Uint8Array(sab, HEADER_BYTES, ringBytes);
        const data: ReaderData = { fd, sab, ringBytes, pollMs };
        const source = `const { workerData, parentPort } = require("node:worker_threads");
const { readSync } = require("node:fs");
(${readerLoop.toString()})(workerData, readSync, e => parentPort.postMessage(e instanceof Error ? e.message : String(e)));`;
        this.worker = new Worker(source, { eval: true, workerData: data });
        this.worker.on("message", (m: unknown) => { this.failure = new Error(String(m)) });
        this.worker.on("error", e => { this.failure = e });
    }

    /** Like read(2): bytes copied into buf, 0 when the host is gone; waits for either. */
    async read(buf: Buffer): Promise<number> {
        for (;;) {
            const fill = Atomics.load(this.ctrl, FILL);
            if (fill > 0) {
                const n = Math.min(fill, buf.length, this.ring.length - this.at);
                buf.set(this.ring.subarray(this.at, this.at + n));
                this.at = (this.at + n) % this.ring.length;
                Atomics.sub(this.ctrl, FILL, n);
                Atomics.notify(this.ctrl, FILL);
                return n;
            }
            if (Atomics.load(this.ctrl, FAILED) !== 0) {
                // The message may still be on its way.
                await new Promise(resolve => setTimeout(resolve, 10));
                throw this.failure ?? new Error("the port reader failed");
            }
            const eofs = Atomics.load(this.ctrl, EOFS);
            if (eofs !== this.seenEofs) {
                this.seenEofs = eofs;
                return 0;
            }
            // The timeout covers a notify that came between the checks above and this wait.
            const wait = Atomics.waitAsync(this.ctrl, FILL, 0, this.pollMs);
            if (wait.async) await wait.value;
        }
    }

    /** The worker may sit in a blocking read until data or EOF comes; it ends then. */
    stop(): void {
        Atomics.store(this.ctrl, STOP, 1);
        Atomics.notify(this.ctrl, STOP);
        Atomics.notify(this.ctrl, FILL);
        this.worker.unref();
    }
}
