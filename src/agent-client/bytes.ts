// sha256 that can be fed piece by piece (Web Crypto hashes only whole buffers, and only in
// secure contexts), so a transfer never needs the whole file in one buffer. In a browser the
// hashing runs in a Web Worker (hash-worker.ts); elsewhere (unit tests in Node) in line.
import { createSHA256, type IHasher } from "hash-wasm";

import { _, format } from "../lib/i18n.ts";
import type { HashWorkerReply, HashWorkerRequest } from "./hash-worker-messages.ts";

export interface Sha256 {
    /** bytes may be reused by the caller once this returns. */
    update(bytes: Uint8Array): void;
    /** The digest of everything fed so far; the hash is finished afterwards. */
    hex(): Promise<string>;
    /** Stops a hash that will not be finished (a failed transfer). */
    dispose(): void;
}

/** The worker's script, beside index.html (build.js makes it an entry point of its own). */
const WORKER_URL = "hash-worker.js";

function inlineSha256(): Sha256 {
    let hashing: Promise<IHasher> = createSHA256();
    return {
        update: bytes => {
            const copy = bytes.slice(); // the caller may reuse its buffer before the hasher is ready
            hashing = hashing.then(hash => hash.update(copy));
        },
        hex: async () => (await hashing).digest("hex"),
        dispose: () => undefined,
    };
}

function workerFailed(detail: string): Error {
    return new Error(format(_("The page could not check the transfer: its hashing worker failed ($0)."), detail));
}

function workerSha256(): Sha256 {
    const worker = new Worker(WORKER_URL, { type: "module" });
    let failure: Error | undefined;
    worker.addEventListener("error", event => {
        failure = workerFailed(event.message || WORKER_URL);
    });
    const post = (request: HashWorkerRequest): void => worker.postMessage(request);
    return {
        // Posting copies the bytes (structured clone): the caller keeps its buffer.
        update: bytes => post({ kind: "update", bytes }),
        hex: () => new Promise<string>((resolve, reject) => {
            const fail = (): void => {
                worker.terminate();
                reject(failure ?? workerFailed(WORKER_URL));
            };
            if (failure) return fail();
            worker.addEventListener("message", (event: MessageEvent<HashWorkerReply>) => {
                worker.terminate();
                resolve(event.data.hex);
            }, { once: true });
            worker.addEventListener("error", fail, { once: true });
            post({ kind: "digest" });
        }),
        dispose: () => worker.terminate(),
    };
}

export function sha256Stream(): Sha256 {
    return typeof Worker === "undefined" ? inlineSha256() : workerSha256();
}
