/*
 * Handle-based uploads: open_write creates a temp file beside the target,
 * write_chunk writes at offsets (chunks may arrive concurrently, in any
 * order), close_write verifies the sha256 of the whole temp file and renames
 * it over the target, so readers never see a partial file. Chunks that come
 * in order (the usual case) are hashed as they come, which spares reading the
 * file back at the end.
 */
import { createHash, type Hash,randomBytes } from "node:crypto";
import { type FileHandle,link, open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";

import type { AgentConfig } from "../config.ts";
import { invalidParams, RpcError } from "../errors.ts";
import { errorText,log } from "../log.ts";
import { absolutePath, optBool, optInt, reqBase64, reqHandle, reqInt, reqString } from "../params.ts";
import type { PathPolicy } from "../paths.ts";
import { ERROR_CODES } from "../protocol.ts";
import type { UploadJournal } from "../upload-journal.ts";
import { define, type Handlers } from "./define.ts";
import { hashHandle } from "./files.ts";

interface Upload {
    fh: FileHandle;
    temp: string;
    target: string;
    mode: number | undefined;
    overwrite: boolean;
    writes: Set<Promise<unknown>>;
    timer: NodeJS.Timeout;
    closing: boolean;
    /** Hash of bytes [0, hashedTo) while every chunk so far came in order; undefined after one did not. */
    hash: Hash | undefined;
    hashedTo: number;
}

async function fsyncDir(dir: string): Promise<void> {
    try {
        const fh = await open(dir, "r");
        try {
            await fh.sync();
        } finally {
            await fh.close();
        }
    } catch {
        // Not every filesystem can fsync a directory; the rename itself already happened.
    }
}

export class Uploads {
    private readonly byId = new Map<string, Upload>();

    /**
     * ended: called when a handle is closed or aborted, for any reason. journal: where temp
     * files are recorded while their upload runs, for the next agent to remove after a crash.
     */
    constructor(private readonly config: AgentConfig, private readonly policy: PathPolicy, private readonly ended: () => void = () => undefined,
                private readonly journal?: UploadJournal) {}

    get open(): number {
        return this.byId.size;
    }

    async start(target: string, mode: number | undefined, overwrite: boolean): Promise<string> {
        if (this.byId.size >= this.config.maxWriteHandles) {
            throw new RpcError(ERROR_CODES.LimitExceeded, `too many files open for writing (limit ${this.config.maxWriteHandles})`, { limit: this.config.maxWriteHandles });
        }
        const resolved = await this.policy.resolve(target, true);
        const existing = await stat(resolved).catch(() => null);
        if (existing?.isDirectory() === true) throw new RpcError(ERROR_CODES.AlreadyExists, `${resolved} is a directory`, { path: resolved });
        if (existing && !overwrite) throw new RpcError(ERROR_CODES.AlreadyExists, `${resolved} already exists`, { path: resolved });
        const id = randomBytes(16).toString("hex");
        const temp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.kvmm-${id.slice(0, 8)}.tmp`);
        await this.journal?.record(id, temp);
        let fh: FileHandle;
        try {
            // wx+: read back for the hash; x: never reuse (or follow a symlink planted at) an existing name.
            fh = await open(temp, "wx+", 0o600);
        } catch (e) {
            await this.journal?.forget(id);
            throw e;
        }
        const upload: Upload = {
            fh, temp, target: resolved, mode, overwrite, writes: new Set(), closing: false, hash: createHash("sha256"), hashedTo: 0,
            timer: setTimeout(() => void this.abort(id, "idle timeout"), this.config.writeHandleIdleMs),
        };
        upload.timer.unref();
        this.byId.set(id, upload);
        return id;
    }

    private get(id: string): Upload {
        const u = this.byId.get(id);
        if (!u || u.closing) throw new RpcError(ERROR_CODES.NotFound, `no open write handle ${id}`);
        u.timer.refresh();
        return u;
    }

    async write(id: string, offset: number, data: Buffer): Promise<number> {
        const u = this.get(id);
        if (offset + data.length > this.config.maxFileBytes) {
            throw new RpcError(ERROR_CODES.LimitExceeded, `file would exceed the maximum size of ${this.config.maxFileBytes} bytes`, { limit: this.config.maxFileBytes });
        }
        if (u.hash && offset === u.hashedTo) {
            u.hash.update(data);
            u.hashedTo += data.length;
        } else {
            u.hash = undefined;
        }
        const op = (async () => {
            let done = 0;
            while (done < data.length) done += (await u.fh.write(data, done, data.length - done, offset + done)).bytesWritten;
            return done;
        })();
        u.writes.add(op);
        try {
            return await op;
        } catch (e) {
            u.hash = undefined; // the running hash counted bytes that did not land
            throw e;
        } finally {
            u.writes.delete(op);
        }
    }

    async finish(id: string, expected: string): Promise<{ path: string; size: number; sha256: string }> {
        const u = this.get(id);
        u.closing = true;
        await Promise.allSettled([...u.writes]);
        let renamed = false;
        try {
            const size = (await u.fh.stat()).size;
            const { sha256 } = u.hash && u.hashedTo === size ? { sha256: u.hash.digest("hex") } : await hashHandle(u.fh);
            if (sha256 !== expected.toLowerCase()) {
                throw new RpcError(ERROR_CODES.ChecksumMismatch, `sha256 mismatch: expected ${expected.toLowerCase()}, the data written hashes to ${sha256}; upload discarded`);
            }
            const existing = await stat(u.target).catch(() => null);
            await u.fh.chmod(u.mode ?? (existing ? existing.mode & 0o7777 : 0o644));
            if (existing) await u.fh.chown(existing.uid, existing.gid).catch(() => undefined);
            await u.fh.sync();
            await u.fh.close();
            await this.place(u);
            renamed = true;
            await fsyncDir(path.dirname(u.target));
            return { path: u.target, size, sha256 };
        } finally {
            this.drop(id, u);
            if (!renamed) await this.discard(u);
            await this.journal?.forget(id);
        }
    }

    private async place(u: Upload): Promise<void> {
        if (u.overwrite) {
            await rename(u.temp, u.target);
            return;
        }
        // link() fails if the target appeared meanwhile: create-if-absent without a race.
        try {
            await link(u.temp, u.target);
        } catch (e) {
            const code = (e as { code?: unknown }).code;
            if (code === "EEXIST") throw new RpcError(ERROR_CODES.AlreadyExists, `${u.target} already exists`, { path: u.target });
            if (await stat(u.target).then(() => true, () => false)) throw new RpcError(ERROR_CODES.AlreadyExists, `${u.target} already exists`, { path: u.target });
            await rename(u.temp, u.target); // filesystems without hard links
            return;
        }
        await unlink(u.temp);
    }

    async abort(id: string, why: string): Promise<boolean> {
        const u = this.byId.get(id);
        if (!u) return false;
        u.closing = true;
        this.drop(id, u);
        await Promise.allSettled([...u.writes]);
        await this.discard(u);
        await this.journal?.forget(id);
        if (why !== "request") log(`upload to ${u.target} aborted: ${why}`);
        return true;
    }

    async abortAll(): Promise<void> {
        await Promise.all([...this.byId.keys()].map(id => this.abort(id, "agent stopping")));
    }

    private drop(id: string, u: Upload): void {
        clearTimeout(u.timer);
        this.byId.delete(id);
        this.ended();
    }

    private async discard(u: Upload): Promise<void> {
        await u.fh.close().catch(() => undefined);
        await unlink(u.temp).catch((e: unknown) => {
            if ((e as { code?: unknown }).code !== "ENOENT") log(`cannot remove ${u.temp}: ${errorText(e)}`);
        });
    }
}

export function fileWriteMethods(uploads: Uploads): Pick<Handlers, "file.open_write" | "file.write_chunk" | "file.close_write" | "file.abort_write"> {
    return {
        "file.open_write": define(o => ({
            path: absolutePath(o, "path"), mode: optInt(o, "mode", 0, 0o7777), overwrite: optBool(o, "overwrite") ?? true,
        }), async p => ({ handle: await uploads.start(p.path, p.mode, p.overwrite) })),

        "file.write_chunk": define(o => o, async (o, ctx) => {
            if (ctx.data !== undefined && o.data !== undefined) throw invalidParams("params.data and data bytes (params.dataBytes) exclude each other");
            const data = ctx.data ?? reqBase64(o, "data");
            return { written: await uploads.write(reqHandle(o), reqInt(o, "offset", 0), data) };
        }),

        "file.close_write": define(o => {
            const sha256 = reqString(o, "sha256");
            if (!/^[0-9a-fA-F]{64}$/.test(sha256)) throw invalidParams("params.sha256 must be 64 hex digits");
            return { handle: reqHandle(o), sha256 };
        }, async p => uploads.finish(p.handle, p.sha256)),

        "file.abort_write": define(o => ({ handle: reqHandle(o) }), async p => {
            if (!(await uploads.abort(p.handle, "request"))) throw new RpcError(ERROR_CODES.NotFound, `no open write handle ${p.handle}`);
            return { aborted: true as const };
        }),
    };
}
