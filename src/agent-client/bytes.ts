// sha256 that can be fed piece by piece (Web Crypto hashes only whole buffers, and only in
// secure contexts), so a transfer never needs the whole file in one buffer.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

export interface Sha256 {
    update(bytes: Uint8Array): void;
    hex(): string;
}

export function sha256Stream(): Sha256 {
    const hash = sha256.create();
    return {
        update: bytes => { hash.update(bytes) },
        hex: () => bytesToHex(hash.digest()),
    };
}
