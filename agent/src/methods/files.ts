/* file.stat, file.list, file.read, file.sha256, file.mkdir, file.delete. */
import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import { type FileHandle,lstat, mkdir, open, readdir, readlink, rm, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";

import type { AgentConfig } from "../config.ts";
import { invalidParams, RpcError } from "../errors.ts";
import { absolutePath, optBool, optInt } from "../params.ts";
import type { PathPolicy } from "../paths.ts";
import { type DirEntry, ERROR_CODES, type FileStat, type FileType } from "../protocol.ts";
import { define, type Handlers } from "./define.ts";

const HASH_CHUNK = 1024 * 1024;

function fileType(s: Stats): FileType {
    if (s.isFile()) return "file";
    if (s.isDirectory()) return "directory";
    if (s.isSymbolicLink()) return "symlink";
    return "other";
}

async function describe(p: string, s: Stats): Promise<FileStat> {
    const out: FileStat = {
        path: p, type: fileType(s), size: s.size, mode: s.mode & 0o7777, uid: s.uid, gid: s.gid,
        mtimeMs: s.mtimeMs, atimeMs: s.atimeMs, ctimeMs: s.ctimeMs,
    };
    if (s.isSymbolicLink()) out.linkTarget = await readlink(p);
    return out;
}

/** Opens a regular file: FIFOs and devices could block a thread forever, directories make no sense. */
export async function openRegular(p: string): Promise<{ fh: FileHandle; size: number; mtimeMs: number }> {
    const fh = await open(p, "r");
    try {
        const s = await fh.stat();
        if (!s.isFile()) throw new RpcError(ERROR_CODES.InvalidParams, `${p} is not a regular file`, { path: p });
        return { fh, size: s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
        await fh.close();
        throw e;
    }
}

/** Up to `length` bytes from `position`; fewer only at the end of the file. */
export async function readAt(fh: FileHandle, length: number, position: number): Promise<Buffer> {
    const buf = Buffer.alloc(length);
    let got = 0;
    // A single read may return less than asked before the end.
    while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
    }
    return buf.subarray(0, got);
}

/** sha256 (hex) of an open file's whole content, and its length. */
export async function hashHandle(fh: FileHandle): Promise<{ sha256: string; size: number }> {
    const hash = createHash("sha256");
    const buf = Buffer.alloc(HASH_CHUNK);
    let pos = 0;
    for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        hash.update(buf.subarray(0, bytesRead));
        pos += bytesRead;
    }
    return { sha256: hash.digest("hex"), size: pos };
}

async function listDirectory(dir: string, limit: number): Promise<{ path: string; entries: DirEntry[]; truncated: boolean }> {
    const names = (await readdir(dir)).sort();
    const entries: DirEntry[] = [];
    const described = await Promise.all(names.slice(0, limit).map(async name => {
        try {
            return await describe(path.join(dir, name), await lstat(path.join(dir, name)));
        } catch {
            return null; // removed while listing
        }
    }));
    names.slice(0, limit).forEach((name, i) => {
        const d = described[i];
        if (!d) return;
        const entry: DirEntry = { name, type: d.type, size: d.size, mode: d.mode, mtimeMs: d.mtimeMs };
        if (d.linkTarget !== undefined) entry.linkTarget = d.linkTarget;
        entries.push(entry);
    });
    return { path: dir, entries, truncated: names.length > limit };
}

async function deletePath(resolved: string, recursive: boolean): Promise<void> {
    const s = await lstat(resolved);
    if (!s.isDirectory()) {
        await unlink(resolved);
    } else if (recursive) {
        await rm(resolved, { recursive: true });
    } else {
        await rmdir(resolved).catch((e: unknown) => {
            if ((e as { code?: unknown }).code === "ENOTEMPTY") throw invalidParams(`${resolved} is not empty (pass recursive: true)`);
            throw e;
        });
    }
}

export function fileMethods(config: AgentConfig, policy: PathPolicy): Pick<Handlers,
    "file.stat" | "file.list" | "file.read" | "file.sha256" | "file.mkdir" | "file.delete"> {
    return {
        "file.stat": define(o => ({ path: absolutePath(o, "path"), follow: optBool(o, "follow") ?? false }), async p => {
            const resolved = await policy.resolve(p.path, p.follow);
            return describe(resolved, p.follow ? await stat(resolved) : await lstat(resolved));
        }),

        "file.list": define(o => ({ path: absolutePath(o, "path"), limit: optInt(o, "limit", 1, 100_000) ?? 10_000 }),
                            async p => listDirectory(await policy.resolve(p.path, true), p.limit)),

        "file.read": define(o => ({
            path: absolutePath(o, "path"),
            offset: optInt(o, "offset", 0) ?? 0,
            length: optInt(o, "length", 0) ?? config.maxReadBytes,
            binary: optBool(o, "binary") ?? false,
        }), async (p, ctx) => {
            const resolved = await policy.resolve(p.path, true);
            const length = Math.min(p.length, config.maxReadBytes);
            const { fh, size } = await openRegular(resolved);
            try {
                const bytes = await readAt(fh, length, p.offset);
                const got = bytes.length;
                // /proc files report size 0: there only a short read means the end.
                const eof = got < length || (size > 0 && p.offset + got >= size);
                const info = { offset: p.offset, bytesRead: got, size, eof };
                if (!p.binary) return { data: bytes.toString("base64"), ...info };
                ctx.replyData(bytes);
                return info;
            } finally {
                await fh.close();
            }
        }),

        "file.sha256": define(o => ({ path: absolutePath(o, "path") }), async p => {
            const resolved = await policy.resolve(p.path, true);
            const { fh } = await openRegular(resolved);
            try {
                return { path: resolved, ...await hashHandle(fh) };
            } finally {
                await fh.close();
            }
        }),

        "file.mkdir": define(o => ({
            path: absolutePath(o, "path"), recursive: optBool(o, "recursive") ?? false, mode: optInt(o, "mode", 0, 0o7777) ?? 0o755,
        }), async p => {
            const resolved = await policy.resolve(p.path, true);
            if (p.recursive) {
                const first = await mkdir(resolved, { recursive: true, mode: p.mode });
                if (first === undefined && !(await stat(resolved)).isDirectory()) {
                    throw new RpcError(ERROR_CODES.AlreadyExists, `${resolved} exists and is not a directory`, { path: resolved });
                }
                return { path: resolved, created: first !== undefined };
            }
            await mkdir(resolved, { mode: p.mode });
            return { path: resolved, created: true };
        }),

        "file.delete": define(o => ({ path: absolutePath(o, "path"), recursive: optBool(o, "recursive") ?? false }), async p => {
            const resolved = await policy.resolve(p.path, false);
            if (await policy.isRoot(resolved)) {
                throw new RpcError(ERROR_CODES.PathNotAllowed, `refusing to delete ${resolved}: it is an allowed directory itself`, { path: resolved });
            }
            await deletePath(resolved, p.recursive);
            return { path: resolved, deleted: true as const };
        }),
    };
}
