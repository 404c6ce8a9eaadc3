// Files between the user's browser and the host (the page only): free space checked with df,
// uploads written through the page's transport, downloads handed to the browser. A download is
// followed until the bridge reads the file: from then on the file may be removed, as the open
// file keeps its data until the bridge has sent it all and closed it.
import { _, format } from "../lib/i18n.ts";
import { CANCELLED_PROBLEM, type HostRunFailure, transports } from "../lib/transports.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { OperationCancelled } from "../libvirt/errors.ts";
import { HostCommandError, runOnHost } from "./host-command.ts";

const asRoot = (conn: ConnectionId): boolean => conn === "system";

function browserFiles() {
    const files = transports().browserFiles;
    if (!files) throw new Error("Files from and to the browser need the page");
    return files;
}

/** The bytes available in `df -B1 --output=avail` output (a header line, then the number). */
export function parseDfAvailable(out: string): number {
    const value = Number(out.trim().split("\n").pop()?.trim());
    if (!Number.isFinite(value)) throw new Error(`df said: ${out}`);
    return value;
}

/** The bytes a file can still take in `directory`'s file system. */
export async function freeBytes(conn: ConnectionId, directory: string): Promise<number> {
    const out = await runOnHost(conn, ["df", "-B1", "--output=avail", "--", directory], { what: format(_("The free space in $0 could not be read"), directory) });
    return parseDfAvailable(out);
}

export interface UploadControl {
    onBytes: (done: number) => void;
    signal?: AbortSignal | undefined;
}

/**
 * Writes the browser's file to `path` on the host (a new file: it is written whole or not at all),
 * as the logged-in user into a directory of theirs (the user's own bridge answers the pings that
 * pace the upload); root reads it from there for the import.
 */
export async function uploadToHost(path: string, file: Blob, control: UploadControl): Promise<void> {
    try {
        await browserFiles().upload(path, file, { superuser: false, onBytes: control.onBytes, signal: control.signal });
    } catch (error) {
        const e: HostRunFailure = typeof error === "object" && error !== null ? error : {};
        if (e.problem === CANCELLED_PROBLEM) throw new OperationCancelled();
        const permission = e.problem === "access-denied" || /permission denied/i.test(e.message ?? "");
        throw new HostCommandError(permission ? `${_("The file could not be uploaded")}: ${_("permission denied. Turn on administrative access.")}` : _("The file could not be uploaded"),
                                   e.message ?? String(error), undefined, permission ? "permission" : "libvirt");
    }
}

/**
 * Whether the host has begun to read `path`: its access time passed its modification time (the
 * first read of a new file moves it under "relatime"), or a process has it open (noatime mounts).
 */
async function readStarted(conn: ConnectionId, path: string): Promise<boolean> {
    const script = 'find "$1" -neweram "$1" | grep -q . || find /proc/[0-9]*/fd -maxdepth 1 -lname "$1" -print -quit 2>/dev/null | grep -q . && echo started; true';
    const out = await runOnHost(conn, ["sh", "-c", script, "sh", path], { what: format(_("$0 could not be checked"), path) });
    return out.trim() === "started";
}

const POLL_MS = 500;
/** The browser asks for the download at once; a minute without it means it was blocked. */
const START_TIMEOUT_MS = 60_000;

/** The browser downloads the host file; resolves once the host serves it (the file may then be removed). */
export async function downloadFromHost(conn: ConnectionId, path: string, name: string, size: number, signal?: AbortSignal): Promise<void> {
    browserFiles().download(path, name, size, { superuser: asRoot(conn) });
    for (const started = Date.now(); !(await readStarted(conn, path));) {
        if (signal?.aborted) throw new OperationCancelled();
        if (Date.now() - started > START_TIMEOUT_MS) {
            throw new HostCommandError(_("The browser did not start the download"), _("Check that the browser allows downloads from this page"), undefined);
        }
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
    }
}
