// Host facts libvirt does not give: what is at a path (libvirt does not check a path given
// for a shut-off VM, so the disk dialogs ask the host first) and the host's ARP table.
import { cockpit } from "../lib/cockpit.ts";

import { parseArpTable } from "./arp-table.ts";
import type { ConnectionId } from "./connection.ts";
import type { GuestInterfaceAddresses } from "./device-api.ts";

export type HostPathKind = "file" | "block" | "other" | "missing" | "denied";

export async function hostPathKind(conn: ConnectionId, path: string): Promise<HostPathKind> {
    try {
        const out = await cockpit.spawn(["stat", "-L", "-c", "%F", "--", path],
                                        { ...(conn === "system" ? { superuser: "try" as const } : {}), err: "message" });
        const kind = out.trim();
        if (kind.startsWith("regular")) return "file";
        if (kind === "block special file") return "block";
        return "other";
    } catch (error) {
        // cockpit.spawn rejects with an object carrying stderr as `message` (err: "message").
        const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
        return /permission denied/i.test(message) ? "denied" : "missing";
    }
}

/** The host's ARP table by guest MAC (see arp-table.ts for why libvirt's is not used). */
export async function hostArpTable(): Promise<GuestInterfaceAddresses[]> {
    const file = cockpit.file("/proc/net/arp");
    try {
        return parseArpTable(await file.read() ?? "");
    } finally {
        file.close();
    }
}
