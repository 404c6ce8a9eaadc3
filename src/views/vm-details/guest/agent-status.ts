// Whether our guest agent can be reached, read from the live XML's channel without connecting.
import type { DomainConfig } from "../../../libvirt/domain-xml.ts";

export const AGENT_CHANNEL = "org.kvmmanager.agent.0";

export type AgentStatus = "no-channel" | "not-listening" | "connected";

export function agentStatus(live: DomainConfig): AgentStatus {
    const channel = live.channels.find(c => c.name === AGENT_CHANNEL);
    if (!channel) return "no-channel";
    return channel.state === "connected" ? "connected" : "not-listening";
}
