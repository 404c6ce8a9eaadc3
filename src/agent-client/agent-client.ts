// JSON-RPC client of kvmm-agent over the VM's virtio-serial channel socket. QEMU serves one
// client at a time on that socket, so connect when needed and close when done.
import {
    isRpcResponse, isSyncReply, type MethodName, type ParamsOf, type RequestId, type ResultOf,
} from "../../agent/src/protocol.ts";
import { _ } from "../lib/i18n.ts";
import { AgentError, closedError, rpcError } from "./agent-errors.ts";
import type { LineHandlers, LineTransport } from "./line-types.ts";

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
const SYNC_ATTEMPT_MS = 2_000;
/**
 * A restarted agent first drops what a previous client left queued for it (up to two upload
 * chunks): in a TCG guest that took several seconds, so give it ten before calling it busy.
 */
const SYNC_ATTEMPTS = 5;

export type TransportFactory = (handlers: LineHandlers) => LineTransport;

/** data: a buffer of its own (the caller may keep it). */
interface Reply { result: unknown; data: Uint8Array<ArrayBuffer> | undefined }

interface Pending {
    method: string;
    resolve: (reply: Reply) => void;
    reject: (error: AgentError) => void;
    timer: ReturnType<typeof setTimeout>;
}

/** The data bytes a reply announces (result.dataBytes), 0 if none. */
function announcedBytes(result: unknown): number {
    const n = typeof result === "object" && result !== null ? (result as { dataBytes?: unknown }).dataBytes : undefined;
    return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : 0;
}

export class AgentClient {
    private transport: LineTransport | undefined;
    private pending = new Map<RequestId, Pending>();
    private nextId = 1;
    private syncing: { nonce: number; done: () => void } | undefined;
    /** The reply whose data bytes are arriving (undefined pending: skip them). */
    private awaitingData: { pending: Pending | undefined; result: unknown } | undefined;
    private closedWith: AgentError | undefined;
    private closeListeners = new Set<(error: AgentError) => void>();

    private constructor() {}

    /** Opens the transport and performs the sync handshake; rejects with a clear AgentError. */
    static async connectWith(factory: TransportFactory): Promise<AgentClient> {
        const client = new AgentClient();
        client.transport = factory({
            onLine: line => client.onLine(line),
            onData: bytes => client.onData(bytes),
            onClose: (problem, message) => client.onClosed(closedError(problem, message)),
        });
        try {
            await client.sync();
        } catch (e) {
            client.close();
            throw e;
        }
        return client;
    }

    get closed(): boolean {
        return this.closedWith !== undefined;
    }

    onClose(listener: (error: AgentError) => void): () => void {
        this.closeListeners.add(listener);
        return () => this.closeListeners.delete(listener);
    }

    async call<M extends MethodName>(method: M, params: ParamsOf<M>, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<ResultOf<M>> {
        return (await this.request(method, params, undefined, timeoutMs)).result as ResultOf<M>;
    }

    /** A call whose request carries `data` as raw bytes after its line (params.dataBytes). */
    async callWithData<M extends MethodName>(method: M, params: Omit<ParamsOf<M>, "dataBytes">, data: Uint8Array,
        timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<ResultOf<M>> {
        return (await this.request(method, { ...params, dataBytes: data.length }, data, timeoutMs)).result as ResultOf<M>;
    }

    /** A call whose reply carries raw bytes after its line (result.dataBytes). */
    async callForData<M extends MethodName>(method: M, params: ParamsOf<M>, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<{ result: ResultOf<M>; data: Uint8Array<ArrayBuffer> }> {
        const reply = await this.request(method, params, undefined, timeoutMs);
        return { result: reply.result as ResultOf<M>, data: reply.data ?? new Uint8Array(0) };
    }

    private request(method: string, params: unknown, data: Uint8Array | undefined, timeoutMs: number): Promise<Reply> {
        if (this.closedWith) return Promise.reject(this.closedWith);
        const id = this.nextId++;
        return new Promise<Reply>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new AgentError("timeout", _("The guest agent did not answer in time.")));
            }, timeoutMs);
            this.pending.set(id, { method, resolve, reject, timer });
            // "id" before "params": see the protocol's note on over-long lines.
            this.transport?.send(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`, data);
        });
    }

    /** reason: what the users of this client are told (default: closed). */
    close(reason?: AgentError): void {
        this.onClosed(reason ?? new AgentError("closed", _("The connection to the guest agent was closed.")));
        this.transport?.close();
    }

    private async sync(): Promise<void> {
        for (let attempt = 0; attempt < SYNC_ATTEMPTS; attempt++) {
            if (this.closedWith) throw this.closedWith;
            const nonce = 1 + Math.floor(Math.random() * (Number.MAX_SAFE_INTEGER - 1));
            const synced = await new Promise<boolean>(resolve => {
                const timer = setTimeout(() => resolve(false), SYNC_ATTEMPT_MS);
                this.syncing = { nonce, done: () => { clearTimeout(timer); resolve(true) } };
                this.transport?.send("\n");
                this.transport?.send(`${JSON.stringify({ jsonrpc: "2.0", id: "sync", method: "agent.sync", params: { id: nonce } })}\n`);
            });
            this.syncing = undefined;
            if (synced) return;
        }
        if (this.closedWith) throw this.closedWith;
        throw new AgentError("busy-channel", _("The guest agent does not answer. Another program may be connected to the agent's channel (it serves one client at a time, for example another browser tab showing this page), or the agent is not running."));
    }

    /** Returns the count of data bytes that follow the line. */
    private onLine(line: string): number {
        let message: unknown;
        try {
            message = JSON.parse(line);
        } catch {
            return 0; // garbage from a previous session; the handshake discards it
        }
        if (!isRpcResponse(message)) return 0;
        const dataBytes = "result" in message ? announcedBytes(message.result) : 0;
        const pending = this.syncing || message.id === null ? undefined : this.pending.get(message.id);
        if (this.syncing && isSyncReply(message, this.syncing.nonce)) this.syncing.done();
        if (pending && message.id !== null) {
            this.pending.delete(message.id);
            clearTimeout(pending.timer);
        }
        if ("error" in message) {
            pending?.reject(rpcError(pending.method, message.error));
            return 0;
        }
        // Data bytes of replies we do not wait for (stale ones) are skipped all the same.
        if (dataBytes > 0) this.awaitingData = { pending, result: message.result };
        else pending?.resolve({ result: message.result, data: undefined });
        return dataBytes;
    }

    private onData(bytes: Uint8Array<ArrayBuffer>): void {
        const awaiting = this.awaitingData;
        this.awaitingData = undefined;
        awaiting?.pending?.resolve({ result: awaiting.result, data: bytes });
    }

    private onClosed(error: AgentError): void {
        if (this.closedWith) return;
        this.closedWith = error;
        for (const p of this.pending.values()) {
            clearTimeout(p.timer);
            p.reject(error);
        }
        this.pending.clear();
        this.awaitingData?.pending?.reject(error);
        this.awaitingData = undefined;
        for (const listener of this.closeListeners) listener(error);
    }
}
