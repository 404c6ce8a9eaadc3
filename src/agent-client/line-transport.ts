// A byte stream to the agent's socket through a Cockpit external channel (a WebSocket of its
// own, see lib/external-channel.ts), cut into lines and data.
import { cockpit } from "../lib/cockpit.ts";
import { EXTERNAL_CLOSE_NORMAL, externalCloseProblem, externalStreamUrl } from "../lib/external-channel.ts";
import { AgentClient } from "./agent-client.ts";
import { FrameSplitter, type LineHandlers, type LineTransport } from "./line-types.ts";

/** Connects to the agent behind a VM's channel socket (the host side of the virtio-serial port). */
export function connectAgent(socketPath: string): Promise<AgentClient> {
    return AgentClient.connectWith(handlers => openUnixLines(socketPath, handlers));
}

/**
 * Opens the stream at once; what is sent before it is open is queued here. File transfers are
 * why this is not a cockpit.channel(): on the page's shared WebSocket the same socket gave
 * half the throughput, and a transfer held up every other channel of the page meanwhile.
 */
export function openUnixLines(socketPath: string, handlers: LineHandlers): LineTransport {
    const encoder = new TextEncoder();
    const splitter = new FrameSplitter(handlers);
    const queued: Uint8Array[] = [];
    let socket: WebSocket | undefined;
    let closed = false;

    // Leaving the page (another Cockpit page, reload, closed tab) closes the WebSocket with
    // 1001, which cockpit-ws 287 does not pass on: the socket stayed connected, and QEMU,
    // serving one client, refused every later one. So close it ourselves first, with 1000.
    const onPageHide = (): void => socket?.close(EXTERNAL_CLOSE_NORMAL);
    window.addEventListener("pagehide", onPageHide);
    const ended = (problem: string | undefined, message: string | undefined): void => {
        window.removeEventListener("pagehide", onPageHide);
        if (closed) return;
        closed = true;
        handlers.onClose(problem, message);
    };

    cockpit.transport.wait(() => {
        if (closed) return;
        const ws = new WebSocket(externalStreamUrl(cockpit.transport, { unix: socketPath, superuser: "require" }), "binary");
        ws.binaryType = "arraybuffer";
        ws.addEventListener("open", () => {
            // Closed while connecting: only now can the close that frees the socket be sent.
            if (closed) ws.close(EXTERNAL_CLOSE_NORMAL);
            else for (const bytes of queued.splice(0)) ws.send(bytes);
        });
        ws.addEventListener("message", (event: MessageEvent<ArrayBuffer | string>) => {
            splitter.push(typeof event.data === "string" ? encoder.encode(event.data) : new Uint8Array(event.data));
        });
        ws.addEventListener("close", event => {
            const problem = externalCloseProblem(event.code, event.reason);
            ended(problem ?? (event.code === EXTERNAL_CLOSE_NORMAL ? undefined : "disconnected"), problem);
        });
        socket = ws;
    });

    const send = (bytes: Uint8Array): void => {
        if (socket?.readyState === WebSocket.OPEN) socket.send(bytes);
        else queued.push(bytes);
    };
    return {
        send: (line, data) => {
            if (closed) return;
            send(encoder.encode(line));
            if (data !== undefined && data.length > 0) send(data);
        },
        close: () => {
            if (closed) return;
            closed = true;
            window.removeEventListener("pagehide", onPageHide);
            queued.length = 0;
            if (socket?.readyState === WebSocket.OPEN) socket.close(EXTERNAL_CLOSE_NORMAL);
            handlers.onClose(undefined, undefined);
        },
    };
}
