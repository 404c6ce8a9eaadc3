// Directory listings of the host through Cockpit's fslist1 channel (cockpit.file reads files
// but cannot list a directory).
import { cockpit } from "./cockpit.ts";

export interface DirEntry {
    name: string;
    /** As the bridge reports it: "file", "directory", "link" or "special". */
    type: string;
}

interface FslistMessage {
    event?: string;
    path?: string;
    type?: string;
}

/** A listing the bridge refused: `problem` is its code ("not-found", "access-denied", …). */
export class ListDirectoryError extends Error {
    constructor(readonly problem: string, message: string | undefined) {
        super(message ?? problem);
    }
}

/** The entries of an absolute directory path; rejects with a ListDirectoryError. */
export function listDirectory(path: string, superuser: boolean): Promise<DirEntry[]> {
    return new Promise((resolve, reject) => {
        const entries: DirEntry[] = [];
        const channel = cockpit.channel({ payload: "fslist1", path, watch: false, ...(superuser ? { superuser: "try" as const } : {}) });
        channel.addEventListener("message", (_event, data) => {
            const message = JSON.parse(data) as FslistMessage;
            if (message.event === "present" && message.path) entries.push({ name: message.path, type: message.type ?? "" });
        });
        channel.addEventListener("close", (_event, options) => {
            if (options.problem) reject(new ListDirectoryError(options.problem, options.message));
            else resolve(entries);
        });
    });
}

/** The directory holding `path` ("/" for "/" itself). */
export function parentDirectory(path: string): string {
    const trimmed = path.replace(/\/+$/, "");
    const cut = trimmed.lastIndexOf("/");
    return cut <= 0 ? "/" : trimmed.slice(0, cut);
}

export function joinPath(directory: string, name: string): string {
    return directory.endsWith("/") ? directory + name : `${directory}/${name}`;
}
