// The WebSocket URL of a VNC server reached through Cockpit: an "external channel" of
// cockpit-ws (/cockpit/channel/<csrf token>?<base64 of the channel's open options>). The
// bridge of the page's host opens a plain byte stream to the VNC port, so this also works
// for a remote host chosen in Cockpit's host switcher, where the VNC port is that host's.
import type { CockpitTransport } from "../../../lib/cockpit-types.ts";
import type { VncEndpoint } from "../../../libvirt/console-devices.ts";

type Transport = Pick<CockpitTransport, "uri" | "csrf_token" | "host">;

/** base64 of UTF-8 text (btoa alone only takes Latin-1). */
function base64(textValue: string): string {
    let binary = "";
    for (const byte of new TextEncoder().encode(textValue)) binary += String.fromCharCode(byte);
    return btoa(binary);
}

export function vncChannelUrl(transport: Transport, endpoint: VncEndpoint): string {
    const options: Record<string, string | number> = {
        payload: "stream",
        binary: "raw",
        ...(endpoint.kind === "tcp" ? { address: endpoint.address, port: endpoint.port } : { unix: endpoint.socket, superuser: "try" }),
    };
    // Without the host, cockpit-ws opens the channel on the machine it runs on.
    if (transport.host) options.host = transport.host;
    return `${transport.uri(`channel/${transport.csrf_token}`)}?${base64(JSON.stringify(options))}`;
}
