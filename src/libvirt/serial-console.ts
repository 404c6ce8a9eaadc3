// A VM's serial console as a byte stream: `virsh console` on a pty, spawned by the Cockpit
// bridge of the host the page is opened for. libvirt-dbus has no OpenConsole call.
import { cockpit } from "../lib/cockpit.ts";
import type { Channel } from "../lib/cockpit-types.ts";
import type { ConnectionId } from "./connection.ts";
import { serialConsoleArgv } from "./console-devices.ts";

export function openSerialConsole(connection: ConnectionId, uuid: string, size: { rows: number; cols: number }, alias?: string): Channel<Uint8Array> {
    return cockpit.channel({
        payload: "stream",
        spawn: serialConsoleArgv(connection, uuid, alias),
        pty: true,
        binary: true,
        err: "out",
        environ: ["TERM=xterm-256color", "LC_ALL=C.UTF-8"],
        window: size,
        ...(connection === "system" ? { superuser: "try" as const } : {}),
    });
}
