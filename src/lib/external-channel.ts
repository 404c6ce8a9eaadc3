// Cockpit "external channels": a channel of cockpit-ws reached by a WebSocket of its own
// (/cockpit/channel/<csrf token>?<base64 of the channel's open options>) instead of the page's
// shared one. Bytes travel as plain binary WebSocket messages, with no JS framing in
// cockpit.js and no other channel in the same queue: measured here at 80–90 MB/s each way
// against 35–50 MB/s for the same unix socket through cockpit.channel().
import type { CockpitTransport } from "./cockpit-types.ts";

type Transport = Pick<CockpitTransport, "uri" | "csrf_token" | "host">;

/** Open options of a byte stream to a TCP port or unix socket of the page's host. */
export interface ExternalStreamOptions {
    address?: string;
    port?: number;
    unix?: string;
    superuser?: "try" | "require";
}

/** base64 of UTF-8 text (btoa alone only takes Latin-1). */
function base64(textValue: string): string {
    let binary = "";
    for (const byte of new TextEncoder().encode(textValue)) binary += String.fromCharCode(byte);
    return btoa(binary);
}

/** The WebSocket URL of a raw byte stream; the bridge of the page's host opens it (remote hosts too). */
export function externalStreamUrl(transport: Transport, stream: ExternalStreamOptions): string {
    const options: Record<string, string | number> = { payload: "stream", binary: "raw" };
    for (const [key, value] of Object.entries(stream)) {
        if (value !== undefined) options[key] = value as string | number;
    }
    // Without the host, cockpit-ws opens the channel on the machine it runs on.
    if (transport.host) options.host = transport.host;
    return `${transport.uri(`channel/${transport.csrf_token}`)}?${base64(JSON.stringify(options))}`;
}

/**
 * cockpit-ws ends an external channel that failed with WebSocket close code 1001 and the
 * channel's problem code ("not-found", "access-denied", ...) as the reason.
 */
export function externalCloseProblem(code: number, reason: string): string | undefined {
    return code === 1001 && reason !== "" ? reason : undefined;
}

/**
 * How the page must close an external channel: only code 1000 makes cockpit-ws close the
 * channel's socket. Other codes (and none) left the unix socket open on the bridge side
 * (measured with cockpit-ws 287), which for a QEMU channel socket locks out the next client.
 */
export const EXTERNAL_CLOSE_NORMAL = 1000;

/** Open options of a host file served as an HTTP download (Cockpit's fsread1 payload). */
export interface ExternalDownloadOptions {
    path: string;
    /** The name the browser saves it under. */
    name: string;
    /** The file's size: fsread1 refuses files larger than its max_read_size. */
    size: number;
    superuser?: "try" | "require" | undefined;
}

/**
 * The HTTP URL of a host file as a download: cockpit-ws answers a GET of the external channel
 * with the channel's bytes as the body, paced by the bridge's flow control, so the browser
 * writes the file to disk as it comes without the page holding it.
 */
export function externalDownloadUrl(transport: Transport, download: ExternalDownloadOptions): string {
    // RFC 6266: an ASCII fallback and the UTF-8 name.
    const ascii = download.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
    const options: Record<string, unknown> = {
        payload: "fsread1", binary: "raw", path: download.path, max_read_size: download.size,
        external: {
            "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.name)}`,
            "content-type": "application/octet-stream",
        },
    };
    if (download.superuser) options.superuser = download.superuser;
    if (transport.host) options.host = transport.host;
    // The same path as the WebSocket's (url root and host included), over HTTP(S).
    return `${transport.uri(`channel/${transport.csrf_token}`).replace(/^ws/, "http")}?${base64(JSON.stringify(options))}`;
}
