/* agent.ping, agent.sync, agent.info: the handshake and self-description. */
import type { AgentConfig } from "../config.ts";
import { reqInt } from "../params.ts";
import { AGENT_NAME, METHOD_NAMES, type MethodName,PROTOCOL_VERSION } from "../protocol.ts";
import { define, type Handlers,noParams } from "./define.ts";

export function agentMethods(config: AgentConfig, version: string, disabled: ReadonlySet<MethodName>): Pick<Handlers,
    "agent.ping" | "agent.sync" | "agent.info"> {
    return {
        "agent.ping": define(noParams, () => Promise.resolve({ pong: true as const, timeMs: Date.now() })),
        "agent.sync": define(o => ({ id: reqInt(o, "id", 0) }), p => Promise.resolve({ id: p.id })),
        "agent.info": define(noParams, () => Promise.resolve({
            name: AGENT_NAME,
            version,
            protocolVersion: PROTOCOL_VERSION,
            methods: METHOD_NAMES.filter(m => !disabled.has(m)),
            disabled: METHOD_NAMES.filter(m => disabled.has(m)),
            limits: {
                maxLineBytes: config.maxLineBytes,
                maxFileBytes: config.maxFileBytes,
                maxReadBytes: config.maxReadBytes,
                maxExecOutputBytes: config.maxExecOutputBytes,
            },
            allowedDirectories: [...config.allowedDirectories],
        })),
    };
}
