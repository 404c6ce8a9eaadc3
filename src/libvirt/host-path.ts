// What is at a host path: libvirt does not check a path given for a shut-off VM, so the disk
// dialogs ask the host before attaching it.
import { cockpit } from "../lib/cockpit.ts";

import type { ConnectionId } from "./connection.ts";

export type HostPathKind = "file" | "block" | "other" | "missing";

export async function hostPathKind(conn: ConnectionId, path: string): Promise<HostPathKind> {
    try {
        const out = await cockpit.spawn(["stat", "-L", "-c", "%F", "--", path],
                                        { ...(conn === "system" ? { superuser: "try" as const } : {}), err: "message" });
        const kind = out.trim();
        if (kind.startsWith("regular")) return "file";
        if (kind === "block special file") return "block";
        return "other";
    } catch {
        return "missing";
    }
}
