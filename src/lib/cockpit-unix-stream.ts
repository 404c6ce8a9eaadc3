// A byte stream to a unix socket of the page's host through a Cockpit external channel (a
// WebSocket of its own, see external-channel.ts). Not a cockpit.channel(): on the page's shared
// WebSocket the same socket gave half the throughput, and a long transfer held up every other
// channel of the page meanwhile.
import { cockpit } from "./cockpit.ts";
import { EXTERNAL_CLOSE_NORMAL, externalCloseProblem, externalStreamUrl } from "./external-channel.ts";
import type { ByteStream, ByteStreamHandlers } from "./transports.ts";

/** Opens the stream at once; what is sent before it is open is queued here. */
export function cockpitUnixStream(path: string, handlers: ByteStreamHandlers): ByteStream {
    const encoder = new TextEncoder();
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
        const ws = new WebSocket(externalStreamUrl(cockpit.transport, { unix: path, superuser: "require" }), "binary");
        ws.binaryType = "arraybuffer";
        ws.addEventListener("open", () => {
            // Closed while connecting: only now can the close that frees the socket be sent.
            if (closed) ws.close(EXTERNAL_CLOSE_NORMAL);
            else for (const bytes of queued.splice(0)) ws.send(bytes);
        });
        ws.addEventListener("message", (event: MessageEvent<ArrayBuffer | string>) => {
            handlers.onData(typeof event.data === "string" ? encoder.encode(event.data) : new Uint8Array(event.data));
        });
        ws.addEventListener("close", event => {
            const problem = externalCloseProblem(event.code, event.reason);
            ended(problem ?? (event.code === EXTERNAL_CLOSE_NORMAL ? undefined : "disconnected"), problem);
        });
        socket = ws;
    });

    return {
        send: bytes => {
            if (closed) return;
            if (socket?.readyState === WebSocket.OPEN) socket.send(bytes);
            else queued.push(bytes);
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
