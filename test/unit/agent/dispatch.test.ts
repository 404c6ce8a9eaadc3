import type { Handler } from "../../../agent/src/dispatch.ts";
import { invalidParams } from "../../../agent/src/errors.ts";
import { paramsObject, reqInt } from "../../../agent/src/params.ts";
import { ERROR_CODES } from "../../../agent/src/protocol.ts";
import { captureAgentLog, errorCodeOf, MemorySession, must, request, resultOf, sleep } from "./helpers.ts";

function testHandlers(log: string[] = []): Map<string, Handler> {
    return new Map<string, Handler>([
        ["agent.ping", () => Promise.resolve({ pong: true })],
        ["test.echo", p => Promise.resolve(p)],
        ["test.sleep", async raw => {
            const ms = reqInt(paramsObject(raw), "ms", 0, 5000);
            await sleep(ms);
            return { slept: ms };
        }],
        ["test.add", raw => {
            const o = paramsObject(raw);
            return Promise.resolve(reqInt(o, "a", -1e9, 1e9) + reqInt(o, "b", -1e9, 1e9));
        }],
        ["test.throw", () => Promise.reject(new Error("boom"))],
        ["test.enoent", () => Promise.reject(Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" }))],
        ["test.void", () => Promise.resolve(undefined)],
        ["test.after", (_p, ctx) => {
            ctx.afterReply(() => log.push("after"));
            log.push("handler");
            return Promise.resolve("done");
        }],
        ["test.disabled", () => Promise.resolve("should not run")],
    ]);
}

QUnit.module("agent dispatch", hooks => {
    const logged = captureAgentLog(hooks);

    QUnit.test("a valid request is answered with its id", async assert => {
        const s = new MemorySession(testHandlers());
        s.feed(request(1, "test.add", { a: 2, b: 40 }));
        s.feed(request("s-1", "agent.ping"));
        await s.settle();
        assert.strictEqual(resultOf<number>(must(s.byId(1))), 42);
        assert.deepEqual(resultOf(must(s.byId("s-1"))), { pong: true });
    });

    QUnit.test("garbage gets -32700 with id null, and the stream goes on", async assert => {
        const s = new MemorySession(testHandlers());
        s.feed("this is not json\n{\"jsonrpc\":\"2.0\",\"id\":1,\"meth\n");
        s.feed(request(2, "agent.ping"));
        const replies = await s.settle();
        assert.strictEqual(replies.length, 3);
        assert.deepEqual(replies.filter(r => r.id === null).map(errorCodeOf), [ERROR_CODES.ParseError, ERROR_CODES.ParseError]);
        assert.ok(s.byId(2) && "result" in (s.byId(2) ?? {}));
    });

    QUnit.test("invalid requests get -32600", async assert => {
        const s = new MemorySession(testHandlers());
        s.feed("[1,2]\n42\n\"str\"\nnull\n");
        s.feed(`${JSON.stringify({ jsonrpc: "2.0", id: { x: 1 }, method: "agent.ping" })}\n`);
        s.feed(`${JSON.stringify({ jsonrpc: "1.0", id: 7, method: "agent.ping" })}\n`);
        s.feed(`${JSON.stringify({ jsonrpc: "2.0", id: 8, method: 5 })}\n`);
        const replies = await s.settle();
        assert.strictEqual(replies.length, 7);
        assert.ok(replies.every(r => errorCodeOf(r) === ERROR_CODES.InvalidRequest), "all -32600");
        assert.strictEqual(errorCodeOf(must(s.byId(7))), ERROR_CODES.InvalidRequest, "answered under its id when it has a valid one");
    });

    QUnit.test("unknown method: -32601; bad params: -32602; thrown errors are mapped", async assert => {
        const s = new MemorySession(testHandlers());
        s.feed(request(1, "no.such"));
        s.feed(request(2, "__proto__"));
        s.feed(request(3, "test.add", { a: "two", b: 1 }));
        s.feed(request(4, "test.add", [1, 2]));
        s.feed(request(5, "test.throw"));
        s.feed(request(6, "test.enoent"));
        s.feed(request(7, "test.void"));
        await s.settle();
        const code = (id: number): number | undefined => errorCodeOf(must(s.byId(id), `no reply ${id}`));
        assert.strictEqual(code(1), ERROR_CODES.MethodNotFound);
        assert.strictEqual(code(2), ERROR_CODES.MethodNotFound);
        assert.strictEqual(code(3), ERROR_CODES.InvalidParams);
        assert.strictEqual(code(4), ERROR_CODES.InvalidParams);
        assert.strictEqual(code(5), ERROR_CODES.InternalError);
        assert.ok(logged.some(l => l.startsWith("kvmm-agent: internal error in test.throw: Error: boom")), "internal errors are logged with their stack");
        assert.strictEqual(code(6), ERROR_CODES.NotFound);
        assert.strictEqual(resultOf<unknown>(must(s.byId(7))), null, "undefined result is sent as null");
        assert.ok(s.sent.find(l => l.includes("\"id\":7"))?.includes("\"result\":null"));
    });

    QUnit.test("a disabled method is refused with its own code and message", async assert => {
        const s = new MemorySession(testHandlers(), { disabled: ["test.disabled"] });
        s.feed(request(1, "test.disabled"));
        await s.settle();
        const r = must(s.byId(1));
        assert.ok("error" in r);
        if ("error" in r) {
            assert.strictEqual(r.error.code, ERROR_CODES.MethodDisabled);
            assert.strictEqual(r.error.message, "method test.disabled is disabled by the agent configuration");
        }
    });

    QUnit.test("notifications run but get no reply", async assert => {
        const log: string[] = [];
        const s = new MemorySession(testHandlers(log));
        s.feed(`${JSON.stringify({ jsonrpc: "2.0", method: "test.after" })}\n`);
        await s.settle();
        assert.deepEqual(s.sent, []);
        assert.deepEqual(log, ["handler", "after"]);
    });

    QUnit.test("afterReply actions run only once the reply has been sent", async assert => {
        const log: string[] = [];
        const s = new MemorySession(testHandlers(log));
        s.feed(request(1, "test.after"));
        await s.settle();
        assert.deepEqual(log, ["handler", "after"]);
        assert.strictEqual(s.sent.length, 1);
    });

    QUnit.test("concurrent requests are answered by id as they complete", async assert => {
        const s = new MemorySession(testHandlers());
        const n = 20;
        let batch = "";
        for (let i = 0; i < n; i++) batch += request(i, "test.sleep", { ms: (n - i) * 5 });
        const started = Date.now();
        s.feed(batch);
        const replies = await s.settle();
        assert.ok(Date.now() - started < (n * (n + 1) / 2) * 5, "ran concurrently, not one after another");
        assert.strictEqual(replies.length, n);
        assert.deepEqual(replies.map(r => r.id), [...Array(n).keys()].reverse(), "shortest first");
        for (const r of replies) assert.deepEqual(resultOf(r), { slept: (n - Number(r.id)) * 5 });
    });

    QUnit.test("over maxInFlight: -32009, while ping still answers", async assert => {
        const s = new MemorySession(testHandlers(), { maxInFlight: 2 });
        s.feed(request(1, "test.sleep", { ms: 50 }) + request(2, "test.sleep", { ms: 50 }) + request(3, "test.sleep", { ms: 1 }) + request(4, "agent.ping"));
        await s.settle();
        assert.strictEqual(errorCodeOf(must(s.byId(3))), ERROR_CODES.Busy);
        assert.ok("result" in (s.byId(4) ?? {}));
        assert.ok("result" in (s.byId(1) ?? {}));
        s.feed(request(5, "test.sleep", { ms: 1 }));
        await s.settle();
        assert.ok("result" in (s.byId(5) ?? {}), "slots are released");
    });

    QUnit.test("oversized messages: -32002 under the request's own id, rest of the line discarded", async assert => {
        const s = new MemorySession(testHandlers(), { maxLineBytes: 1024 });
        s.feed(`{"jsonrpc":"2.0","id":"big","method":"test.echo","params":{"data":"${"x".repeat(5000)}"}}\n`);
        s.feed(`{"jsonrpc":"2.0","method":"test.echo","params":"${"y".repeat(3000)}`);
        s.feed(`${"z".repeat(3000)}"}\n`);
        s.feed(request(3, "agent.ping"));
        const replies = await s.settle();
        assert.strictEqual(errorCodeOf(must(s.byId("big"))), ERROR_CODES.MessageTooLarge);
        assert.strictEqual(replies.filter(r => errorCodeOf(r) === ERROR_CODES.MessageTooLarge).length, 2);
        assert.ok("result" in (s.byId(3) ?? {}));
        assert.strictEqual(replies.length, 3, "nothing of the discarded tails was parsed");
    });

    QUnit.test("a peer that went away (send fails) does not break the session", async assert => {
        const s = new MemorySession(testHandlers());
        s.failSends = true;
        s.feed(request(1, "agent.ping") + request(2, "test.sleep", { ms: 5 }));
        await s.settle();
        assert.strictEqual(s.sent.length, 0);
        s.failSends = false;
        s.feed(request(3, "agent.ping"));
        await s.settle();
        assert.deepEqual(s.replies().map(r => r.id), [3]);
    });

    QUnit.test("reset(): partial input and replies due to the previous peer are dropped", async assert => {
        const s = new MemorySession(testHandlers());
        s.feed(request("old", "test.sleep", { ms: 30 }));
        s.feed("{\"jsonrpc\":\"2.0\",\"id\":\"partial\",");
        s.session.reset();
        s.feed(request("new", "agent.ping"));
        await s.settle();
        assert.deepEqual(s.replies().map(r => r.id), ["new"]);
    });

    QUnit.test("every call is audited in the fixed format", async assert => {
        const s = new MemorySession(testHandlers(), { disabled: ["test.disabled"] });
        s.feed(request(1, "agent.ping") + request(2, "test.disabled") + "junk\n" + request("x y\n", "bad method\u0000"));
        await s.settle();
        assert.strictEqual(s.audit.length, 4);
        const re = /^audit: method=\S+ outcome=(ok|error) code=-?\d+ id=\S+ ms=\d+$/;
        for (const line of s.audit) assert.ok(re.test(line), line);
        assert.ok(s.audit.some(l => l.startsWith("audit: method=agent.ping outcome=ok code=0 id=1 ")));
        assert.ok(s.audit.some(l => l.startsWith("audit: method=test.disabled outcome=error code=-32000 id=2 ")));
        assert.ok(s.audit.some(l => l.startsWith("audit: method=- outcome=error code=-32700 id=- ")));
    });

    QUnit.test("params validators reject what they should", assert => {
        assert.throws(() => paramsObject("x"), /params must be an object/);
        assert.throws(() => reqInt({ a: 1.5 }, "a", 0), /integer/);
        assert.throws(() => reqInt({ a: 11 }, "a", 0, 10), /between/);
        assert.strictEqual(reqInt({ a: 10 }, "a", 0, 10), 10);
        assert.strictEqual(invalidParams("m").code, ERROR_CODES.InvalidParams);
    });
});
