// JSON-RPC client of kvmm-agent over the VM's virtio-serial channel socket. QEMU serves one
// client at a time on that socket, so connect when needed and close when done.
import {
    isRpcResponse, isSyncReply, type MethodName, type ParamsOf, type RequestId, type ResultOf, type RpcResponse,
} from "../../agent/src/protocol.ts";
import { _ } from "../lib/i18n.ts";

import { AgentError, closedError, rpcError } from "./agent-errors.ts";
import type { LineHandlers, LineTransport } from "./line-types.ts";

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
const SYNC_ATTEMPT_MS = 2_000;
const SYNC_ATTEMPTS = 3;

export type TransportFactory = (handlers: LineHandlers) => LineTransport;

interface Pending {
    method: string;
    resolve: (value: unknown) => void;
    reject: (error: AgentError) => void;
    timer: ReturnType<typeof setTimeout>;
}

export class AgentClient {
    private transport: LineTransport | undefined;
    private pending = new Map<RequestId, Pending>();
    private nextId = 1;
    private syncing: { nonce: number; done: () => void } | undefined;
    private closedWith: AgentError | undefined;
    private closeListeners = new Set<(error: AgentError) => void>();

    private constructor() {}

    /** Opens the transport and performs the sync handshake; rejects with a clear AgentError. */
    static async connectWith(factory: TransportFactory): Promise<AgentClient> {
        const client = new AgentClient();
        client.transport = factory({
            onLine: line => client.onLine(line),
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

    call<M extends MethodName>(method: M, params: ParamsOf<M>, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<ResultOf<M>> {
        if (this.closedWith) return Promise.reject(this.closedWith);
        const id = this.nextId++;
        return new Promise<ResultOf<M>>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new AgentError("timeout", _("The guest agent did not answer in time.")));
            }, timeoutMs);
            this.pending.set(id, { method, resolve: v => resolve(v as ResultOf<M>), reject, timer });
            // "id" before "params": see the protocol's note on over-long lines.
            this.transport?.send(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
        });
    }

    close(): void {
        this.onClosed(new AgentError("closed", _("The connection to the guest agent was closed.")));
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

    private onLine(line: string): void {
        let message: unknown;
        try {
            message = JSON.parse(line);
        } catch {
            return; // garbage from a previous session; the handshake discards it
        }
        if (this.syncing) {
            if (isSyncReply(message, this.syncing.nonce)) this.syncing.done();
            return;
        }
        if (!isRpcResponse(message) || message.id === null) return;
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        const response: RpcResponse = message;
        if ("error" in response) pending.reject(rpcError(pending.method, response.error));
        else pending.resolve(response.result);
    }

    private onClosed(error: AgentError): void {
        if (this.closedWith) return;
        this.closedWith = error;
        for (const p of this.pending.values()) {
            clearTimeout(p.timer);
            p.reject(error);
        }
        this.pending.clear();
        for (const listener of this.closeListeners) listener(error);
    }
}
