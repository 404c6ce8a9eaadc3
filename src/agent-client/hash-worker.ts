// A Web Worker (dist/hash-worker.js) that hashes a transfer's pieces in the order they are
// posted, so that the page's main thread only copies them: sha256 in JavaScript took ~14 ms
// per MiB of the main thread (measured in the Guest tab), time the transfer itself could use.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

import type { HashWorkerReply, HashWorkerRequest } from "./hash-worker-messages.ts";

// The project compiles against the DOM library, not the worker one: the worker scope as used here.
const scope = self as unknown as {
    onmessage: ((event: MessageEvent<HashWorkerRequest>) => void) | null;
    postMessage(message: HashWorkerReply): void;
};

const hash = sha256.create();
scope.onmessage = event => {
    if (event.data.kind === "update") hash.update(event.data.bytes);
    else scope.postMessage({ hex: bytesToHex(hash.digest()) });
};
