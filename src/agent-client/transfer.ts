// File upload to and download from the guest in chunks, several in flight, checked by sha256.
import type { FileDigest } from "../../agent/src/protocol.ts";
import { _, format } from "../lib/i18n.ts";

import type { AgentClient } from "./agent-client.ts";
import { AgentError } from "./agent-errors.ts";
import { fromBase64, sha256Hex, toBase64 } from "./bytes.ts";

export interface TransferOptions {
    /** bytes done, bytes in all */
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    chunkBytes?: number;
    /** Chunks in flight at once. */
    parallel?: number;
}

const UPLOAD_CHUNK = 512 * 1024;
const PARALLEL = 4;

function cancelled(): AgentError {
    return new AgentError("cancelled", _("The transfer was cancelled."));
}

/** Runs task(0..count-1) with at most `parallel` running; stops at the first failure or on abort. */
async function pipeline(count: number, parallel: number, signal: AbortSignal | undefined, task: (i: number) => Promise<void>): Promise<void> {
    let next = 0;
    let failure: Error | undefined;
    const worker = async (): Promise<void> => {
        while (next < count && failure === undefined) {
            if (signal?.aborted) throw cancelled();
            const i = next++;
            await task(i);
        }
    };
    const workers = Array.from({ length: Math.min(parallel, Math.max(count, 1)) }, () => worker().catch((e: unknown) => {
        failure ??= e instanceof Error ? e : new Error(String(e));
    }));
    await Promise.all(workers);
    if (failure !== undefined) throw failure;
    if (signal?.aborted) throw cancelled();
}

/** Writes `data` to `path` in the guest (replacing it); resolves with the agent's digest. */
export async function uploadFile(client: AgentClient, path: string, data: Blob, options: TransferOptions = {}): Promise<FileDigest> {
    const bytes = new Uint8Array(await data.arrayBuffer());
    const sha256 = await sha256Hex(bytes);
    const chunk = options.chunkBytes ?? UPLOAD_CHUNK;
    const { handle } = await client.call("file.open_write", { path, overwrite: true });
    let done = 0;
    options.onProgress?.(0, bytes.length);
    try {
        await pipeline(Math.ceil(bytes.length / chunk), options.parallel ?? PARALLEL, options.signal, async i => {
            const piece = bytes.subarray(i * chunk, (i + 1) * chunk);
            await client.call("file.write_chunk", { handle, offset: i * chunk, data: toBase64(piece) });
            done += piece.length;
            options.onProgress?.(done, bytes.length);
        });
        return await client.call("file.close_write", { handle, sha256 });
    } catch (e) {
        if (!client.closed) await client.call("file.abort_write", { handle }).catch(() => undefined);
        throw e;
    }
}

/** Reads `path` from the guest; checks the bytes against the agent's sha256 of the file. */
export async function downloadFile(client: AgentClient, path: string, options: TransferOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
    const stat = await client.call("file.stat", { path, follow: true });
    if (stat.type !== "file") throw new AgentError("rpc", format(_("$0 is not a regular file."), path));
    const info = await client.call("agent.info", {});
    const chunk = Math.min(options.chunkBytes ?? info.limits.maxReadBytes, info.limits.maxReadBytes);
    const out = new Uint8Array(stat.size);
    let done = 0;
    options.onProgress?.(0, stat.size);
    await pipeline(Math.ceil(stat.size / chunk), options.parallel ?? PARALLEL, options.signal, async i => {
        const r = await client.call("file.read", { path, offset: i * chunk, length: chunk });
        const piece = fromBase64(r.data);
        if (piece.length !== Math.min(chunk, stat.size - i * chunk)) {
            throw new AgentError("checksum", format(_("$0 changed while it was being downloaded."), path));
        }
        out.set(piece, i * chunk);
        done += piece.length;
        options.onProgress?.(done, stat.size);
    });
    const [mine, theirs] = await Promise.all([sha256Hex(out), client.call("file.sha256", { path }, 120_000)]);
    if (mine !== theirs.sha256) throw new AgentError("checksum", format(_("The downloaded data of $0 does not match the file in the guest (sha256)."), path));
    return out;
}
