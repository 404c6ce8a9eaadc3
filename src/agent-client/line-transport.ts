// A byte stream to the agent's socket through a Cockpit channel, cut into lines.
import { cockpit } from "../lib/cockpit.ts";
import type { Channel, ChannelCloseOptions } from "../lib/cockpit-types.ts";

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

/** Opens the channel at once; data sent before it is ready is queued by cockpit.js. */
export function openUnixLines(socketPath: string, handlers: LineHandlers): LineTransport {
    const channel: Channel<Uint8Array> = cockpit.channel({ payload: "stream", unix: socketPath, superuser: "require", binary: true });
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    const splitter = new LineSplitter();
    let closed = false;
    channel.addEventListener("message", (_event, data: Uint8Array) => {
        for (const line of splitter.push(decoder.decode(data, { stream: true }))) handlers.onLine(line);
    });
    channel.addEventListener("close", (_event, options: ChannelCloseOptions) => {
        if (closed) return;
        closed = true;
        handlers.onClose(options.problem, options.message);
    });
    return {
        send: line => {
            if (!closed) channel.send(encoder.encode(line));
        },
        close: () => {
            if (closed) return;
            closed = true;
            channel.close();
            handlers.onClose(undefined, undefined);
        },
    };
}
