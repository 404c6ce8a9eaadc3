// Directory listings of the host (through the page's or kvmm's host runner), and path helpers.
import { type DirEntry, ListDirectoryError, transports } from "../lib/transports.ts";

export { type DirEntry, ListDirectoryError };

/** The entries of an absolute directory path; rejects with a ListDirectoryError. */
export function listDirectory(path: string, superuser: boolean): Promise<DirEntry[]> {
    return transports().host.listDirectory(path, { superuser });
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
