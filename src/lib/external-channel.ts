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
