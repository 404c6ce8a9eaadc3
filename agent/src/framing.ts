/*
 * Framing: splits a byte stream into "\n"-terminated lines with a hard
 * per-line limit, and into the data bytes a line announces (see protocol.ts,
 * "Data bytes"). An over-long line is reported once, as soon as it crosses
 * the limit, and the rest of it is dropped as it arrives: memory use stays
 * bounded by the limit whatever the peer sends.
 */
import type { RequestId } from "./protocol.ts";

export type FrameEvent =
    | { kind: "line"; text: string }
    /** head: the first bytes of the over-long line, to find its id in. */
    | { kind: "oversized"; head: string }
    /** The bytes announced by expectData(n, true), once all n have arrived. */
    | { kind: "data"; bytes: Buffer };

const HEAD_BYTES = 1024;
const NEWLINE = 0x0a;

export class FrameDecoder {
    private parts: Buffer[] = [];
    private size = 0;
    private discarding = false;
    /** Data bytes still to come after a line; kept in `data` unless it is being skipped. */
    private dataLeft = 0;
    private data: Buffer | undefined;
    private dataFilled = 0;

    constructor(private readonly maxLineBytes: number) {}

    /** Bytes of the current partial line held in memory (never above maxLineBytes). */
    get buffered(): number {
        return this.size;
    }

    /** True while announced data bytes are still to come. */
    get awaitingData(): boolean {
        return this.dataLeft > 0;
    }

    /**
     * Called right after a "line" event: the next n bytes are that line's data, delivered
     * as one "data" event (keep) or dropped as they arrive (!keep, e.g. over a limit).
     */
    expectData(n: number, keep: boolean): void {
        this.dataLeft = n;
        this.dataFilled = 0;
        this.data = keep ? Buffer.allocUnsafe(n) : undefined;
        if (n === 0 && keep) this.data = Buffer.alloc(0);
    }

    /** Lazily: the consumer may call expectData() between two events of the same chunk. */
    *push(chunk: Uint8Array): Generator<FrameEvent> {
        const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        let start = 0;
        for (;;) {
            if (this.data !== undefined && this.dataLeft === 0) {
                const bytes = this.data;
                this.data = undefined;
                yield { kind: "data", bytes };
                continue;
            }
            if (start >= buf.length) return;
            if (this.dataLeft > 0) {
                const n = Math.min(this.dataLeft, buf.length - start);
                if (this.data !== undefined) buf.copy(this.data, this.dataFilled, start, start + n);
                this.dataFilled += n;
                this.dataLeft -= n;
                start += n;
                continue;
            }
            const nl = buf.indexOf(NEWLINE, start);
            const end = nl === -1 ? buf.length : nl;
            if (this.discarding) {
                if (nl === -1) return;
                this.discarding = false;
                start = nl + 1;
                continue;
            }
            const piece = buf.subarray(start, end);
            if (this.size + piece.length > this.maxLineBytes) {
                // Buffer.concat with a total length copies only the head, not the whole line.
                const headLen = Math.min(HEAD_BYTES, this.size + piece.length);
                const head = Buffer.concat([...this.parts, piece], headLen).toString("utf8");
                this.clearLine();
                if (nl === -1) this.discarding = true;
                start = nl === -1 ? buf.length : nl + 1;
                yield { kind: "oversized", head };
                continue;
            }
            if (nl === -1) {
                // Copy: the caller may reuse its read buffer.
                this.parts.push(Buffer.from(piece));
                this.size += piece.length;
                return;
            }
            const line = this.parts.length === 0 ? piece : Buffer.concat([...this.parts, piece]);
            this.clearLine();
            start = nl + 1;
            const text = line.toString("utf8");
            if (text.trim() !== "") yield { kind: "line", text: text.endsWith("\r") ? text.slice(0, -1) : text };
        }
    }

    /** Forget any partial line or data (a new peer is on the other end, or the data stalled). */
    reset(): void {
        this.clearLine();
        this.discarding = false;
        this.dataLeft = 0;
        this.data = undefined;
    }

    private clearLine(): void {
        this.parts = [];
        this.size = 0;
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
