/*
 * Line framing: splits a byte stream into "\n"-terminated lines with a hard
 * per-line limit. An over-long line is reported once, as soon as it crosses
 * the limit, and the rest of it is dropped as it arrives: memory use stays
 * bounded by the limit whatever the peer sends.
 */
import type { RequestId } from "./protocol.ts";

export type FrameEvent =
    | { kind: "line"; text: string }
    /** head: the first bytes of the over-long line, to find its id in. */
    | { kind: "oversized"; head: string };

const HEAD_BYTES = 1024;
const NEWLINE = 0x0a;

export class LineDecoder {
    private parts: Buffer[] = [];
    private size = 0;
    private discarding = false;

    constructor(private readonly maxLineBytes: number) {}

    /** Bytes of the current partial line held in memory (never above maxLineBytes). */
    get buffered(): number {
        return this.size;
    }

    push(chunk: Uint8Array): FrameEvent[] {
        const events: FrameEvent[] = [];
        const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        let start = 0;
        while (start < buf.length) {
            const nl = buf.indexOf(NEWLINE, start);
            const end = nl === -1 ? buf.length : nl;
            if (this.discarding) {
                if (nl === -1) break;
                this.discarding = false;
                start = nl + 1;
                continue;
            }
            const piece = buf.subarray(start, end);
            if (this.size + piece.length > this.maxLineBytes) {
                // Buffer.concat with a total length copies only the head, not the whole line.
                const headLen = Math.min(HEAD_BYTES, this.size + piece.length);
                events.push({ kind: "oversized", head: Buffer.concat([...this.parts, piece], headLen).toString("utf8") });
                this.reset();
                if (nl === -1) {
                    this.discarding = true;
                    break;
                }
                start = nl + 1;
                continue;
            }
            if (nl === -1) {
                // Copy: the caller may reuse its read buffer.
                this.parts.push(Buffer.from(piece));
                this.size += piece.length;
                break;
            }
            const line = this.parts.length === 0 ? piece : Buffer.concat([...this.parts, piece]);
            this.parts = [];
            this.size = 0;
            const text = line.toString("utf8");
            if (text.trim() !== "") events.push({ kind: "line", text: text.endsWith("\r") ? text.slice(0, -1) : text });
            start = nl + 1;
        }
        return events;
    }

    /** Forget any partial line (a new peer is on the other end). */
    reset(): void {
        this.parts = [];
        this.size = 0;
        this.discarding = false;
    }
}

/** One message as a line. JSON.stringify escapes control characters, so the only "\n" is the terminator. */
export function encodeMessage(message: unknown): string {
    return `${JSON.stringify(message)}\n`;
}

function skipWs(s: string, i: number): number {
    while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === "\r" || s[i] === "\n")) i++;
    return i;
}

/** Index of the closing quote of the string starting at i, or -1 if it does not end in s. */
function stringEnd(s: string, i: number): number {
    for (let j = i + 1; j < s.length; j++) {
        if (s[j] === "\\") j++;
        else if (s[j] === "\"") return j;
    }
    return -1;
}

/**
 * Best effort: the top-level "id" of a request from the beginning of its text,
 * so an over-long request can still be answered under its own id.
 */
export function sniffId(head: string): RequestId | null {
    let depth = 0;
    let i = skipWs(head, 0);
    if (head[i] !== "{") return null;
    while (i < head.length) {
        const c = head[i];
        if (c === "\"") {
            const end = stringEnd(head, i);
            if (end < 0) return null;
            const isKey = head[skipWs(head, end + 1)] === ":";
            if (depth === 1 && isKey && head.slice(i, end + 1) === "\"id\"") return idValue(head, skipWs(head, skipWs(head, end + 1) + 1));
            i = end + 1;
            continue;
        }
        if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") depth--;
        i++;
    }
    return null;
}

function idValue(s: string, i: number): RequestId | null {
    if (s[i] === "\"") {
        const end = stringEnd(s, i);
        if (end < 0) return null;
        try {
            return JSON.parse(s.slice(i, end + 1)) as string;
        } catch {
            return null;
        }
    }
    const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(i, i + 40));
    if (!m) return null;
    // The number must be followed by a delimiter, or the head may have cut it short.
    const after = s[i + m[0].length];
    if (after === undefined || !/[\s,}]/.test(after)) return null;
    const n = Number(m[0]);
    return Number.isFinite(n) ? n : null;
}
