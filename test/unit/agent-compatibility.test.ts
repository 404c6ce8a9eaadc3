// The plugin against older and newer agents: agent.info as the real agent code answers it,
// with an older agent's method list and protocol version as it would report them.
import QUnit from "qunit";

import { disabledMethodSet, parseConfig } from "../../agent/src/config.ts";
import { agentMethods } from "../../agent/src/methods/agent.ts";
import type { AgentInfo } from "../../agent/src/protocol.ts";
import { AGENT_VERSION } from "../../agent/src/version.ts";
import { agentCompatibility, compareVersions } from "../../src/agent-client/compatibility.ts";

const noCall = { afterReply: () => undefined, data: undefined, replyData: () => undefined };

async function infoOf(config: Record<string, unknown>, version = AGENT_VERSION): Promise<AgentInfo> {
    const parsed = parseConfig(config);
    const { "agent.info": info } = agentMethods(parsed, version, disabledMethodSet(parsed));
    return info({}, noCall);
}

QUnit.module("agent compatibility", () => {
    QUnit.test("versions compare by number, a pre-release before its release", assert => {
        assert.strictEqual(compareVersions("0.10.0", "0.9.9"), 1);
        assert.strictEqual(compareVersions("0.2.0", "0.2.0"), 0);
        assert.strictEqual(compareVersions("0.1.0", "0.2.0"), -1);
        assert.strictEqual(compareVersions("1.0.0-rc1", "1.0.0"), -1);
        assert.strictEqual(compareVersions("1.0", "1.0.0"), 0);
    });

    QUnit.test("the agent this plugin carries needs nothing", async assert => {
        const c = agentCompatibility(await infoOf({}));
        assert.deepEqual(c, { running: AGENT_VERSION, carried: AGENT_VERSION, order: 0, needsUpdate: [] });
    });

    QUnit.test("an older agent is used for what it has; what it predates is named", async assert => {
        const now = await infoOf({}, "0.1.0");
        // 0.1.0 spoke protocol 3 and had no agent.update.
        const old: AgentInfo = { ...now, protocolVersion: 3, methods: now.methods.filter(m => m !== "agent.update") };
        const c = agentCompatibility(old);
        assert.strictEqual(c.order, -1);
        assert.deepEqual(c.needsUpdate, ["update"]);
        const older: AgentInfo = { ...old, protocolVersion: 2, methods: old.methods.filter(m => !m.startsWith("file.") || m === "file.open_write" || m === "file.write_chunk" || m === "file.close_write" || m === "file.abort_write") };
        assert.deepEqual(agentCompatibility(older).needsUpdate, ["download", "update"]);
    });

    QUnit.test("what the guest's configuration turns off is not an update to ask for", async assert => {
        const restricted = await infoOf({ allowExec: false, allowFileWrite: false });
        assert.ok(restricted.disabled.includes("agent.update") && !restricted.methods.includes("guest.exec"));
        assert.deepEqual(agentCompatibility(restricted).needsUpdate, []);
    });

    QUnit.test("a newer agent is said to be newer, though its version number may be the same", async assert => {
        const info = await infoOf({}, "9.0.0");
        assert.strictEqual(agentCompatibility(info).order, 1);
        assert.strictEqual(agentCompatibility({ ...info, version: AGENT_VERSION, protocolVersion: info.protocolVersion + 1 }).order, 1);
    });
});
