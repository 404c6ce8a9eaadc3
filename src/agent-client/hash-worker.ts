// A Web Worker (dist/hash-worker.js) that hashes a transfer's pieces in the order they are
// posted, so that the page's main thread only copies them. sha256 is hash-wasm's WebAssembly:
// JavaScript sha256 (@noble/hashes) took ~35 ms per MiB of this worker in a Guest tab download
// on a 2-core host, the largest cost of the page; WebAssembly takes about a third of that.
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
