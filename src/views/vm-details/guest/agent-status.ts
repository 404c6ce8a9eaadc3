// Whether our guest agent (or else qemu-guest-agent) can be reached, read from the live XML's
// channels without connecting.
import type { DomainConfig } from "../../../libvirt/domain-xml.ts";

export const AGENT_CHANNEL = "org.kvmmanager.agent.0";
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
