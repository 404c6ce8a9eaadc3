// Files between the user's browser and the page's host, through Cockpit's own channels. Upload:
// the fsreplace1 channel, which writes a temporary file and renames it on "done" (so a cancel or
// a lost connection leaves nothing); the bytes are read from the Blob piece by piece and at most
// WINDOW bytes are in flight, counted by the bridge's "pong" answers to our "ping"s, so a large
// file never sits in the page's or cockpit-ws's memory. cockpit.js swallows every "pong" in its
// transport, so a transport filter hands them to the uploads. Download: an external channel URL (see
// external-channel.ts) the browser saves by itself.
import { cockpit } from "./cockpit.ts";
import { externalDownloadUrl } from "./external-channel.ts";
import { type BrowserFiles, CANCELLED_PROBLEM, HostRunError, type UploadOptions } from "./transports.ts";

/** Read from the Blob and acknowledged (one "ping") at a time. */
const SLICE = 1024 * 1024;
/** Per WebSocket message: cockpit-ws 287 drops the connection for frames over 128 KiB; cockpit.js sends 64 KiB too. */
const MESSAGE = 64 * 1024;
const WINDOW = 4 * 1024 * 1024;

/** Channel id → what its "pong"s tell (the bytes the bridge has written). */
const pongHandlers = new Map<string, (sequence: number) => void>();
let pongFilter = false;

function onPong(channelId: string, handler: (sequence: number) => void): () => void {
    if (!pongFilter) {
        // A filter cannot be removed again: one for all uploads.
        cockpit.transport.filter((_data, channel, control) => {
            if (channel === "" && control?.command === "pong" && typeof control.channel === "string" && typeof control.sequence === "number") {
                pongHandlers.get(control.channel)?.(control.sequence);
            }
            return true;
        });
        pongFilter = true;
    }
    pongHandlers.set(channelId, handler);
    return () => pongHandlers.delete(channelId);
}

function upload(path: string, source: Blob, options: UploadOptions): Promise<void> {
    return new Promise((resolve, reject) => {
        const { signal } = options;
        if (signal?.aborted) {
            reject(new HostRunError("", CANCELLED_PROBLEM, null));
            return;
        }
        const channel = cockpit.channel({ payload: "fsreplace1", path, binary: true, ...(options.superuser ? { superuser: "try" } : {}) });
        let written = 0;
        let closed = false;
        // A function: the loop below must read the flag the close handler sets meanwhile.
        const isClosed = (): boolean => closed;
        let wake: (() => void) | undefined;
        const cancel = (): void => channel.close(CANCELLED_PROBLEM);
        signal?.addEventListener("abort", cancel);
        let stopPongs = (): void => undefined;
        const pong = (sequence: number): void => {
            written = sequence;
            options.onBytes(written);
            wake?.();
        };
        channel.addEventListener("close", (_event, end) => {
            closed = true;
            stopPongs();
            wake?.();
            signal?.removeEventListener("abort", cancel);
            if (end.problem) reject(new HostRunError(end.message ?? end.problem, end.problem, null));
            else resolve();
        });

        const pump = async (): Promise<void> => {
            // The channel's id is known once it is open.
            await channel.wait();
            if (channel.id && !isClosed()) stopPongs = onPong(channel.id, pong);
            for (let offset = 0; offset < source.size && !isClosed();) {
                if (offset - written > WINDOW) {
                    await new Promise<void>(woken => { wake = woken });
                    continue;
                }
                const bytes = new Uint8Array(await source.slice(offset, offset + SLICE).arrayBuffer());
                if (isClosed()) return;
                for (let i = 0; i < bytes.length; i += MESSAGE) channel.send(bytes.subarray(i, i + MESSAGE));
                offset += bytes.length;
                channel.control({ command: "ping", sequence: offset });
            }
            if (!isClosed()) channel.control({ command: "done" });
        };
        pump().catch((error: unknown) => {
            // The file could not be read any more (removed or changed on the user's computer).
            channel.close({ problem: "internal-error", message: error instanceof Error ? error.message : String(error) });
        });
    });
}

function download(path: string, name: string, size: number, options: { superuser?: boolean }): void {
    const link = document.createElement("a");
    link.href = externalDownloadUrl(cockpit.transport, { path, name, size, superuser: options.superuser ? "try" : undefined });
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
}

export const cockpitBrowserFiles: BrowserFiles = { upload, download };
