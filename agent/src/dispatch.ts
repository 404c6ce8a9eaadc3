/*
 * Request handling: Dispatcher turns one line into one reply (never throws),
 * Session ties a FrameDecoder to a way of sending, runs requests concurrently
 * and answers each by id as it completes.
 */
import { type Audit } from "./audit.ts";
import { toErrorObject } from "./errors.ts";
import { encodeMessage, FrameDecoder, sniffId } from "./framing.ts";
import { errorText,log } from "./log.ts";
import { DATA_METHODS, ERROR_CODES, type RequestId, type RpcErrorObject, type RpcResponse } from "./protocol.ts";

export interface CallContext {
    /** Runs fn once the reply to this call has been written (or could not be). */
    afterReply(fn: () => void): void;
    /** The data bytes that followed the request (DATA_METHODS only). */
    readonly data: Buffer | undefined;
    /** Sends these bytes after the reply's line; the dispatcher sets result.dataBytes. */
    replyData(bytes: Buffer): void;
}

export type Handler = (params: unknown, ctx: CallContext) => Promise<unknown>;

export interface DispatcherOptions {
    handlers: ReadonlyMap<string, Handler>;
    disabled: ReadonlySet<string>;
    audit: Audit;
    maxInFlight: number;
    /** Served even at maxInFlight: cheap, and the handshake must always work. */
    unlimited?: ReadonlySet<string>;
}

export interface Outcome {
    /** null for notifications. */
    response: RpcResponse | null;
    after: (() => void)[];
    /** Data bytes to send right after the response's line. */
    data?: Buffer;
}

const DATA_METHOD_SET: ReadonlySet<string> = new Set(DATA_METHODS);

function failure(id: RequestId | null, error: RpcErrorObject): RpcResponse {
    return { jsonrpc: "2.0", id, error };
}

function isId(v: unknown): v is RequestId | null {
    return v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

export class Dispatcher {
    private inFlight = 0;

    constructor(private readonly opts: DispatcherOptions) {}

    get running(): number {
        return this.inFlight;
    }

    handleOversized(head: string): RpcResponse {
        const id = sniffId(head);
        this.opts.audit.record({ method: undefined, outcome: "error", code: ERROR_CODES.MessageTooLarge, id, ms: 0 });
        return failure(id, { code: ERROR_CODES.MessageTooLarge, message: "message exceeds the agent's maximum line length; discarded" });
    }

    handleLine(text: string): Promise<Outcome> {
        return this.handle(parseRequest(text), undefined);
    }

    /** data: the bytes that followed the request's line, if it announced any. */
    async handle(req: ParsedRequest, data: Buffer | undefined): Promise<Outcome> {
        const started = performance.now();
        const after: (() => void)[] = [];
        let replyData: Buffer | undefined;
        const finish = (result: { error: RpcErrorObject } | { result: unknown }): Outcome => {
            const code = "error" in result ? result.error.code : 0;
            this.opts.audit.record({ method: req.method, outcome: code === 0 ? "ok" : "error", code, id: req.id, ms: performance.now() - started });
            const outcome: Outcome = { response: req.notification ? null : { jsonrpc: "2.0", id: req.id, ...result }, after };
            if (replyData !== undefined && "result" in result && outcome.response !== null) outcome.data = replyData;
            return outcome;
        };
        if (req.error) return finish({ error: req.error });
        const method = req.method ?? "";

        const handler = this.opts.handlers.get(method);
        if (handler === undefined) {
            return finish({ error: { code: ERROR_CODES.MethodNotFound, message: `method ${method.slice(0, 100)} not found` } });
        }
        if (this.opts.disabled.has(method)) {
            return finish({ error: { code: ERROR_CODES.MethodDisabled, message: `method ${method} is disabled by the agent configuration`, data: { method } } });
        }
        const limited = this.opts.unlimited?.has(method) !== true;
        if (limited && this.inFlight >= this.opts.maxInFlight) {
            const limit = this.opts.maxInFlight;
            return finish({ error: { code: ERROR_CODES.Busy, message: `too many requests in flight (limit ${limit})`, data: { limit } } });
        }

        if (data !== undefined && !DATA_METHOD_SET.has(method)) {
            return finish({ error: { code: ERROR_CODES.InvalidParams, message: `method ${method} takes no data bytes (params.dataBytes)` } });
        }

        if (limited) this.inFlight++;
        try {
            const result = await handler(req.params, { afterReply: fn => after.push(fn), data, replyData: bytes => { replyData = bytes } });
            if (replyData !== undefined) {
                if (typeof result !== "object" || result === null) throw new Error(`${method} sent data bytes with a non-object result`);
                return finish({ result: { ...result, dataBytes: replyData.length } });
            }
            // undefined would make JSON.stringify drop the "result" member.
            return finish({ result: result ?? null });
        } catch (e) {
            const error = toErrorObject(e);
            if (error.code === ERROR_CODES.InternalError) log(`internal error in ${method}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
            return finish({ error });
        } finally {
            if (limited) this.inFlight--;
        }
    }
}

export interface ParsedRequest {
    method: string | undefined;
    id: RequestId | null;
    notification: boolean;
    params: unknown;
    error: RpcErrorObject | undefined;
}

export function parseRequest(text: string): ParsedRequest {
    const bad = (code: number, message: string, id: RequestId | null = null): ParsedRequest =>
        ({ method: undefined, id, notification: false, params: undefined, error: { code, message } });
    let msg: unknown;
    try {
        msg = JSON.parse(text);
    } catch (e) {
        return bad(ERROR_CODES.ParseError, `parse error: ${errorText(e)}`);
    }
    if (Array.isArray(msg)) return bad(ERROR_CODES.InvalidRequest, "batch requests are not supported");
    if (typeof msg !== "object" || msg === null) return bad(ERROR_CODES.InvalidRequest, "a request must be a JSON object");
    const req = msg as Record<string, unknown>;
    if ("id" in req && !isId(req.id)) return bad(ERROR_CODES.InvalidRequest, "id must be a string, a number or null");
    const id = (req.id as RequestId | null | undefined) ?? null;
    if (req.jsonrpc !== "2.0" || typeof req.method !== "string") {
        return bad(ERROR_CODES.InvalidRequest, "not a JSON-RPC 2.0 request (jsonrpc \"2.0\" and a method name are required)", id);
    }
    return { method: req.method, id, notification: !("id" in req), params: req.params, error: undefined };
}

/** Sends one line, and the data bytes that belong to it right after (nothing may come between). */
export type Send = (line: string, data?: Buffer) => Promise<void>;

/** How long announced data bytes may stall before the request is given up (see protocol.ts). */
export const DATA_STALL_MS = 1500;

/** The data bytes a request announces: undefined if none, NaN if params.dataBytes is not a count. */
function announcedBytes(req: ParsedRequest): number | undefined {
    if (req.error || typeof req.params !== "object" || req.params === null) return undefined;
    const n = (req.params as { dataBytes?: unknown }).dataBytes;
    if (n === undefined) return undefined;
    return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : Number.NaN;
}

export interface SessionOptions {
    /** Largest data part a request may announce; more is skipped and refused. */
    maxDataBytes?: number;
    dataStallMs?: number;
    /**
     * Until the host's agent.sync (and after every reset), drop input without answering it.
     * For the virtio port: what a new host finds there may be megabytes that a previous host
     * left queued (Cockpit writes out a closed channel's queue), and answering or auditing
     * each line of that made the agent miss the new host's sync for minutes.
     */
    untilSync?: boolean;
}

export class Session {
    private readonly decoder: FrameDecoder;
    private generation = 0;
    private readonly pending = new Set<Promise<void>>();
    /** The request whose data bytes are arriving. */
    private awaiting: ParsedRequest | undefined;
    private stallTimer: ReturnType<typeof setTimeout> | undefined;
    private readonly maxDataBytes: number;
    private readonly dataStallMs: number;
    private readonly untilSync: boolean;
    private unsynced: boolean;
    /** Lines dropped while unsynced. */
    private dropped = 0;

    constructor(private readonly dispatcher: Dispatcher, private readonly send: Send, maxLineBytes: number, opts: SessionOptions = {}) {
        this.decoder = new FrameDecoder(maxLineBytes);
        this.maxDataBytes = opts.maxDataBytes ?? maxLineBytes;
        this.dataStallMs = opts.dataStallMs ?? DATA_STALL_MS;
        this.untilSync = opts.untilSync ?? false;
        this.unsynced = this.untilSync;
    }

    /** Bytes of partial input held (for tests). */
    get buffered(): number {
        return this.decoder.buffered;
    }

    feed(chunk: Uint8Array): void {
        const generation = this.generation;
        for (const event of this.decoder.push(chunk)) {
            if (this.unsynced && event.kind !== "line") {
                this.dropped++;
            } else if (event.kind === "oversized") {
                this.track(this.reply(generation, { response: this.dispatcher.handleOversized(event.head), after: [] }));
            } else if (event.kind === "data") {
                const req = this.awaiting;
                this.awaiting = undefined;
                if (req) this.dispatch(generation, req, event.bytes);
            } else {
                this.onLine(generation, event.text);
            }
        }
        this.watchStall();
    }

    private onLine(generation: number, text: string): void {
        // Unsynced, only a line naming agent.sync is worth parsing (a flood of old data is
        // mostly not JSON, and every parse costs in a slow guest).
        if (this.unsynced && !text.includes("agent.sync")) {
            this.dropped++;
            return;
        }
        const req = parseRequest(text);
        if (this.unsynced) {
            if (req.method !== "agent.sync") {
                this.dropped++;
                return;
            }
            this.unsynced = false;
            if (this.dropped > 0) log(`discarded ${this.dropped} lines that came before the host's sync`);
            this.dropped = 0;
        }
        const n = announcedBytes(req);
        if (n === undefined) {
            this.dispatch(generation, req, undefined);
        } else if (Number.isNaN(n)) {
            this.refuse(generation, req, ERROR_CODES.InvalidParams, "params.dataBytes must be a non-negative integer");
        } else if (n > this.maxDataBytes) {
            this.decoder.expectData(n, false);
            this.refuse(generation, req, ERROR_CODES.MessageTooLarge, `${n} data bytes exceed the agent's limit of ${this.maxDataBytes}; discarded`);
        } else {
            this.awaiting = req;
            this.decoder.expectData(n, true);
        }
    }

    private dispatch(generation: number, req: ParsedRequest, data: Buffer | undefined): void {
        this.track(this.dispatcher.handle(req, data).then(outcome => this.reply(generation, outcome)));
    }

    private refuse(generation: number, req: ParsedRequest, code: number, message: string): void {
        this.track(this.reply(generation, { response: { jsonrpc: "2.0", id: req.id, error: { code, message } }, after: [] }));
    }

    /** Data that stops arriving means a host that left without us seeing it: resync on lines. */
    private watchStall(): void {
        if (!this.decoder.awaitingData) {
            clearTimeout(this.stallTimer);
            this.stallTimer = undefined;
            return;
        }
        if (this.stallTimer) {
            this.stallTimer.refresh();
            return;
        }
        const generation = this.generation;
        this.stallTimer = setTimeout(() => {
            this.stallTimer = undefined;
            const req = this.awaiting;
            this.awaiting = undefined;
            this.decoder.reset();
            if (req) this.refuse(generation, req, ERROR_CODES.InvalidRequest, `the announced data bytes stopped arriving for ${this.dataStallMs} ms; request discarded`);
        }, this.dataStallMs);
        this.stallTimer.unref();
    }

    /** The peer changed: drop partial input, and replies still due to the old peer. */
    reset(): void {
        this.decoder.reset();
        this.unsynced = this.untilSync;
        this.dropped = 0;
        this.awaiting = undefined;
        clearTimeout(this.stallTimer);
        this.stallTimer = undefined;
        this.generation++;
    }

    /** Resolves once every request received so far has been answered. */
    async idle(): Promise<void> {
        while (this.pending.size > 0) await Promise.all([...this.pending]);
    }

    private track(p: Promise<void>): void {
        const tracked = p.catch((e: unknown) => log(`reply failed: ${errorText(e)}`)).finally(() => this.pending.delete(tracked));
        this.pending.add(tracked);
    }

    private async reply(generation: number, outcome: Outcome): Promise<void> {
        if (outcome.response !== null && generation === this.generation) {
            let line: string;
            let data = outcome.data;
            try {
                line = encodeMessage(outcome.response);
            } catch (e) {
                line = encodeMessage(failure(outcome.response.id, { code: ERROR_CODES.InternalError, message: `cannot encode reply: ${errorText(e)}` }));
                data = undefined;
            }
            try {
                await this.send(line, data);
            } catch {
                // The peer went away mid-reply: nothing to do, the next peer will resync.
            }
        }
        for (const fn of outcome.after) {
            try {
                fn();
            } catch (e) {
                log(`post-reply action failed: ${errorText(e)}`);
            }
        }
    }
}
