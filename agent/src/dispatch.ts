/*
 * Request handling: Dispatcher turns one line into one reply (never throws),
 * Session ties a LineDecoder to a way of sending, runs requests concurrently
 * and answers each by id as it completes.
 */
import { type Audit } from "./audit.ts";
import { toErrorObject } from "./errors.ts";
import { encodeMessage, LineDecoder, sniffId } from "./framing.ts";
import { log, errorText } from "./log.ts";
import { ERROR_CODES, type RequestId, type RpcErrorObject, type RpcResponse } from "./protocol.ts";

export interface CallContext {
    /** Runs fn once the reply to this call has been written (or could not be). */
    afterReply(fn: () => void): void;
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
}

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

    async handleLine(text: string): Promise<Outcome> {
        const started = performance.now();
        const req = parseRequest(text);
        const after: (() => void)[] = [];
        const finish = (result: { error: RpcErrorObject } | { result: unknown }): Outcome => {
            const code = "error" in result ? result.error.code : 0;
            this.opts.audit.record({ method: req.method, outcome: code === 0 ? "ok" : "error", code, id: req.id, ms: performance.now() - started });
            return { response: req.notification ? null : { jsonrpc: "2.0", id: req.id, ...result }, after };
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

        if (limited) this.inFlight++;
        try {
            const result = await handler(req.params, { afterReply: fn => after.push(fn) });
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

interface ParsedRequest {
    method: string | undefined;
    id: RequestId | null;
    notification: boolean;
    params: unknown;
    error: RpcErrorObject | undefined;
}

function parseRequest(text: string): ParsedRequest {
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

export type Send = (line: string) => Promise<void>;

export class Session {
    private readonly decoder: LineDecoder;
    private generation = 0;
    private readonly pending = new Set<Promise<void>>();

    constructor(private readonly dispatcher: Dispatcher, private readonly send: Send, maxLineBytes: number) {
        this.decoder = new LineDecoder(maxLineBytes);
    }

    /** Bytes of partial input held (for tests). */
    get buffered(): number {
        return this.decoder.buffered;
    }

    feed(chunk: Uint8Array): void {
        const generation = this.generation;
        for (const event of this.decoder.push(chunk)) {
            if (event.kind === "oversized") {
                this.track(this.reply(generation, { response: this.dispatcher.handleOversized(event.head), after: [] }));
            } else {
                this.track(this.dispatcher.handleLine(event.text).then(outcome => this.reply(generation, outcome)));
            }
        }
    }

    /** The peer changed: drop partial input, and replies still due to the old peer. */
    reset(): void {
        this.decoder.reset();
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
            try {
                line = encodeMessage(outcome.response);
            } catch (e) {
                line = encodeMessage(failure(outcome.response.id, { code: ERROR_CODES.InternalError, message: `cannot encode reply: ${errorText(e)}` }));
            }
            try {
                await this.send(line);
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
