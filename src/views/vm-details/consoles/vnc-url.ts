// The WebSocket URL of a VNC server reached through Cockpit: an external channel of cockpit-ws
// (see lib/external-channel.ts). The bridge of the page's host opens a plain byte stream to
// the VNC port, so this also works for a remote host chosen in Cockpit's host switcher, where
// the VNC port is that host's.
import type { CockpitTransport } from "../../../lib/cockpit-types.ts";
import { externalStreamUrl } from "../../../lib/external-channel.ts";
import type { VncEndpoint } from "../../../libvirt/console-devices.ts";

export function vncChannelUrl(transport: Pick<CockpitTransport, "uri" | "csrf_token" | "host">, endpoint: VncEndpoint): string {
    return externalStreamUrl(transport, endpoint.kind === "tcp"
        ? { address: endpoint.address, port: endpoint.port }
        : { unix: endpoint.socket, superuser: "try" });
}
