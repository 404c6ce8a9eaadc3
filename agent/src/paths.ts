/*
 * Confinement of file methods to the configured directories. Paths are
 * normalised lexically, then resolved with realpath so a symlink cannot lead
 * outside; the resolved path is what the methods then operate on.
 * (Node has no openat/O_NOFOLLOW walk, so a concurrent symlink swap between
 * check and use is not prevented; the agent runs for an already-trusted host.)
 */
import { realpath } from "node:fs/promises";
import path from "node:path";

import { RpcError } from "./errors.ts";
import { ERROR_CODES } from "./protocol.ts";

function errnoOf(e: unknown): unknown {
    return (e as { code?: unknown }).code;
}

/** realpath of the longest existing ancestor plus the rest, so targets that do not exist yet resolve too. */
export async function realpathLenient(p: string): Promise<string> {
    const rest: string[] = [];
    let current = p;
    for (;;) {
        try {
            return path.join(await realpath(current), ...rest);
        } catch (e) {
            if (errnoOf(e) !== "ENOENT" || current === "/") throw e;
            rest.unshift(path.basename(current));
            current = path.dirname(current);
        }
    }
}

export function isInside(p: string, root: string): boolean {
    return root === "/" || p === root || p.startsWith(`${root}/`);
}

export class PathPolicy {
    constructor(readonly allowed: readonly string[]) {}

    /** The allowed directories as they resolve now (they may be created after the agent starts). */
    async roots(): Promise<string[]> {
        const out: string[] = [];
        for (const dir of this.allowed) {
            try {
                out.push(await realpath(dir));
            } catch {
                // A missing allowed directory simply allows nothing.
            }
        }
        return out;
    }

    /**
     * follow: resolve the last component too (read, list, write targets);
     * otherwise only its parent (stat, delete act on a symlink itself).
     */
    async resolve(p: string, follow: boolean): Promise<string> {
        const normalized = path.posix.resolve("/", p);
        const resolved = follow || normalized === "/"
            ? await realpathLenient(normalized)
            : path.join(await realpathLenient(path.dirname(normalized)), path.basename(normalized));
        const roots = await this.roots();
        if (!roots.some(root => isInside(resolved, root))) {
            throw new RpcError(ERROR_CODES.PathNotAllowed,
                `${p} is outside the directories the agent may access (${this.allowed.join(", ") || "none configured"})`, { path: p });
        }
        return resolved;
    }

    async isRoot(resolved: string): Promise<boolean> {
        return resolved === "/" || (await this.roots()).includes(resolved);
    }
}
