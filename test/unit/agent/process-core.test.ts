import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { type AgentInfo,ERROR_CODES, METHOD_NAMES } from "../../../agent/src/protocol.ts";
import { errorCodeOf, must, parseReply, request, resultOf, sleep } from "./helpers.ts";
import { AGENT_JS, AgentProcess, buildAgent, eventually, removeDir, tempDir } from "./process-harness.ts";

QUnit.module("agent process: protocol", hooks => {
    let dir = "";
    let agent: AgentProcess;
    let restricted: AgentProcess;

    hooks.before(async () => {
        buildAgent();
        dir = tempDir("kvmm-core-");
        agent = await AgentProcess.start(dir, { maxLineBytes: 4096, allowedDirectories: [dir] });
        restricted = await AgentProcess.start(dir, {
            allowExec: false, allowFileWrite: false, disabledMethods: ["guest.reboot"], allowedDirectories: [path.join(dir, "none")],
        });
    });
    hooks.after(async () => {
        await agent.stop();
        await restricted.stop();
        removeDir(dir);
    });

    QUnit.test("sync handshake after joining mid-stream", async assert => {
        const { client } = await agent.connect();
        client.send("{\"jsonrpc\":\"2.0\",\"id\":\"half\",\"method\":\"agent.pi"); // a previous host's leftovers
        await sleep(20);
        const nonce = Math.floor(Math.random() * 2 ** 31) + 1;
        const synced = client.waitFor(r => "result" in r && (r.result as { id?: unknown }).id === nonce);
        client.send(`\n${request("sync", "agent.sync", { id: nonce })}`);
        assert.strictEqual(must(await synced).id, "sync");
        assert.deepEqual(Object.keys(await client.result("agent.ping")), ["pong", "timeMs"]);
        assert.notOk(client.lines.map(parseReply).some(r => r.id === "half"), "the leftover was never taken as a request");
    });

    QUnit.test("agent.info lists methods, limits and what is disabled", async assert => {
        const info = await (await agent.connect()).client.result<AgentInfo>("agent.info");
        assert.strictEqual(info.name, "kvmm-agent");
        assert.deepEqual(info.methods, [...METHOD_NAMES]);
        assert.deepEqual(info.disabled, []);
        assert.strictEqual(info.limits.maxLineBytes, 4096);
        const r = await (await restricted.connect()).client.result<AgentInfo>("agent.info");
        for (const m of ["guest.exec", "guest.exec_start", "file.open_write", "file.delete", "guest.reboot"] as const) {
            assert.ok(r.disabled.includes(m) && !r.methods.includes(m), `${m} disabled`);
        }
        assert.ok(r.methods.includes("file.read") && r.methods.includes("guest.shutdown"));
    });

    QUnit.test("disabled methods: dedicated code, message, and an audit line", async assert => {
        const { client } = await restricted.connect();
        const r = await client.call("guest.exec", { argv: ["echo", "no"] });
        assert.ok("error" in r);
        if ("error" in r) {
            assert.strictEqual(r.error.code, ERROR_CODES.MethodDisabled);
            assert.strictEqual(r.error.message, "method guest.exec is disabled by the agent configuration");
        }
        assert.strictEqual(await client.errorCode("file.write_chunk", { handle: "x", offset: 0, data: "" }), ERROR_CODES.MethodDisabled);
        assert.strictEqual(await client.errorCode("file.read", { path: "/etc/hostname" }), ERROR_CODES.PathNotAllowed);
        assert.ok(await eventually(() => restricted.auditLines().some(l => /^audit: method=guest\.exec outcome=error code=-32000 id=\d+ ms=\d+$/.test(l))),
            "audit line on stderr");
    });

    QUnit.test("garbage, split and merged lines, oversized messages, unknown methods, bad params", async assert => {
        const { client } = await agent.connect();
        const huge = client.waitFor(r => r.id === "huge");
        client.send(`{"jsonrpc":"2.0","id":"huge","method":"agent.ping","params":{"pad":"${"x".repeat(20000)}"}}\n`);
        assert.strictEqual(errorCodeOf(await huge), ERROR_CODES.MessageTooLarge);
        const parseError = client.waitFor(r => r.id === null);
        client.send("\u0000\u00ff not json at all\n");
        assert.strictEqual(errorCodeOf(await parseError), ERROR_CODES.ParseError);
        // One request split over three writes, then three merged into one write.
        const split = client.waitFor(r => r.id === "split");
        for (const part of ["{\"jsonrpc\":\"2.0\",", "\"id\":\"split\",\"method\":\"agent.", "ping\"}\n"]) {
            client.send(part);
            await sleep(15);
        }
        assert.ok("result" in await split);
        const merged = ["m1", "m2", "m3"].map(id => client.waitFor(r => r.id === id));
        client.send(request("m1", "agent.ping") + request("m2", "agent.sync", { id: 2 }) + request("m3", "agent.ping"));
        assert.strictEqual((await Promise.all(merged)).length, 3);
        assert.strictEqual(await client.errorCode("guest.nothing"), ERROR_CODES.MethodNotFound);
        assert.strictEqual(await client.errorCode("agent.sync", { id: "x" }), ERROR_CODES.InvalidParams);
        assert.strictEqual(await client.errorCode("file.read", { path: "relative" }), ERROR_CODES.InvalidParams);
        assert.strictEqual(await client.errorCode("guest.exec", { argv: [] }), ERROR_CODES.InvalidParams);
    });

    QUnit.test("many requests in flight are all answered by id", async assert => {
        assert.timeout(15000);
        const { client } = await agent.connect();
        const calls: Promise<unknown>[] = [];
        for (let i = 0; i < 150; i++) calls.push(client.call("agent.sync", { id: i }).then(r => resultOf<{ id: number }>(r).id === i));
        for (let i = 0; i < 40; i++) calls.push(client.call("file.stat", { path: dir }).then(r => "result" in r));
        for (let i = 0; i < 10; i++) {
            calls.push(client.call("guest.exec", { argv: ["echo", `n${i}`], outputEncoding: "utf8" })
                .then(r => resultOf<{ stdout: string }>(r).stdout === `n${i}\n`));
        }
        const ok = await Promise.all(calls);
        assert.strictEqual(ok.filter(Boolean).length, 200);
    });

    QUnit.test("a host going away mid-reply does not hurt the agent", async assert => {
        assert.timeout(15000);
        const big = path.join(dir, "big.bin");
        writeFileSync(big, Buffer.alloc(1024 * 1024, 7));
        for (let i = 0; i < 8; i++) {
            const { client, socket } = await agent.connect();
            client.send(request(1, "file.read", { path: big }) + request(2, "guest.exec", { argv: ["head", "-c", "300000", "/dev/zero"] }));
            if (i % 2 === 1) await sleep(5);
            socket.destroy();
        }
        await sleep(300);
        assert.ok(agent.alive(), "still running");
        const { client } = await agent.connect();
        assert.ok("pong" in await client.result("agent.ping"));
    });

    QUnit.test("stdio mode answers and exits at end of input", async assert => {
        const configPath = path.join(dir, "stdio.json");
        writeFileSync(configPath, "{}");
        const child = spawn(process.execPath, [AGENT_JS, "--stdio", "--config", configPath], { stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
            out += c.toString();
        });
        child.stdin.end(`${request(1, "agent.ping")}garbage\n${request(2, "guest.exec", { argv: ["echo", "hi"], outputEncoding: "utf8" })}`);
        const code = await new Promise(resolve => child.once("exit", resolve));
        assert.strictEqual(code, 0);
        const replies = out.trim().split("\n").map(parseReply);
        assert.deepEqual(replies.map(r => r.id).sort(), [1, 2, null].sort());
        assert.strictEqual(resultOf<{ stdout: string }>(must(replies.find(r => r.id === 2))).stdout, "hi\n");
    });

    QUnit.test("a broken config stops the agent from starting (fail closed)", async assert => {
        const configPath = path.join(dir, "broken.json");
        writeFileSync(configPath, JSON.stringify({ allowexec: false }));
        const child = spawn(process.execPath, [AGENT_JS, "--stdio", "--config", configPath], { stdio: ["pipe", "ignore", "pipe"] });
        let err = "";
        child.stderr.on("data", (c: Buffer) => {
            err += c.toString();
        });
        const code = await new Promise(resolve => child.once("exit", resolve));
        assert.strictEqual(code, 2);
        assert.ok(err.includes("unknown config key allowexec"), err);
    });

    QUnit.test("SIGTERM: running commands are killed and partial uploads removed", async assert => {
        const work = path.join(dir, "cleanup");
        mkdirSync(work);
        const extra = await AgentProcess.start(dir, { allowedDirectories: [work] });
        const { client } = await extra.connect();
        const { pid } = await client.result<{ pid: number }>("guest.exec_start", { argv: ["sleep", "30"] });
        const sync = client.call("guest.exec", { argv: ["sleep", "30"] }); // never answered: the agent stops first
        void sync.catch(() => undefined);
        await client.result("file.open_write", { path: path.join(work, "partial.bin") });
        assert.strictEqual(readdirSync(work).length, 1, "temp file while the upload is open");
        await sleep(100);
        const gone = (p: number): boolean => {
            try {
                return readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.startsWith("Z") === true;
            } catch {
                return true;
            }
        };
        assert.false(gone(pid));
        await extra.stop();
        assert.strictEqual(extra.child.exitCode, 0, "clean exit");
        assert.true(await eventually(() => gone(pid)), "the exec_start child is gone");
        assert.deepEqual(readdirSync(work), [], "the temp file is gone");
    });

    QUnit.test("SIGKILL mid-upload: the next agent removes the temp file that was left, and nothing else", async assert => {
        const work = path.join(dir, "killed");
        mkdirSync(work);
        const config = { allowedDirectories: [work], stateDirectory: path.join(dir, "killed-state") };
        const records = (): string[] => readdirSync(path.join(config.stateDirectory, "uploads"));
        const first = await AgentProcess.start(dir, config);
        const { client } = await first.connect();
        const done = Buffer.from("finished upload\n");
        const { handle: finished } = await client.result<{ handle: string }>("file.open_write", { path: path.join(work, "done.txt") });
        await client.result("file.write_chunk", { handle: finished, offset: 0, data: done.toString("base64") });
        await client.result("file.close_write", { handle: finished, sha256: createHash("sha256").update(done).digest("hex") });
        const { handle } = await client.result<{ handle: string }>("file.open_write", { path: path.join(work, "big.bin") });
        await client.result("file.write_chunk", { handle, offset: 0, data: Buffer.from("partial").toString("base64") });
        assert.strictEqual(records().length, 1, "the unfinished upload is recorded, the finished one no longer");

        first.child.kill("SIGKILL");
        assert.true(await eventually(() => !first.alive()), "the agent is gone");
        const temp = readdirSync(work).filter(n => n !== "done.txt");
        assert.true(temp.length === 1 && /^\.big\.bin\.kvmm-[0-9a-f]{8}\.tmp$/.test(temp[0] ?? ""), `its temp file stays behind: ${temp.join(", ")}`);

        const second = await AgentProcess.start(dir, config);
        assert.deepEqual(readdirSync(work), ["done.txt"], "the temp file is removed at start, the finished file kept");
        assert.strictEqual(readFileSync(path.join(work, "done.txt"), "utf8"), "finished upload\n");
        assert.deepEqual(records(), [], "and its record");
        assert.true(second.stderr.includes(`removed ${path.join(work, temp[0] ?? "")}, left by an upload that did not finish`), second.stderr);
        await second.stop();
    });

    QUnit.test("after all of the above, the agents are still alive", assert => {
        assert.ok(agent.alive() && restricted.alive());
        assert.notOk(/uncaught|unhandled|internal error/i.test(agent.stderr), "no crash reports on stderr");
    });
});
