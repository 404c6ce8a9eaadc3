// Data bytes after a request or reply line (protocol.ts, "Data bytes"): framing, limits, and
// what happens when they are wrong, cut short or stall.
import type { Handler } from "../../../agent/src/dispatch.ts";
import { paramsObject } from "../../../agent/src/params.ts";
import { ERROR_CODES } from "../../../agent/src/protocol.ts";
import { withFakeClock } from "../fake-clock.ts";
import { errorCodeOf, MemorySession, must, request, resultOf } from "./helpers.ts";

function handlers(): Map<string, Handler> {
    return new Map<string, Handler>([
        ["agent.ping", () => Promise.resolve({ pong: true })],
        // A method of DATA_METHODS: reports what arrived.
        ["file.write_chunk", (_p, ctx) => Promise.resolve({ got: ctx.data?.toString("latin1") ?? null })],
        ["test.echo", p => Promise.resolve(p)],
        ["test.send", (raw, ctx) => {
            ctx.replyData(Buffer.from(String(paramsObject(raw).text)));
            return Promise.resolve({ sent: true });
        }],
    ]);
}

function withData(id: number | string, method: string, data: string, params: Record<string, unknown> = {}): string {
    return `${request(id, method, { ...params, dataBytes: Buffer.byteLength(data, "latin1") })}${data}`;
}

QUnit.module("agent data bytes", () => {
    QUnit.test("the announced bytes reach the request, newlines and all, however the stream is cut", async assert => {
        const payload = "raw\nbytes\n{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"agent.ping\"}\n\u0000\u00ff";
        const wire = Buffer.from(withData(1, "file.write_chunk", payload) + request(2, "agent.ping"), "latin1");
        for (const size of [1, 7, wire.length]) {
            const s = new MemorySession(handlers());
            for (let at = 0; at < wire.length; at += size) s.feed(wire.subarray(at, at + size));
            const replies = await s.settle();
            assert.deepEqual(resultOf(must(s.byId(1))), { got: payload }, `pieces of ${size}`);
            assert.deepEqual(replies.map(r => r.id), [1, 2], "the line inside the data was not run; the next request was");
        }
    });

    QUnit.test("zero bytes are allowed", async assert => {
        const s = new MemorySession(handlers());
        s.feed(withData(1, "file.write_chunk", "") + request(2, "agent.ping"));
        await s.settle();
        assert.deepEqual(resultOf(must(s.byId(1))), { got: "" });
        assert.ok(s.byId(2));
    });

    QUnit.test("data for a method that takes none is refused, and consumed", async assert => {
        const s = new MemorySession(handlers());
        s.feed(withData(1, "test.echo", "x\ny\n") + request(2, "agent.ping"));
        const replies = await s.settle();
        assert.strictEqual(errorCodeOf(must(s.byId(1))), ERROR_CODES.InvalidParams);
        assert.deepEqual(replies.map(r => r.id), [1, 2]);
    });

    QUnit.test("more than the limit: refused under its id, skipped without being held", async assert => {
        const s = new MemorySession(handlers(), { maxLineBytes: 1024 });
        s.feed(request("big", "file.write_chunk", { dataBytes: 100_000 }));
        for (let i = 0; i < 100; i++) {
            s.feed(Buffer.alloc(1000, 0x0a));
            assert.strictEqual(s.session.buffered, 0);
        }
        s.feed(request(2, "agent.ping"));
        const replies = await s.settle();
        assert.strictEqual(errorCodeOf(must(s.byId("big"))), ERROR_CODES.MessageTooLarge);
        assert.deepEqual(replies.map(r => r.id), ["big", 2], "the skipped newlines made no requests");
    });

    QUnit.test("a dataBytes that is not a count is refused and announces nothing", async assert => {
        const s = new MemorySession(handlers());
        for (const [i, bad] of [-1, 1.5, "3", null].entries()) s.feed(request(i, "file.write_chunk", { dataBytes: bad }));
        s.feed(request("after", "agent.ping"));
        await s.settle();
        for (let i = 0; i < 4; i++) assert.strictEqual(errorCodeOf(must(s.byId(i))), ERROR_CODES.InvalidParams, `case ${i}`);
        assert.ok(s.byId("after"));
    });

    QUnit.test("a host that leaves mid-data: reset() drops the request and its partial bytes", async assert => {
        const s = new MemorySession(handlers());
        s.feed(`${request("cut", "file.write_chunk", { dataBytes: 1000 })}half`);
        s.session.reset();
        s.feed(request("next", "agent.ping"));
        await s.settle();
        assert.deepEqual(s.replies().map(r => r.id), ["next"], "the new host's request is read as a line");
    });

    QUnit.test("data that stalls is given up, so the next host's handshake gets through", withFakeClock(async (assert, clock) => {
        const s = new MemorySession(handlers(), { dataStallMs: 50 });
        s.feed(`${request("stalled", "file.write_chunk", { dataBytes: 1000 })}part`);
        await clock.tickAsync(49);
        assert.strictEqual(s.byId("stalled"), undefined, "still waiting for its bytes");
        await clock.tickAsync(1);
        s.feed(`\n${request("sync", "agent.ping")}`);
        await s.settle();
        assert.strictEqual(errorCodeOf(must(s.byId("stalled"))), ERROR_CODES.InvalidRequest);
        assert.ok(s.byId("sync") && "result" in must(s.byId("sync")));
    }));

    QUnit.test("a reply with data bytes announces them in result.dataBytes and sends them right after", async assert => {
        const s = new MemorySession(handlers());
        s.feed(request(1, "test.send", { text: "héllo\n" }));
        await s.settle();
        assert.deepEqual(resultOf(must(s.byId(1))), { sent: true, dataBytes: 7 });
        assert.strictEqual(s.sentData[0]?.toString("utf8"), "héllo\n");
    });
});
