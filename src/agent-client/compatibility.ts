// The running agent against the one this plugin carries: which is newer, and which of the
// plugin's features the agent predates (those need an update; the rest work with it as it is).
import { type AgentInfo, type FeatureName, FEATURES, PROTOCOL_VERSION } from "../../agent/src/protocol.ts";
import { AGENT_VERSION } from "../../agent/src/version.ts";

export interface AgentCompatibility {
    /** The agent's version, and the version of the agent this plugin carries. */
    running: string;
    carried: string;
    /** Negative: the running agent is older than the carried one; 0 the same; positive newer. */
    order: number;
    /** The plugin's features the running agent predates. */
    needsUpdate: FeatureName[];
}

/** Compares dotted numeric versions ("0.10.1" > "0.9.3"); a pre-release suffix sorts before its release. */
export function compareVersions(a: string, b: string): number {
    const parse = (v: string): { parts: number[]; pre: boolean } => {
        const [core = "", pre] = v.split(/[-+]/, 2);
        return { parts: core.split(".").map(n => Number.parseInt(n, 10) || 0), pre: pre !== undefined && v.includes("-") };
    };
    const x = parse(a);
    const y = parse(b);
    for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
        const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
        if (d !== 0) return Math.sign(d);
    }
    return Number(y.pre) - Number(x.pre);
}

/** A feature the agent predates: its protocol is older, or a method is neither served nor disabled by configuration. */
function predates(info: AgentInfo, name: FeatureName): boolean {
    const feature = FEATURES[name];
    if (info.protocolVersion < feature.protocol) return true;
    return feature.methods.some(m => !info.methods.includes(m) && !info.disabled.includes(m));
}

export function agentCompatibility(info: AgentInfo, carried: string = AGENT_VERSION): AgentCompatibility {
    const needsUpdate = (Object.keys(FEATURES) as FeatureName[]).filter(name => predates(info, name));
    // A newer protocol with the same version number is still a newer agent (a development build).
    const order = compareVersions(info.version, carried) || Math.sign(info.protocolVersion - PROTOCOL_VERSION);
    return { running: info.version, carried, order, needsUpdate };
}
