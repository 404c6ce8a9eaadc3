/* Shared helpers for the agent tests: a seeded PRNG, an in-process session, a line-based RPC client. */
import { Audit } from "../../../agent/src/audit.ts";
import { Dispatcher, type Handler,Session } from "../../../agent/src/dispatch.ts";
import { setLogSink } from "../../../agent/src/log.ts";
import { UTMP_RECORD_SIZE } from "../../../agent/src/methods/users.ts";
import { isRpcResponse, type RpcResponse } from "../../../agent/src/protocol.ts";

/** mulberry32: small, fast, deterministic; a failing fuzz case can be replayed from its seed. */
export function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

export function parseReply(line: string): RpcResponse {
    const v: unknown = JSON.parse(line);
    if (!isRpcResponse(v)) throw new Error(`not a JSON-RPC response: ${line}`);
    return v;
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller states the result type it expects
export function resultOf<T = Record<string, unknown>>(r: RpcResponse): T {
    if ("error" in r) throw new Error(`expected a result, got error ${r.error.code}: ${r.error.message}`);
    return r.result as T;
}

/** The value, or a thrown (test-failing) error when it is missing. */
export function must<T>(value: T | undefined | null, what = "expected value"): T {
    if (value === undefined || value === null) throw new Error(`missing: ${what}`);
    return value;
}

export function errorCodeOf(r: RpcResponse): number | undefined {
    return "error" in r ? r.error.code : undefined;
}

/** A Session over an in-memory "wire": sent lines are collected; feed() takes strings or bytes. */
export class MemorySession {
    readonly sent: string[] = [];
    /** The data bytes sent after each line (undefined: none). */
    readonly sentData: (Buffer | undefined)[] = [];
    readonly audit: string[] = [];
    readonly session: Session;
    readonly dispatcher: Dispatcher;
    failSends = false;

    constructor(handlers: Map<string, Handler>, opts: { maxLineBytes?: number; maxInFlight?: number; disabled?: string[]; dispatcher?: Dispatcher; dataStallMs?: number } = {}) {
        this.dispatcher = opts.dispatcher ?? new Dispatcher({
            handlers,
            disabled: new Set(opts.disabled ?? []),
            audit: new Audit(line => this.audit.push(line)),
            maxInFlight: opts.maxInFlight ?? 64,
            unlimited: new Set(["agent.ping"]),
        });
        this.session = new Session(this.dispatcher, async (line, data) => {
            await Promise.resolve();
            if (this.failSends) throw new Error("EPIPE (simulated)");
            this.sent.push(line);
            this.sentData.push(data);
        }, opts.maxLineBytes ?? 4096, opts.dataStallMs === undefined ? {} : { dataStallMs: opts.dataStallMs });
    }

    feed(data: string | Uint8Array): void {
        this.session.feed(typeof data === "string" ? Buffer.from(data, "utf8") : data);
    }

    async settle(): Promise<RpcResponse[]> {
        await this.session.idle();
        return this.replies();
    }

    replies(): RpcResponse[] {
        return this.sent.map(parseReply);
    }

    byId(id: string | number): RpcResponse | undefined {
        return this.replies().find(r => r.id === id);
    }
}

export function request(id: string | number | null, method: string, params?: unknown): string {
    return `${JSON.stringify(params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params })}\n`;
}

interface Writable { write(data: string | Uint8Array): unknown }

/** Client side of the line protocol over any byte stream (socket, child stdio). */
export class LineClient {
    private buffer = "";
    private next = 1;
    readonly lines: string[] = [];
    private waiters: { test: (r: RpcResponse) => boolean; resolve: (r: RpcResponse) => void }[] = [];

    constructor(private readonly out: Writable, input: { on(event: "data", cb: (chunk: Buffer) => void): unknown }) {
        input.on("data", chunk => this.onData(chunk));
    }

    private onData(chunk: Buffer): void {
        this.buffer += chunk.toString("utf8");
        for (let nl = this.buffer.indexOf("\n"); nl >= 0; nl = this.buffer.indexOf("\n")) {
            const line = this.buffer.slice(0, nl);
            this.buffer = this.buffer.slice(nl + 1);
            this.lines.push(line);
            let reply: RpcResponse;
            try {
                reply = parseReply(line);
            } catch {
                continue; // the test asserting on lines will notice
            }
            const i = this.waiters.findIndex(w => w.test(reply));
            if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(reply);
        }
    }

    send(raw: string | Uint8Array): void {
        this.out.write(raw);
    }

    waitFor(test: (r: RpcResponse) => boolean, timeoutMs = 8000): Promise<RpcResponse> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("timed out waiting for a reply")), timeoutMs);
            this.waiters.push({ test, resolve: r => {
                clearTimeout(timer);
                resolve(r);
            } });
        });
    }

    call(method: string, params?: unknown, timeoutMs?: number): Promise<RpcResponse> {
        const id = this.next++;
        const p = this.waitFor(r => r.id === id, timeoutMs);
        this.send(request(id, method, params));
        return p;
    }

    async result<T = Record<string, unknown>>(method: string, params?: unknown): Promise<T> {
        return resultOf<T>(await this.call(method, params));
    }

    async errorCode(method: string, params?: unknown): Promise<number | undefined> {
        return errorCodeOf(await this.call(method, params));
    }
}

/** A glibc utmp record (little-endian x86/arm layout), for guest.get_users tests. */
export function utmpRecord(type: number, user: string, line: string, host: string, sec: number, pid = 100): Buffer {
    const b = Buffer.alloc(UTMP_RECORD_SIZE);
    b.writeInt16LE(type, 0);
    b.writeInt32LE(pid, 4);
    b.write(line, 8, 32, "utf8");
    b.write(user, 44, 32, "utf8");
    b.write(host, 76, 256, "utf8");
    b.writeUInt32LE(sec, 340);
    return b;
}

/** Sends the agent's log lines to the returned list for the duration of a QUnit module. */
export function captureAgentLog(hooks: NestedHooks): string[] {
    const logged: string[] = [];
    let restore: ((line: string) => void) | undefined;
    hooks.before(() => {
        restore = setLogSink(line => logged.push(line));
    });
    hooks.after(() => {
        if (restore) setLogSink(restore);
    });
    return logged;
}
