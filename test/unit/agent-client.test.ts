// The plugin's agent client against the real agent core over an in-memory wire: handshake
// through stale data, typed calls, errors, timeouts, close, read handles, and a checked file round trip.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import QUnit from "qunit";

import { Audit } from "../../agent/src/audit.ts";
import { parseConfig } from "../../agent/src/config.ts";
import { Session } from "../../agent/src/dispatch.ts";
import { ERROR_CODES } from "../../agent/src/protocol.ts";
import { createAgent } from "../../agent/src/service.ts";
import { AgentClient } from "../../src/agent-client/agent-client.ts";
import { AgentError } from "../../src/agent-client/agent-errors.ts";
import { FrameSplitter, type LineHandlers, type LineTransport } from "../../src/agent-client/line-types.ts";
import { downloadFile, MAX_DOWNLOAD_BYTES, uploadFile } from "../../src/agent-client/transfer.ts";
import { splitArgv } from "../../src/views/vm-details/guest/argv.ts";

interface Wire { transport: LineTransport; sentLines: string[] }

/** A transport to a real agent; `stale` lines reach the client before anything it sends. */
function agentWire(dir: string, extra: Record<string, unknown> = {}, stale: string[] = []) {
    // Its upload journal beside the allowed directory (not the host's /var/lib/kvmm-agent, nor listed in dir).
    const agent = createAgent(parseConfig({ allowedDirectories: [dir], stateDirectory: `${dir}.state`, ...extra }), new Audit(() => undefined));
    const factory = (handlers: LineHandlers): LineTransport => {
        const splitter = new FrameSplitter(handlers);
        const session = new Session(agent.dispatcher, (line, data) => {
            splitter.push(new TextEncoder().encode(line));
            if (data) splitter.push(data);
            return Promise.resolve();
        }, agent.config.maxLineBytes);
        for (const line of stale) handlers.onLine(line);
        return {
            send: (line, data) => {
                session.feed(new TextEncoder().encode(line));
                // In pieces, as a socket delivers them.
                for (let at = 0; data && at < data.length; at += 70_000) session.feed(data.subarray(at, at + 70_000));
            },
            close: () => undefined,
        };
    };
    return { agent, factory };
}

/** A transport where nothing answers. */
function silentWire(): { factory: (h: LineHandlers) => LineTransport; wire: Wire; handlers: () => LineHandlers } {
    const wire: Wire = { transport: { send: () => undefined, close: () => undefined }, sentLines: [] };
    let h: LineHandlers | undefined;
    return {
        wire,
        factory: handlers => {
            h = handlers;
            return {
                send: line => {
                    wire.sentLines.push(line);
                    const m = /"id":(\d+)}/.exec(line);
                    if (line.includes("agent.sync") && m) handlers.onLine(`{"jsonrpc":"2.0","id":"sync","result":{"id":${m[1] ?? ""}}}`);
                },
                close: () => undefined,
            };
        },
        handlers: () => {
            if (!h) throw new Error("not connected");
            return h;
        },
    };
}

QUnit.module("agent client", hooks => {
    let dir = "";
    hooks.beforeEach(() => {
        dir = mkdtempSync(path.join(tmpdir(), "kvmm-client-"));
    });
    hooks.afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
        rmSync(`${dir}.state`, { recursive: true, force: true });
    });

    QUnit.test("syncs past stale replies and garbage, then calls are typed and answered", async assert => {
        const stale = ["{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pong\":true}}", "not json", "{\"jsonrpc\":\"2.0\",\"id\":\"sync\",\"result\":{\"id\":7}}"];
        const { agent, factory } = agentWire(dir, {}, stale);
        const client = await AgentClient.connectWith(factory);
        const pong = await client.call("agent.ping", {});
        assert.true(pong.pong);
        const info = await client.call("agent.info", {});
        assert.strictEqual(info.name, "kvmm-agent");
        assert.deepEqual(info.allowedDirectories, [dir]);
        client.close();
        await agent.stop();
    });

    QUnit.test("a disabled method and a path outside the allowed ones are refused with the reason", async assert => {
        const { agent, factory } = agentWire(dir, { allowExec: false });
        const client = await AgentClient.connectWith(factory);
        const e1 = await client.call("guest.exec", { argv: ["true"] }).catch((e: unknown) => e);
        assert.true(e1 instanceof AgentError && e1.disabled, "MethodDisabled");
        assert.true(e1 instanceof AgentError && e1.message.includes("configuration does not allow"), String(e1));
        const e2 = await client.call("file.stat", { path: "/etc/passwd" }).catch((e: unknown) => e);
        assert.strictEqual(e2 instanceof AgentError ? e2.rpc?.code : undefined, ERROR_CODES.PathNotAllowed);
        client.close();
        await agent.stop();
    });

    QUnit.test("a call without an answer times out; close rejects what is pending", async assert => {
        const { factory } = silentWire();
        const client = await AgentClient.connectWith(factory);
        const timeout = await client.call("agent.ping", {}, 50).catch((e: unknown) => e);
        assert.strictEqual(timeout instanceof AgentError ? timeout.kind : "", "timeout");
        const pending = client.call("agent.info", {});
        client.close();
        const closed = await pending.catch((e: unknown) => e);
        assert.strictEqual(closed instanceof AgentError ? closed.kind : "", "closed");
        assert.true(client.closed);
        const after = await client.call("agent.ping", {}).catch((e: unknown) => e);
        assert.true(after instanceof AgentError, "calls after close fail at once");
    });

    QUnit.test("a channel closed by Cockpit for lack of admin rights says so", async assert => {
        const e = await AgentClient.connectWith(handlers => {
            setTimeout(() => handlers.onClose("access-denied", undefined), 10);
            return { send: () => undefined, close: () => undefined };
        }).catch((err: unknown) => err);
        assert.strictEqual(e instanceof AgentError ? e.kind : "", "no-admin");
        assert.true(e instanceof AgentError && e.message.includes("administrative access"));
    });

    QUnit.test("upload and download round trip is checked by sha256, with progress and cancel", async assert => {
        assert.timeout(30_000);
        const { agent, factory } = agentWire(dir);
        const client = await AgentClient.connectWith(factory);
        const data = new Uint8Array(1024 * 1024 + 123);
        for (let i = 0; i < data.length; i++) data[i] = (i * 7919) & 0xff;
        const progress: number[] = [];
        const target = path.join(dir, "blob.bin");
        const digest = await uploadFile(client, target, new Blob([data]), { chunkBytes: 128 * 1024, onProgress: d => progress.push(d) });
        assert.strictEqual(digest.size, data.length);
        assert.deepEqual(new Uint8Array(readFileSync(target)), data, "the file in the 'guest' holds the bytes");
        assert.strictEqual(progress.at(-1), data.length);
        const back = await downloadFile(client, target, { chunkBytes: 100_000 });
        assert.deepEqual(new Uint8Array(await new Blob(back.parts).arrayBuffer()), data, "downloaded bytes are identical");
        assert.strictEqual(back.sha256, digest.sha256, "both ends agree on the sha256");

        const abort = new AbortController();
        abort.abort();
        const cancelled = await uploadFile(client, path.join(dir, "other.bin"), new Blob([data]), { signal: abort.signal }).catch((e: unknown) => e);
        assert.strictEqual(cancelled instanceof AgentError ? cancelled.kind : "", "cancelled");
        const left = await client.call("file.list", { path: dir });
        assert.deepEqual(left.entries.map(e => e.name), ["blob.bin"], "a cancelled upload leaves nothing behind");
        client.close();
        await agent.stop();
    });

    QUnit.test("read handles: the agent hashes what it served in order; out of order, changed and unknown are told apart", async assert => {
        const { agent, factory } = agentWire(dir, { maxReadBytes: 1000, maxReadHandles: 2 });
        const client = await AgentClient.connectWith(factory);
        const file = path.join(dir, "r.bin");
        const data = Buffer.from(Array.from({ length: 2500 }, (_, i) => (i * 13) & 0xff));
        writeFileSync(file, data);
        const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

        const a = await client.call("file.open_read", { path: file });
        assert.strictEqual(a.size, 2500);
        const reads = await Promise.all([0, 1000, 2000].map(offset => client.callForData("file.read_chunk", { handle: a.handle, offset, length: 5000 })));
        assert.deepEqual(reads.map(r => r.data.length), [1000, 1000, 500], "capped at maxReadBytes, short at the end");
        assert.deepEqual(reads.map(r => r.result.eof), [false, false, true]);
        assert.true(Buffer.concat(reads.map(r => r.data)).equals(data), "the bytes of the file");
        assert.deepEqual(await client.call("file.close_read", { handle: a.handle }), { path: file, size: 2500, sha256: sha(data), changed: false });

        const b = await client.call("file.open_read", { path: file });
        await client.callForData("file.read_chunk", { handle: b.handle, offset: 1000 });
        await client.callForData("file.read_chunk", { handle: b.handle, offset: 0 });
        assert.strictEqual((await client.call("file.close_read", { handle: b.handle })).sha256, null, "no digest for reads out of order");

        const c = await client.call("file.open_read", { path: file });
        await client.callForData("file.read_chunk", { handle: c.handle, offset: 0 });
        writeFileSync(file, Buffer.concat([data, Buffer.from("more")]));
        const digest = await client.call("file.close_read", { handle: c.handle });
        assert.true(digest.changed && digest.sha256 === null, "a file that grew meanwhile is reported as changed");

        const gone = await client.call("file.read_chunk", { handle: c.handle, offset: 0 }).catch((e: unknown) => e);
        assert.strictEqual(gone instanceof AgentError ? gone.rpc?.code : undefined, ERROR_CODES.NotFound, "a closed handle is unknown");
        const notFile = await client.call("file.open_read", { path: dir }).catch((e: unknown) => e);
        assert.true(notFile instanceof AgentError && notFile.message.includes("not a regular file"), String(notFile));
        await client.call("file.open_read", { path: file });
        await client.call("file.open_read", { path: file });
        const third = await client.call("file.open_read", { path: file }).catch((e: unknown) => e);
        assert.strictEqual(third instanceof AgentError ? third.rpc?.code : undefined, ERROR_CODES.LimitExceeded, "maxReadHandles holds");
        client.close();
        await agent.stop();
    });

    QUnit.test("a file that changes during a download is refused, and its handle is closed", async assert => {
        const { agent, factory } = agentWire(dir, { maxReadBytes: 4096 });
        const client = await AgentClient.connectWith(factory);
        const file = path.join(dir, "moving.bin");
        writeFileSync(file, Buffer.alloc(20_000, 1));
        let touched = false;
        const e = await downloadFile(client, file, {
            parallel: 1,
            onProgress: done => {
                if (done > 0 && !touched) {
                    touched = true;
                    writeFileSync(file, Buffer.alloc(30_000, 2));
                }
            },
        }).catch((err: unknown) => err);
        assert.true(e instanceof AgentError && e.kind === "checksum" && e.message.includes("changed while it was being downloaded"), String(e));
        const info = await client.call("file.open_read", { path: file });
        assert.strictEqual(info.size, 30_000, "the agent still serves the file");
        await client.call("file.close_read", { handle: info.handle });
        client.close();
        await agent.stop();
    });

    QUnit.test("a file too large for the page is refused before any byte moves, and its handle is closed", async assert => {
        const { agent, factory } = agentWire(dir, { maxReadHandles: 1 });
        const client = await AgentClient.connectWith(factory);
        const file = path.join(dir, "huge.bin");
        writeFileSync(file, "");
        truncateSync(file, MAX_DOWNLOAD_BYTES + 1); // sparse: nothing is written
        const progress: number[] = [];
        const e = await downloadFile(client, file, { onProgress: done => progress.push(done) }).catch((err: unknown) => err);
        assert.true(e instanceof AgentError && e.kind === "too-large" && e.message.includes("2 GiB"), String(e));
        assert.deepEqual(progress, [], "no progress: nothing was read");
        const again = await client.call("file.open_read", { path: file });
        assert.strictEqual(again.size, MAX_DOWNLOAD_BYTES + 1, "the handle was closed: another can be opened");
        client.close();
        await agent.stop();
    });

    QUnit.test("frame splitter: lines and announced data bytes, split anywhere", assert => {
        const events: string[] = [];
        const s = new FrameSplitter({
            onLine: line => {
                events.push(`line ${line}`);
                return line.startsWith("data") ? Number(line.slice(5)) : 0;
            },
            onData: bytes => events.push(`data ${new TextDecoder().decode(bytes)}`),
        });
        const wire = new TextEncoder().encode("a\r\nb\n\ndata 5\nx\ny\nzc\ndata 0\nd\n");
        for (const size of [1, 3, wire.length]) {
            events.length = 0;
            for (let at = 0; at < wire.length; at += size) s.push(wire.subarray(at, at + size));
            assert.deepEqual(events, ["line a", "line b", "line data 5", "data x\ny\nz", "line c", "line data 0", "line d"], `pieces of ${size}`);
        }
    });

    QUnit.test("argv", assert => {
        assert.deepEqual(splitArgv(`ls -l "/tmp/a b" 'x"y' z\\ w`), ["ls", "-l", "/tmp/a b", "x\"y", "z w"]);
        assert.deepEqual(splitArgv("  "), []);
        assert.deepEqual(splitArgv("echo ''"), ["echo", ""]);
        assert.throws(() => splitArgv("echo 'open"));
    });
});
