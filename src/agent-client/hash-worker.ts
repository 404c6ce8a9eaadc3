// A Web Worker (dist/hash-worker.js) that hashes a transfer's pieces in the order they are
// posted, so that the page's main thread only copies them. sha256 is hash-wasm's WebAssembly:
// 10 MiB in 35–44 ms on this 2-core host, against 68–102 ms for JavaScript's @noble/hashes.
import { createSHA256, type IHasher } from "hash-wasm";

import type { HashWorkerReply, HashWorkerRequest } from "./hash-worker-messages.ts";

// The project compiles against the DOM library, not the worker one: the worker scope as used here.
const scope = self as unknown as {
    onmessage: ((event: MessageEvent<HashWorkerRequest>) => void) | null;
    postMessage(message: HashWorkerReply): void;
};

const handle = (hash: IHasher, request: HashWorkerRequest): void => {
    if (request.kind === "update") hash.update(request.bytes);
    else scope.postMessage({ hex: hash.digest("hex") });
};

// Requests that come while the WebAssembly module compiles wait here, in order.
let ready: IHasher | undefined;
const waiting: HashWorkerRequest[] = [];
scope.onmessage = event => {
    if (ready) handle(ready, event.data);
    else waiting.push(event.data);
};
createSHA256().then(hash => {
    ready = hash;
    for (const request of waiting.splice(0)) handle(hash, request);
}, (e: unknown) => {
    // Thrown from a task of its own, it is the worker's error event, which the page reports.
    setTimeout(() => { throw e });
});
