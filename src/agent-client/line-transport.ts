// A byte stream to the agent's socket through a Cockpit channel, cut into lines and data.
import { cockpit } from "../lib/cockpit.ts";
import type { Channel, ChannelCloseOptions } from "../lib/cockpit-types.ts";

import { AgentClient } from "./agent-client.ts";
import { FrameSplitter, type LineHandlers, type LineTransport } from "./line-types.ts";

/** Connects to the agent behind a VM's channel socket (the host side of the virtio-serial port). */
export function connectAgent(socketPath: string): Promise<AgentClient> {
    return AgentClient.connectWith(handlers => openUnixLines(socketPath, handlers));
}

/** Opens the channel at once; data sent before it is ready is queued by cockpit.js. */
export function openUnixLines(socketPath: string, handlers: LineHandlers): LineTransport {
    const channel: Channel<Uint8Array> = cockpit.channel({ payload: "stream", unix: socketPath, superuser: "require", binary: true });
    const encoder = new TextEncoder();
    const splitter = new FrameSplitter(handlers);
    let closed = false;
    channel.addEventListener("message", (_event, data: Uint8Array) => splitter.push(data));
    channel.addEventListener("close", (_event, options: ChannelCloseOptions) => {
        if (closed) return;
        closed = true;
        handlers.onClose(options.problem, options.message);
    });
    return {
        send: (line, data) => {
            if (closed) return;
            channel.send(encoder.encode(line));
            if (data !== undefined && data.length > 0) channel.send(data);
        },
        close: () => {
            if (closed) return;
            closed = true;
            // With a problem code the bridge drops what it still holds for the socket. A plain
            // close first writes all of it (measured: 8 MiB of a stalled upload), so a restarted
            // agent would read the tail of an abandoned transfer before the next client's bytes.
            channel.close("cancelled");
            handlers.onClose(undefined, undefined);
        },
    };
}
