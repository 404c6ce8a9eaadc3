// Paths in the guest as the file browser handles them: always absolute, "/" separated,
// without a trailing slash (except "/" itself).
import type { DirEntry } from "../../../../../agent/src/protocol.ts";
import { _ } from "../../../../lib/i18n.ts";

/** A directory the user typed, tidied; null when it is not an absolute path. */
export function normalizeDir(input: string): string | null {
    const trimmed = input.trim();
    if (!trimmed.startsWith("/")) return null;
    const parts = trimmed.split("/").filter(p => p !== "" && p !== ".");
    const out: string[] = [];
    for (const p of parts) {
        if (p === "..") out.pop();
        else out.push(p);
    }
    return `/${out.join("/")}`;
}

export function joinPath(dir: string, name: string): string {
    return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

/** The directory above `path`; null for "/". */
export function parentPath(path: string): string | null {
    if (path === "/") return null;
    const cut = path.lastIndexOf("/");
    return cut <= 0 ? "/" : path.slice(0, cut);
}

/** Whether the agent's allowed directories take in `path` (the agent decides; this only spares a refused request). */
export function isAllowed(path: string, allowed: readonly string[]): boolean {
    return allowed.some(dir => {
        const d = normalizeDir(dir);
        return d === "/" || path === d || path.startsWith(`${d}/`);
    });
}

/** Folders first, then by name as people sort them ("file2" before "file10"). */
export function sortEntries(entries: readonly DirEntry[]): DirEntry[] {
    const rank = (e: DirEntry): number => (e.type === "directory" ? 0 : 1);
    return [...entries].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, undefined, { numeric: true }));
}

/** The names among `names` that the listing already holds. */
export function existingNames(names: readonly string[], entries: readonly DirEntry[]): string[] {
    const present = new Set(entries.map(e => e.name));
    return names.filter(n => present.has(n));
}

const MAX_NAME_BYTES = 255;

/** Why `name` cannot name a new folder, or null when it can. */
export function folderNameProblem(name: string): string | null {
    if (name.trim() === "") return _("Enter a name.");
    if (name.includes("/")) return _("A name cannot contain \"/\".");
    if (name === "." || name === "..") return _("\".\" and \"..\" are not names of their own.");
    if (name.includes("\0")) return _("A name cannot contain a NUL character.");
    if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) return _("The name is too long: at most 255 bytes.");
    return null;
}
