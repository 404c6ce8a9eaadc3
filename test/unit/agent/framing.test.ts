import { encodeMessage, FrameDecoder, type FrameEvent,sniffId } from "../../../agent/src/framing.ts";

function lines(events: FrameEvent[]): string[] {
    return events.map(e => (e.kind === "line" ? e.text : e.kind === "oversized" ? `<oversized:${e.head.slice(0, 20)}>` : `<data:${e.bytes.toString("latin1")}>`));
}

function feedAll(d: FrameDecoder, chunks: (string | Buffer)[]): string[] {
    return chunks.flatMap(c => lines([...d.push(typeof c === "string" ? Buffer.from(c) : c)]));
}

QUnit.module("agent framing", () => {
    QUnit.test("one line per newline, merged lines in one chunk are split", assert => {
        const d = new FrameDecoder(100);
        assert.deepEqual(feedAll(d, ["a\nbb\nccc\n"]), ["a", "bb", "ccc"]);
        assert.strictEqual(d.buffered, 0);
    });

    QUnit.test("a line split over many chunks (byte by byte) is reassembled", assert => {
        const d = new FrameDecoder(100);
        const text = "{\"jsonrpc\":\"2.0\",\"id\":1}\nnext\n";
        const bytes = Buffer.from(text);
        const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
        assert.deepEqual(feedAll(d, chunks), ["{\"jsonrpc\":\"2.0\",\"id\":1}", "next"]);
    });

    QUnit.test("a multi-byte UTF-8 character split between chunks survives", assert => {
        const d = new FrameDecoder(100);
        const bytes = Buffer.from("é€😀\n", "utf8");
        const out = feedAll(d, [bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)]);
        assert.deepEqual(out, ["é€😀"]);
    });

    QUnit.test("CRLF is tolerated and blank lines are skipped", assert => {
        const d = new FrameDecoder(100);
        assert.deepEqual(feedAll(d, ["a\r\n\n\r\n  \nb\n"]), ["a", "b"]);
    });

    QUnit.test("partial input is held until its newline, and reset() drops it", assert => {
        const d = new FrameDecoder(100);
        assert.deepEqual(feedAll(d, ["par"]), []);
        assert.strictEqual(d.buffered, 3);
        d.reset();
        assert.strictEqual(d.buffered, 0);
        assert.deepEqual(feedAll(d, ["x\n"]), ["x"], "the old partial line is gone");
    });

    QUnit.test("a line of exactly the limit passes, one byte more is oversized", assert => {
        const d = new FrameDecoder(10);
        assert.deepEqual(feedAll(d, ["0123456789\n"]), ["0123456789"]);
        const events = [...d.push(Buffer.from("0123456789A\nok\n"))];
        assert.strictEqual(events.length, 2);
        assert.strictEqual(events[0]?.kind, "oversized");
        assert.deepEqual(events[1], { kind: "line", text: "ok" });
    });

    QUnit.test("an oversized line is reported once and the rest is discarded without buffering", assert => {
        const d = new FrameDecoder(1024);
        const events: FrameEvent[] = [];
        events.push(...d.push(Buffer.from("{\"jsonrpc\":\"2.0\",\"id\":77,\"params\":\"")));
        let maxHeld = 0;
        for (let i = 0; i < 200; i++) {
            events.push(...d.push(Buffer.alloc(4096, 0x61)));
            maxHeld = Math.max(maxHeld, d.buffered);
        }
        events.push(...d.push(Buffer.from("\"}\n{\"after\":true}\n")));
        assert.ok(maxHeld <= 1024, `held at most the limit (${maxHeld})`);
        assert.strictEqual(events.filter(e => e.kind === "oversized").length, 1, "reported once");
        const first = events[0];
        assert.strictEqual(first?.kind === "oversized" ? sniffId(first.head) : null, 77, "its head still carries the id");
        assert.deepEqual(lines(events.filter(e => e.kind === "line")), ["{\"after\":true}"], "the next line is intact");
    });

    QUnit.test("the read buffer may be reused by the caller", assert => {
        const d = new FrameDecoder(100);
        const buf = Buffer.from("abc");
        assert.deepEqual(lines([...d.push(buf)]), [], "held until its newline");
        buf.write("XYZ");
        assert.deepEqual(lines([...d.push(Buffer.from("\n"))]), ["abc"]);
    });

    QUnit.test("encodeMessage produces exactly one line", assert => {
        const line = encodeMessage({ text: "a\nb\r\u2028c" });
        assert.strictEqual(line.indexOf("\n"), line.length - 1);
        assert.deepEqual(JSON.parse(line), { text: "a\nb\r\u2028c" });
    });

    QUnit.test("sniffId finds the top-level id only", assert => {
        assert.strictEqual(sniffId("{\"jsonrpc\":\"2.0\",\"id\":12,\"params\":{\"da"), 12);
        assert.strictEqual(sniffId(" { \"id\" : \"abc\\\"d\" , \"x\""), "abc\"d");
        assert.strictEqual(sniffId("{\"params\":{\"id\":5},\"id\":9,"), 9, "nested id skipped");
        assert.strictEqual(sniffId("{\"params\":{\"id\":5,\"data\":\"xxxx"), null, "only a nested id: none");
        assert.strictEqual(sniffId("{\"note\":\"id\",\"id\":3}"), 3, "a value \"id\" is not a key");
        assert.strictEqual(sniffId("{\"id\":12"), null, "a number cut by the head is not trusted");
        assert.strictEqual(sniffId("{\"id\":\"unterminated"), null);
        assert.strictEqual(sniffId("[1,2]"), null);
        assert.strictEqual(sniffId("garbage \"id\":4,"), null);
        assert.strictEqual(sniffId("{\"id\":-3.5e2}"), -350);
    });
});
