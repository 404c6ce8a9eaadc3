// The agent client over the host's byte stream to a VM's channel socket (Cockpit's for the page,
// Node's for kvmm), cut into lines and data.
import { transports } from "../lib/transports.ts";
import { AgentClient } from "./agent-client.ts";
import { FrameSplitter, type LineHandlers, type LineTransport } from "./line-types.ts";

/** Connects to the agent behind a VM's channel socket (the host side of the virtio-serial port). */
export function connectAgent(socketPath: string): Promise<AgentClient> {
    return AgentClient.connectWith(handlers => openUnixLines(socketPath, handlers));
}

export function openUnixLines(socketPath: string, handlers: LineHandlers): LineTransport {
    const encoder = new TextEncoder();
    const splitter = new FrameSplitter(handlers);
    const stream = transports().unixStream(socketPath, {
        onData: bytes => splitter.push(bytes),
        onClose: (problem, message) => handlers.onClose(problem, message),
    });
    return {
        send: (line, data) => {
            stream.send(encoder.encode(line));
            if (data !== undefined && data.length > 0) stream.send(data);
        },
        close: () => stream.close(),
    };
}
