// The transport the agent client runs over, and the splitter that cuts its bytes into lines
// and the data bytes a line announces (see "Data bytes" in agent/src/protocol.ts).
export interface LineTransport {
    /** One line, and the data bytes that belong to it right after. */
    send(line: string, data?: Uint8Array): void;
    close(): void;
}

export interface LineHandlers {
    /** One line; returns how many data bytes follow it (0: none). */
    onLine(line: string): number;
    /** The data bytes announced by the previous line, all of them, in a buffer of their own. */
    onData(bytes: Uint8Array<ArrayBuffer>): void;
    /** The channel closed (by us, the bridge or the socket); problem is Cockpit's code, if any. */
    onClose(problem: string | undefined, message: string | undefined): void;
}

/** Longest line we keep; anything beyond is a broken peer and is dropped up to its newline. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 0x0a;

function concat(parts: Uint8Array[], size: number): Uint8Array {
    if (parts.length === 1 && parts[0]) return parts[0];
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}

/** Feeds bytes in; calls onLine per line and onData per announced data part. */
export class FrameSplitter {
    private parts: Uint8Array[] = [];
    private size = 0;
    private discarding = false;
    private data: Uint8Array<ArrayBuffer> | undefined;
    private filled = 0;
    private readonly decoder = new TextDecoder();

    constructor(private readonly handlers: Pick<LineHandlers, "onLine" | "onData">) {}

    push(chunk: Uint8Array): void {
        let start = 0;
        while (start < chunk.length) {
            if (this.data) {
                const n = Math.min(this.data.length - this.filled, chunk.length - start);
                this.data.set(chunk.subarray(start, start + n), this.filled);
                this.filled += n;
                start += n;
                if (this.filled === this.data.length) {
                    const bytes = this.data;
                    this.data = undefined;
                    this.handlers.onData(bytes);
                }
                continue;
            }
            const nl = chunk.indexOf(NEWLINE, start);
            if (nl === -1) {
                if (!this.discarding) {
                    this.parts.push(chunk.slice(start));
                    this.size += chunk.length - start;
                    if (this.size > MAX_LINE_BYTES) this.dropLine(true);
                }
                return;
            }
            const piece = chunk.subarray(start, nl);
            start = nl + 1;
            if (this.discarding) {
                this.dropLine(false);
                continue;
            }
            const bytes = this.parts.length === 0 ? piece : concat([...this.parts, piece], this.size + piece.length);
            this.dropLine(false);
            const text = this.decoder.decode(bytes);
            const line = text.endsWith("\r") ? text.slice(0, -1) : text;
            if (line.trim() === "") continue;
            const n = this.handlers.onLine(line);
            if (n > 0) {
                this.data = new Uint8Array(n);
                this.filled = 0;
            }
        }
    }

    private dropLine(discarding: boolean): void {
        this.parts = [];
        this.size = 0;
        this.discarding = discarding;
    }
}
