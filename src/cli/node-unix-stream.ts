// A byte stream to a unix socket for kvmm (a VM's agent channel), closed the way Cockpit's is.
import { createConnection } from "node:net";

import type { ByteStream, ByteStreamHandlers } from "../lib/transports.ts";

/** Socket errors as Cockpit's channels name them. */
const PROBLEMS: Record<string, string> = { ENOENT: "not-found", EACCES: "access-denied", EPERM: "access-denied", ECONNREFUSED: "not-found" };

export function nodeUnixStream(path: string, handlers: ByteStreamHandlers): ByteStream {
    let closed = false;
    const ended = (problem: string | undefined, message: string | undefined): void => {
        if (closed) return;
        closed = true;
        handlers.onClose(problem, message);
    };
    const socket = createConnection(path);
    socket.on("data", (chunk: Buffer) => handlers.onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    socket.on("error", (error: NodeJS.ErrnoException) => ended(PROBLEMS[error.code ?? ""] ?? "disconnected", error.message));
    socket.on("close", () => ended("disconnected", undefined));
    return {
        send: bytes => {
            if (!closed) socket.write(bytes);
        },
        close: () => {
            if (closed) return;
            socket.destroy();
            ended(undefined, undefined);
        },
    };
}
