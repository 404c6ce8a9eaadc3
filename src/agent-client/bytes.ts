// base64 and sha256 of byte arrays in the browser (Web Crypto).
import { _ } from "../lib/i18n.ts";

import { AgentError } from "./agent-errors.ts";

export function toBase64(bytes: Uint8Array): string {
    let binary = "";
    const step = 0x8000;
    for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
    return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
}

export async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
    // crypto.subtle exists only in secure contexts (https, or http on localhost).
    const subtle: SubtleCrypto | undefined = (globalThis.crypto as Crypto | undefined)?.subtle;
    if (!subtle) throw new AgentError("checksum", _("File transfers need a secure connection to Cockpit (https) to check the data."));
    const digest = await subtle.digest("SHA-256", data);
    return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, "0")).join("");
}
