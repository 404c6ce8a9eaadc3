/*
 * Handle-based downloads: open_read opens the file once, read_chunk reads at offsets, and
 * close_read answers the sha256 of the bytes served when they covered the file from its
 * start to its end in order — so the host checks a download without the guest reading the
 * file a second time (file.sha256 did), and each chunk costs one read instead of a path
 * check, open, stat, read and close (each a thread-pool round trip: several ms in a TCG
 * guest). Reads of one handle are served one after another, so chunks requested together
 * are hashed in order.
 */
import { createHash, type Hash,randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";

import type { AgentConfig } from "../config.ts";
import { RpcError } from "../errors.ts";
import { absolutePath, optInt, reqHandle, reqInt } from "../params.ts";
import type { PathPolicy } from "../paths.ts";
import { ERROR_CODES, type ReadDigest } from "../protocol.ts";
import { define, type Handlers } from "./define.ts";
import { openRegular, readAt } from "./files.ts";

interface OpenRead {
    fh: FileHandle;
    path: string;
    size: number;
    mtimeMs: number;
    /** Hash of bytes [0, hashedTo) while every read so far continued the previous one. */
    hash: Hash | undefined;
    hashedTo: number;
    /** The last read queued: the next one starts after it. */
    tail: Promise<unknown>;
    timer: NodeJS.Timeout;
}

export class Downloads {
    private readonly byId = new Map<string, OpenRead>();

    /** ended: called when a handle is closed, for any reason. */
    constructor(private readonly config: AgentConfig, private readonly policy: PathPolicy, private readonly ended: () => void = () => undefined) {}

    get open(): number {
        return this.byId.size;
    }

    async start(target: string): Promise<{ handle: string; path: string; size: number }> {
        if (this.byId.size >= this.config.maxReadHandles) {
            throw new RpcError(ERROR_CODES.LimitExceeded, `too many files open for reading (limit ${this.config.maxReadHandles})`, { limit: this.config.maxReadHandles });
        }
        const resolved = await this.policy.resolve(target, true);
        const { fh, size, mtimeMs } = await openRegular(resolved);
        const id = randomBytes(16).toString("hex");
        const entry: OpenRead = {
            fh, path: resolved, size, mtimeMs, hash: createHash("sha256"), hashedTo: 0, tail: Promise.resolve(),
            timer: setTimeout(() => void this.close(id), this.config.readHandleIdleMs),
        };
        entry.timer.unref();
        this.byId.set(id, entry);
        return { handle: id, path: resolved, size };
    }

    private get(id: string): OpenRead {
        const entry = this.byId.get(id);
        if (!entry) throw new RpcError(ERROR_CODES.NotFound, `no open read handle ${id}`);
        entry.timer.refresh();
        return entry;
    }

    read(id: string, offset: number, length: number): Promise<{ bytes: Buffer; eof: boolean }> {
        const entry = this.get(id);
        const run = entry.tail.catch(() => undefined).then(async () => {
            const wanted = Math.min(length, this.config.maxReadBytes);
            const bytes = await readAt(entry.fh, wanted, offset);
            if (entry.hash && offset === entry.hashedTo) {
                entry.hash.update(bytes);
                entry.hashedTo += bytes.length;
            } else {
                entry.hash = undefined;
            }
            return { bytes, eof: bytes.length < wanted };
        });
        entry.tail = run;
        return run;
    }

    /** The digest of what was served; the handle is gone afterwards. */
    async finish(id: string): Promise<ReadDigest> {
        const entry = this.get(id);
        await entry.tail.catch(() => undefined);
        try {
            const now = await entry.fh.stat();
            const complete = entry.hash !== undefined && entry.hashedTo === now.size;
            return {
                path: entry.path,
                size: entry.hashedTo,
                sha256: complete ? entry.hash?.digest("hex") ?? null : null,
                changed: now.size !== entry.size || now.mtimeMs !== entry.mtimeMs,
            };
        } finally {
            await this.close(id);
        }
    }

    async close(id: string): Promise<boolean> {
        const entry = this.byId.get(id);
        if (!entry) return false;
        this.byId.delete(id);
        clearTimeout(entry.timer);
        await entry.tail.catch(() => undefined);
        await entry.fh.close().catch(() => undefined);
        this.ended();
        return true;
    }

    async closeAll(): Promise<void> {
        await Promise.all([...this.byId.keys()].map(id => this.close(id)));
    }
}

export function fileReadMethods(downloads: Downloads): Pick<Handlers, "file.open_read" | "file.read_chunk" | "file.close_read"> {
    return {
        "file.open_read": define(o => ({ path: absolutePath(o, "path") }), async p => downloads.start(p.path)),

        "file.read_chunk": define(o => ({
            handle: reqHandle(o), offset: reqInt(o, "offset", 0), length: optInt(o, "length", 1) ?? Number.MAX_SAFE_INTEGER,
        }), async (p, ctx) => {
            const { bytes, eof } = await downloads.read(p.handle, p.offset, p.length);
            ctx.replyData(bytes);
            return { offset: p.offset, bytesRead: bytes.length, eof };
        }),

        "file.close_read": define(o => ({ handle: reqHandle(o) }), async p => downloads.finish(p.handle)),
    };
}
