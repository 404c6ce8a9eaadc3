import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Audit } from "../../../agent/src/audit.ts";
import { Dispatcher, type Handler } from "../../../agent/src/dispatch.ts";
import { PortReader } from "../../../agent/src/port-reader.ts";
import { type PortDevice,PortTransport } from "../../../agent/src/transport.ts";
import { type Clock, withFakeClock } from "../fake-clock.ts";
import { captureAgentLog, parseReply, request, sleep } from "./helpers.ts";

/**
 * A fake virtio-serial port with the kernel driver's semantics: read() returns
 * 0 at once while no host is connected, and write() blocks until one is.
 */
class FakePort implements PortDevice {
    connected = false;
    openFailures = 0;
    opens = 0;
    private inbox: Buffer[] = [];
    output = "";
    private wake: (() => void)[] = [];

    private notify(): void {
        const w = this.wake;
        this.wake = [];
        for (const f of w) f();
    }

    open(): Promise<number> {
        this.opens++;
        if (this.openFailures > 0) {
            this.openFailures--;
            return Promise.reject(Object.assign(new Error("ENOENT: no such device"), { code: "ENOENT" }));
        }
        return Promise.resolve(7);
    }

    async read(_fd: number, buf: Buffer): Promise<number> {
        for (;;) {
            if (!this.connected) return 0;
            const chunk = this.inbox.shift();
            if (chunk) {
                const n = Math.min(chunk.length, buf.length);
                chunk.copy(buf, 0, 0, n);
                if (n < chunk.length) this.inbox.unshift(chunk.subarray(n));
                return n;
            }
            await new Promise<void>(resolve => this.wake.push(resolve));
        }
    }

    async write(_fd: number, buf: Buffer): Promise<number> {
        while (!this.connected) await new Promise<void>(resolve => this.wake.push(resolve));
        this.output += buf.toString("utf8");
        return buf.length;
    }

    close(): Promise<void> {
        return Promise.resolve();
    }

    connect(): void {
        this.connected = true;
        this.output = "";
        this.notify();
    }

    disconnect(): void {
        this.connected = false;
        this.inbox = [];
        this.notify();
    }

    send(text: string): void {
        this.inbox.push(Buffer.from(text));
        this.notify();
    }

    /** The host's side of the sync handshake (see protocol.ts), waiting up to 2 s of the clock. */
    async sync(clock: Clock, nonce: number): Promise<boolean> {
        this.send(`\n${request("sync", "agent.sync", { id: nonce })}`);
        for (let waited = 0; waited < 2000; waited += 5) {
            for (const line of this.output.split("\n")) {
                try {
                    const r = parseReply(line);
                    if ("result" in r && (r.result as { id?: unknown }).id === nonce) return true;
                } catch {
                    // not JSON: discard, as the recipe says
                }
            }
            await clock.tickAsync(5);
        }
        return false;
    }
}

function dispatcher(): Dispatcher {
    const handlers = new Map<string, Handler>([
        ["agent.sync", p => Promise.resolve({ id: (p as { id: number }).id })],
        ["agent.ping", () => Promise.resolve({ pong: true })],
        ["test.slow", async () => {
            await sleep(60);
            return "slow done";
        }],
    ]);
    return new Dispatcher({ handlers, disabled: new Set(), audit: new Audit(() => undefined), maxInFlight: 8 });
}

QUnit.module("agent virtio-serial transport", hooks => {
    const logged = captureAgentLog(hooks);

    QUnit.test("waits for the port and the host, and survives a host that leaves mid-line", withFakeClock(async (assert, clock) => {
        const port = new FakePort();
        port.openFailures = 2;
        const transport = new PortTransport("/dev/fake", dispatcher(), 4096, { device: port, pollMs: 5, retryMs: 5 });
        const running = transport.run();
        await clock.tickAsync(60);
        assert.strictEqual(port.opens, 3, "retried opening until the port appeared");
        assert.strictEqual(logged.filter(l => l.includes("cannot open /dev/fake")).length, 1, "the same failure is logged once");

        // EOF while no host is connected did not end the agent: a host can now come and go.
        port.connect();
        port.send("{\"jsonrpc\":\"2.0\",\"id\":\"lost\",\"meth");
        await clock.tickAsync(20);
        port.disconnect();
        await clock.tickAsync(20);

        port.connect();
        assert.ok(await port.sync(clock, 4242), "sync handshake answered");
        assert.notOk(port.output.includes("lost"), "nothing of the previous host's partial line");
        port.send(request(1, "agent.ping"));
        await clock.tickAsync(30);
        assert.ok(port.output.includes("\"id\":1,\"result\":{\"pong\":true}"), "normal service after sync");

        port.disconnect();
        transport.stop();
        await clock.runAllAsync();
        await running;
    }));

    QUnit.test("a host that connects mid-stream (garbage pending) still syncs", withFakeClock(async (assert, clock) => {
        const port = new FakePort();
        const transport = new PortTransport("/dev/fake", dispatcher(), 4096, { device: port, pollMs: 5, retryMs: 5 });
        const running = transport.run();
        port.connect();
        // Left by someone else: an unterminated line and half a request.
        port.send("\u00ff\u00fe garbage {\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"agent.pi");
        assert.ok(await port.sync(clock, 77), "the newline closes the junk; sync matches by nonce");
        port.disconnect();
        transport.stop();
        await clock.runAllAsync();
        await running;
    }));

    QUnit.test("what comes before the host's sync is dropped unanswered: a previous host's queued upload", withFakeClock(async (assert, clock) => {
        const port = new FakePort();
        const transport = new PortTransport("/dev/fake", dispatcher(), 4096, { device: port, pollMs: 5, retryMs: 5 });
        const running = transport.run();
        port.connect();
        // The tail of an abandoned upload: a request announcing data bytes, random bytes full of
        // newlines, an over-long line, a request that would be answered.
        const junk = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join("");
        port.send(`${request(3, "file.write_chunk", { handle: "h", offset: 0, dataBytes: 5000 })}${junk}\n${"x".repeat(9000)}\n${request(8, "agent.ping")}`);
        await clock.tickAsync(30);
        assert.strictEqual(port.output, "", "no reply to anything before the sync");
        assert.ok(await port.sync(clock, 99), "the sync is answered");
        assert.true(logged.some(l => /discarded \d+ lines that came before the host's sync/.test(l)), "one log line says what was dropped");
        port.send("not json\n");
        await clock.tickAsync(20);
        assert.ok(port.output.includes("-32700"), "after the sync, garbage gets its parse error again");
        port.disconnect();
        await clock.tickAsync(20);
        port.connect();
        port.send(request(11, "agent.ping"));
        await clock.tickAsync(30);
        assert.strictEqual(port.output, "", "a new host must sync again");
        port.disconnect();
        transport.stop();
        await clock.runAllAsync();
        await running;
    }));

    QUnit.test("replies meant for a host that left are not delivered to the next one", withFakeClock(async (assert, clock) => {
        const port = new FakePort();
        const transport = new PortTransport("/dev/fake", dispatcher(), 4096, { device: port, pollMs: 5, retryMs: 5 });
        const running = transport.run();
        port.connect();
        assert.ok(await port.sync(clock, 4));
        port.send(request("old", "test.slow"));
        await clock.tickAsync(10);
        port.disconnect(); // the reply (due in 60 ms) now has nobody to go to
        await clock.tickAsync(100);
        port.connect();
        assert.ok(await port.sync(clock, 5));
        await clock.tickAsync(20);
        assert.notOk(port.output.includes("slow done"), "stale reply dropped");
        port.disconnect();
        transport.stop();
        await clock.runAllAsync();
        await running;
    }));
});

QUnit.module("agent port reader", () => {
    QUnit.test("bytes written in many small pieces come out complete and in order, through ring wrap-arounds", async assert => {
        const dir = mkdtempSync(path.join(tmpdir(), "kvmm-reader-"));
        const fifo = path.join(dir, "port");
        execFileSync("mkfifo", [fifo]);
        // O_RDWR: a FIFO opened so never reports end-of-file, like a port with its host present.
        const fd = openSync(fifo, constants.O_RDWR);
        const reader = new PortReader(fd, 50, 1000);
        try {
            const sent = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 31) & 0xff));
            const writer = openSync(fifo, constants.O_WRONLY);
            for (let at = 0; at < sent.length; at += 777) writeSync(writer, sent.subarray(at, at + 777));
            closeSync(writer);
            const got: Buffer[] = [];
            let size = 0;
            const buf = Buffer.alloc(4096);
            while (size < sent.length) {
                const n = await reader.read(buf);
                assert.true(n > 0 && n <= 1000, "never more than the ring holds");
                got.push(Buffer.from(buf.subarray(0, n)));
                size += n;
            }
            assert.true(Buffer.concat(got).equals(sent), "identical");
        } finally {
            reader.stop();
            const wake = openSync(fifo, constants.O_WRONLY);
            writeSync(wake, "x"); // ends the worker's blocking read, so the worker sees the stop
            closeSync(wake);
            closeSync(fd);
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
