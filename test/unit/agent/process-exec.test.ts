import { ERROR_CODES, type ExecResult, type ExecStartResult, type ExecStatus } from "../../../agent/src/protocol.ts";
import type { LineClient } from "./helpers.ts";
import { AgentProcess, buildAgent, removeDir, tempDir } from "./process-harness.ts";

const b64 = (s: string): string => Buffer.from(s).toString("base64");
const unb64 = (s: string): string => Buffer.from(s, "base64").toString("utf8");

/** Polls an exec session to its end, returning all output (each poll's base64 decoded on its own). */
async function drain(client: LineClient, handle: number): Promise<{ stdout: Buffer; stderr: Buffer; last: ExecStatus; polls: number }> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    for (let polls = 1; polls < 200; polls++) {
        const st = await client.result<ExecStatus>("guest.exec_status", { handle, waitMs: 2000 });
        out.push(Buffer.from(st.stdout, st.encoding));
        err.push(Buffer.from(st.stderr, st.encoding));
        if (!st.running) return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), last: st, polls };
    }
    throw new Error("exec session did not finish");
}

QUnit.module("agent process: exec", hooks => {
    let dir = "";
    let agent: AgentProcess;
    let client: LineClient;

    hooks.before(async () => {
        buildAgent();
        dir = tempDir("kvmm-exec-");
        agent = await AgentProcess.start(dir, { maxExecOutputBytes: 65536 });
        client = (await agent.connect()).client;
    });
    hooks.after(async () => {
        await agent.stop();
        removeDir(dir);
    });

    QUnit.test("guest.exec runs argv without a shell (base64 and utf8 output)", async assert => {
        const r = await client.result<ExecResult>("guest.exec", { argv: ["echo", "hello", "$HOME", "*"] });
        assert.strictEqual(r.encoding, "base64");
        assert.strictEqual(unb64(r.stdout), "hello $HOME *\n", "no shell expansion");
        assert.strictEqual(r.exitCode, 0);
        assert.strictEqual(r.signal, null);
        assert.false(r.timedOut);
        const u = await client.result<ExecResult>("guest.exec", { argv: ["printf", "héllo"], outputEncoding: "utf8" });
        assert.strictEqual(u.stdout, "héllo");
    });

    QUnit.test("stdin, env, cwd, exit status and stderr", async assert => {
        const cat = await client.result<ExecResult>("guest.exec", { argv: ["cat"], stdin: b64("fed through stdin\n"), outputEncoding: "utf8" });
        assert.strictEqual(cat.stdout, "fed through stdin\n");
        const env = await client.result<ExecResult>("guest.exec", { argv: ["sh", "-c", "echo $KVMM_TEST"], env: { KVMM_TEST: "from env" }, outputEncoding: "utf8" });
        assert.strictEqual(env.stdout, "from env\n");
        const cwd = await client.result<ExecResult>("guest.exec", { argv: ["pwd"], cwd: dir, outputEncoding: "utf8" });
        assert.strictEqual(cwd.stdout, `${dir}\n`);
        const fail = await client.result<ExecResult>("guest.exec", { argv: ["echo oops >&2; exit 3"], shell: true, outputEncoding: "utf8" });
        assert.strictEqual(fail.exitCode, 3);
        assert.strictEqual(fail.stderr, "oops\n");
        const args = await client.result<ExecResult>("guest.exec", { argv: ["echo \"$0-$1\"", "zero", "one"], shell: true, outputEncoding: "utf8" });
        assert.strictEqual(args.stdout, "zero-one\n", "shell: the rest of argv are $0, $1");
    });

    QUnit.test("timeout kills the whole process group", async assert => {
        const started = Date.now();
        const r = await client.result<ExecResult>("guest.exec", { argv: ["sleep 30 & sleep 30; echo never"], shell: true, timeoutMs: 200, outputEncoding: "utf8" });
        assert.true(r.timedOut);
        assert.strictEqual(r.signal, "SIGKILL");
        assert.strictEqual(r.stdout, "");
        assert.ok(Date.now() - started < 3000, `returned promptly (${Date.now() - started} ms)`);
    });

    QUnit.test("a background child holding the pipe does not hang the call", async assert => {
        const started = Date.now();
        const r = await client.result<ExecResult>("guest.exec", { argv: ["sleep 5 & echo started"], shell: true, outputEncoding: "utf8" });
        assert.strictEqual(r.stdout, "started\n");
        assert.strictEqual(r.exitCode, 0);
        assert.ok(Date.now() - started < 2500, `returned promptly (${Date.now() - started} ms)`);
    });

    QUnit.test("output beyond maxExecOutputBytes is truncated and flagged", async assert => {
        const r = await client.result<ExecResult>("guest.exec", { argv: ["head", "-c", "100000", "/dev/zero"] });
        assert.true(r.stdoutTruncated);
        assert.strictEqual(Buffer.from(r.stdout, "base64").length, 65536);
        assert.strictEqual(r.exitCode, 0);
    });

    QUnit.test("a missing program or cwd is a CommandFailed error", async assert => {
        assert.strictEqual(await client.errorCode("guest.exec", { argv: ["/nonexistent/program"] }), ERROR_CODES.CommandFailed);
        assert.strictEqual(await client.errorCode("guest.exec", { argv: ["true"], cwd: "/nonexistent/dir" }), ERROR_CODES.CommandFailed);
        assert.strictEqual(await client.errorCode("guest.exec", { argv: ["true"], stdin: "not base64!" }), ERROR_CODES.InvalidParams);
        assert.strictEqual(await client.errorCode("guest.exec", { argv: ["true"], env: { "A=B": "x" } }), ERROR_CODES.InvalidParams);
    });

    QUnit.test("exec_start + exec_status deliver output incrementally", async assert => {
        const { handle, pid } = await client.result<ExecStartResult>("guest.exec_start", {
            argv: ["echo one; sleep 0.4; echo two >&2; echo three"], shell: true, outputEncoding: "utf8",
        });
        assert.ok(handle > 0 && pid > 0);
        const first = await client.result<ExecStatus>("guest.exec_status", { handle, waitMs: 2000 });
        assert.true(first.running, "still running after the first line");
        assert.strictEqual(first.stdout, "one\n");
        const rest = await drain(client, handle);
        assert.strictEqual(rest.stdout.toString(), "three\n");
        assert.strictEqual(rest.stderr.toString(), "two\n");
        assert.strictEqual(rest.last.exitCode, 0);
        assert.strictEqual(await client.errorCode("guest.exec_status", { handle }), ERROR_CODES.NotFound, "the handle is released");
    });

    QUnit.test("exec_status holds back a chatty command instead of buffering without bound", async assert => {
        const { handle } = await client.result<ExecStartResult>("guest.exec_start", { argv: ["head", "-c", "300000", "/dev/zero"] });
        const { stdout, polls, last } = await drain(client, handle);
        assert.strictEqual(stdout.length, 300000, "nothing lost");
        assert.ok(stdout.every(b => b === 0), "and nothing garbled");
        assert.ok(polls >= 3, `took several polls (${polls})`);
        assert.strictEqual(last.exitCode, 0);
    });

    QUnit.test("exec_kill signals the process group", async assert => {
        const { handle } = await client.result<ExecStartResult>("guest.exec_start", { argv: ["sleep", "30"] });
        assert.deepEqual(await client.result("guest.exec_kill", { handle, signal: "SIGTERM" }), { signalled: true });
        const { last } = await drain(client, handle);
        assert.strictEqual(last.signal, "SIGTERM");
        assert.strictEqual(await client.errorCode("guest.exec_kill", { handle: 99999 }), ERROR_CODES.NotFound);
        assert.strictEqual(await client.errorCode("guest.exec_kill", { handle, signal: "SIGNOPE" }), ERROR_CODES.InvalidParams);
    });

    QUnit.test("a command nobody polls any more is killed; one that is polled runs on", async assert => {
        const idle = await AgentProcess.start(dir, { execSessionIdleMs: 400 });
        try {
            const c = (await idle.connect()).client;
            const forgotten = await c.result<ExecStartResult>("guest.exec_start", { argv: ["sleep", "30"] });
            const watched = await c.result<ExecStartResult>("guest.exec_start", { argv: ["sh", "-c", "sleep 1.2; echo done"], outputEncoding: "utf8" });
            // Short polls of `watched`, each answered well within the idle time, for longer than it.
            let end: ExecStatus | undefined;
            for (let i = 0; i < 40 && !end; i++) {
                const st = await c.result<ExecStatus>("guest.exec_status", { handle: watched.handle, waitMs: 100 });
                if (!st.running) end = st;
            }
            assert.deepEqual([end?.exitCode, end?.signal], [0, null], "the polled command ran to its end");
            const { last } = await drain(c, forgotten.handle);
            assert.strictEqual(last.signal, "SIGKILL", "the other one was killed");
            assert.true(idle.stderr.includes(`exec session of pid ${forgotten.pid} not polled for 400 ms: killed`), idle.stderr);
        } finally {
            await idle.stop();
        }
    });

    QUnit.test("exec_start timeout", async assert => {
        const { handle } = await client.result<ExecStartResult>("guest.exec_start", { argv: ["sleep", "30"], timeoutMs: 150 });
        const { last } = await drain(client, handle);
        assert.true(last.timedOut);
        assert.strictEqual(last.signal, "SIGKILL");
    });
});
