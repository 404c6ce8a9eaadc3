// File upload to and download from the guest in chunks, several in flight, checked by sha256.
// The bytes travel raw after their JSON-RPC line (protocol "data bytes"), not as base64.
import type { FileDigest } from "../../agent/src/protocol.ts";
import { formatBytes } from "../lib/format-bytes.ts";
import { _, format } from "../lib/i18n.ts";
import type { AgentClient } from "./agent-client.ts";
import { AgentError } from "./agent-errors.ts";
import { sha256Stream } from "./bytes.ts";

export interface TransferOptions {
    /** bytes done, bytes in all */
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    chunkBytes?: number;
    /** Chunks in flight at once. */
    parallel?: number;
    /** Uploads: replace a file that exists (the default); false refuses with AlreadyExists before any byte moves. */
    overwrite?: boolean;
}

const CHUNK = 4 * 1024 * 1024;
const PARALLEL = 2;
/** The first agent protocol with data bytes (uploads need it). */
const DATA_PROTOCOL = 2;
/** The first agent protocol with read handles (downloads need it). */
const READ_HANDLE_PROTOCOL = 3;
/**
 * The page holds a download whole (its parts, then the Blob that is saved) until the browser
 * saves it: larger files are refused before any byte moves, not left to exhaust the page.
 */
export const MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;
/** A chunk takes well under a second; this long without its answer means the agent is gone. */
const CHUNK_TIMEOUT_MS = 15_000;

/**
 * An agent that stops answering mid-transfer (it died or restarted in the guest) leaves the
 * stream in an unknown state: drop this connection, so that the Guest tab reconnects afresh.
 */
async function unlessAgentLost<T>(client: AgentClient, work: Promise<T>): Promise<T> {
    try {
        return await work;
    } catch (e) {
        if (!(e instanceof AgentError) || e.kind !== "timeout") throw e;
        const lost = new AgentError("timeout", _("The guest agent stopped answering during the file transfer: it may have stopped in the guest. The Guest tab reconnects once the agent runs again."));
        client.close(lost);
        throw lost;
    }
}

function cancelled(): AgentError {
    return new AgentError("cancelled", _("The transfer was cancelled."));
}

/** Chunk size: what was asked for, within the agent's limits. */
async function chunkSize(client: AgentClient, options: TransferOptions, limit: "maxLineBytes" | "maxReadBytes", protocol: number): Promise<number> {
    const info = await client.call("agent.info", {});
    if (info.protocolVersion < protocol) {
        throw new AgentError("rpc", format(_("The guest agent (version $0) is too old for file transfers. Update kvmm-agent in the guest."), info.version));
    }
    return Math.max(1, Math.min(options.chunkBytes ?? CHUNK, info.limits[limit]));
}

/** A started step: `finished` settles when its reply has been handled. */
interface Started { finished: Promise<void> }

/**
 * Runs task(0..count-1) in order of start, at most `parallel` unfinished at once; stops at
 * the first failure or on abort. A task resolves once its request is out, so reading the
 * next piece of a file starts only after the previous one was sent: reads stay sequential.
 */
async function pipeline(count: number, parallel: number, signal: AbortSignal | undefined, task: (i: number) => Promise<Started>): Promise<void> {
    const running = new Set<Promise<void>>();
    const failures: unknown[] = [];
    const failed = (): boolean => failures.length > 0;
    for (let i = 0; i < count && !failed(); i++) {
        if (signal?.aborted) throw cancelled();
        const { finished } = await task(i);
        const tracked: Promise<void> = finished.then(() => { running.delete(tracked) }, (e: unknown) => {
            running.delete(tracked);
            failures.push(e);
        });
        running.add(tracked);
        while (running.size >= parallel && !failed()) await Promise.race(running);
    }
    await Promise.all(running);
    const [first] = failures;
    if (failed()) throw first instanceof Error ? first : new Error(String(first));
    if (signal?.aborted) throw cancelled();
}

/**
 * Writes `data` to `path` in the guest (replacing it unless options.overwrite is false);
 * resolves with the agent's digest.
 * The file is read piece by piece (Blob.slice): it is never held in memory whole.
 */
export async function uploadFile(client: AgentClient, path: string, data: Blob, options: TransferOptions = {}): Promise<FileDigest> {
    const chunk = await chunkSize(client, options, "maxLineBytes", DATA_PROTOCOL);
    const count = Math.ceil(data.size / chunk);
    const hash = sha256Stream();
    // Piece i is read (and handed to the hashing worker) while earlier pieces travel: reading a
    // 4 MiB piece took ~100 ms, which otherwise came between two sends. Each starts once the
    // previous one was handed over, so the hash sees the pieces in order.
    const pieces: Promise<Uint8Array>[] = [];
    const readAhead = (i: number): void => {
        if (i >= count) return;
        const piece = (async () => {
            const bytes = new Uint8Array(await data.slice(i * chunk, (i + 1) * chunk).arrayBuffer());
            hash.update(bytes);
            return bytes;
        })();
        piece.catch(() => undefined); // awaited (and reported) by the step that sends it
        pieces[i] = piece;
    };
    readAhead(0);
    let handle: string | undefined;
    let done = 0;
    options.onProgress?.(0, data.size);
    try {
        ({ handle } = await client.call("file.open_write", { path, overwrite: options.overwrite ?? true }));
        const writing = handle;
        await unlessAgentLost(client, pipeline(count, options.parallel ?? PARALLEL, options.signal, async i => {
            const piece = await (pieces[i] ?? Promise.reject(new Error(`piece ${i} was not read`)));
            readAhead(i + 1);
            return {
                finished: client.callWithData("file.write_chunk", { handle: writing, offset: i * chunk }, piece, CHUNK_TIMEOUT_MS).then(() => {
                    done += piece.length;
                    options.onProgress?.(done, data.size);
                }),
            };
        }));
        return await client.call("file.close_write", { handle: writing, sha256: await hash.hex() }, 120_000);
    } catch (e) {
        hash.dispose();
        if (handle !== undefined && !client.closed) await client.call("file.abort_write", { handle }).catch(() => undefined);
        throw e;
    }
}

export interface Download {
    /** The file's bytes in order, as they came. */
    parts: Uint8Array<ArrayBuffer>[];
    size: number;
    sha256: string;
}

/**
 * Reads `path` from the guest through a read handle. Both ends hash the bytes as they pass
 * (the page in order of arrival, the agent in order of reading), so the check costs no
 * second pass over the file.
 */
export async function downloadFile(client: AgentClient, path: string, options: TransferOptions = {}): Promise<Download> {
    // Opened while agent.info is asked (a round trip, ~15 ms in a TCG guest); a handle that an
    // agent too old for this client opens is released at once.
    const opening = client.call("file.open_read", { path });
    opening.catch(() => undefined); // not unhandled: thrown below, unless the info call fails first
    let chunk: number;
    try {
        chunk = await chunkSize(client, options, "maxReadBytes", READ_HANDLE_PROTOCOL);
    } catch (e) {
        void opening.then(({ handle }) => client.call("file.close_read", { handle })).catch(() => undefined);
        throw e;
    }
    const { handle, size } = await opening;
    if (size > MAX_DOWNLOAD_BYTES) {
        await client.call("file.close_read", { handle }).catch(() => undefined);
        throw new AgentError("too-large", format(_("$0 is $1: the Guest tab downloads files of up to $2, because the browser holds the whole file in memory before saving it. Copy larger files over the network, for example with scp."),
            path, formatBytes(size), formatBytes(MAX_DOWNLOAD_BYTES)));
    }
    const parts: Uint8Array<ArrayBuffer>[] = [];
    const hash = sha256Stream();
    let hashed = 0;
    let done = 0;
    let open = true;
    const changed = () => new AgentError("checksum", format(_("$0 changed while it was being downloaded."), path));
    options.onProgress?.(0, size);
    try {
        await unlessAgentLost(client, pipeline(Math.ceil(size / chunk), options.parallel ?? PARALLEL, options.signal, i => Promise.resolve({
            finished: client.callForData("file.read_chunk", { handle, offset: i * chunk, length: chunk }, CHUNK_TIMEOUT_MS).then(({ data }) => {
                if (data.length !== Math.min(chunk, size - i * chunk)) throw changed();
                parts[i] = data;
                for (let next = parts[hashed]; next; next = parts[hashed]) {
                    hash.update(next);
                    hashed++;
                }
                done += data.length;
                options.onProgress?.(done, size);
            }),
        })));
        open = false;
        const theirs = await client.call("file.close_read", { handle });
        if (theirs.changed) throw changed();
        const sha256 = await hash.hex();
        if (theirs.size !== size || theirs.sha256 !== sha256) {
            throw new AgentError("checksum", format(_("The downloaded data of $0 does not match the file in the guest (sha256)."), path));
        }
        return { parts, size, sha256 };
    } catch (e) {
        hash.dispose();
        if (open && !client.closed) await client.call("file.close_read", { handle }).catch(() => undefined);
        throw e;
    }
}
