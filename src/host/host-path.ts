// Host facts libvirt does not give: what is at a path (libvirt does not check a path given
// for a shut-off VM, so the disk dialogs ask the host first) and the host's ARP table.
import { _, format } from "../lib/i18n.ts";
import { transports } from "../lib/transports.ts";
import { parseArpTable } from "../libvirt/arp-table.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import type { GuestInterfaceAddresses } from "../libvirt/device-api.ts";
import { invalidInput } from "../libvirt/errors.ts";

export type HostPathKind = "file" | "block" | "directory" | "other" | "missing" | "denied";

export async function hostPathKind(conn: ConnectionId, path: string): Promise<HostPathKind> {
    try {
        const out = await transports().host.run(["stat", "-L", "-c", "%F", "--", path], { superuser: conn === "system" });
        const kind = out.trim();
        if (kind.startsWith("regular")) return "file";
        if (kind === "block special file") return "block";
        if (kind === "directory") return "directory";
        return "other";
    } catch (error) {
        // The runner rejects with the command's standard error as `message`.
        const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
        return /permission denied/i.test(message) ? "denied" : "missing";
    }
}

/** The host's ARP table by guest MAC (see arp-table.ts for why libvirt's is not used). */
export async function hostArpTable(): Promise<GuestInterfaceAddresses[]> {
    return parseArpTable(await transports().host.readFile("/proc/net/arp", {}) ?? "");
}

/** Refused in the user's words unless the file exists and can be read (an ISO before anything is made). */
export async function checkReadableFile(conn: ConnectionId, path: string): Promise<void> {
    try {
        await transports().host.run(["test", "-f", path, "-a", "-r", path], { superuser: conn === "system" });
    } catch {
        throw invalidInput(format(_("$0 does not exist or cannot be read."), path));
    }
}

/** Removes a file libvirt does not know (an image outside every storage pool). */
export function removeHostFile(conn: ConnectionId, path: string): Promise<void> {
    return transports().host.removeFile(path, { superuser: conn === "system" });
}

/** The home directory of the user the page or kvmm runs as (session VMs keep their files there). */
export function userHome(): Promise<string> {
    return transports().host.userHome();
}
