// The line-based transport the agent client runs over, and the splitter that makes lines.
export interface LineTransport {
    send(line: string): void;
    close(): void;
}

export interface LineHandlers {
    onLine(line: string): void;
    /** The channel closed (by us, the bridge or the socket); problem is Cockpit's code, if any. */
    onClose(problem: string | undefined, message: string | undefined): void;
}

/** Longest line we keep; anything beyond is a broken peer. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Splits decoded text into lines; keeps the unterminated rest. */
export class LineSplitter {
    private rest = "";

    push(text: string): string[] {
        const parts = (this.rest + text).split("\n");
        this.rest = parts.pop() ?? "";
        if (this.rest.length > MAX_LINE_CHARS) this.rest = "";
        return parts.map(p => (p.endsWith("\r") ? p.slice(0, -1) : p)).filter(p => p.trim() !== "");
    }
}
