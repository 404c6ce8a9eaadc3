// The <channel> devices of the guest agents: ours (kvmm-agent's virtio-serial port) and
// qemu-guest-agent's, and whether a process in the guest listens on them.
import { PORT_NAME } from "../../agent/src/protocol.ts";
import type { DomainConfig } from "./domain-xml.ts";
import { xmlBuilder } from "./xml.ts";

/** No <source>: libvirt picks the host socket path itself. */
export function agentChannelXml(): string {
    return xmlBuilder.build({
        channel: { "@_type": "unix", target: { "@_type": "virtio", "@_name": PORT_NAME } },
    });
}

export const AGENT_CHANNEL = PORT_NAME;
export const QEMU_AGENT_CHANNEL = "org.qemu.guest_agent.0";

export type AgentStatus = "no-channel" | "not-listening" | "connected";

function channelStatus(live: DomainConfig, name: string): AgentStatus {
    const channel = live.channels.find(c => c.name === name);
    if (!channel) return "no-channel";
    return channel.state === "connected" ? "connected" : "not-listening";
}

export function agentStatus(live: DomainConfig): AgentStatus {
    return channelStatus(live, AGENT_CHANNEL);
}

export function qemuAgentStatus(live: DomainConfig): AgentStatus {
    return channelStatus(live, QEMU_AGENT_CHANNEL);
}
