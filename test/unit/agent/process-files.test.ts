import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

import { ERROR_CODES, type FileDigest, type FileListResult, type FileReadResult, type FileStat, type RpcResponse } from "../../../agent/src/protocol.ts";
import { errorCodeOf, type LineClient,resultOf } from "./helpers.ts";
import { AgentProcess, buildAgent, removeDir, tempDir } from "./process-harness.ts";

const sha = (data: Buffer): string => createHash("sha256").update(data).digest("hex");

QUnit.module("agent process: files", hooks => {
    let dir = "";
    let root = ""; // the allowed directory
    let agent: AgentProcess;
    let client: LineClient;

    hooks.before(async () => {
        buildAgent();
        dir = tempDir("kvmm-files-");
        root = path.join(dir, "allowed");
        mkdirSync(root);
        writeFileSync(path.join(dir, "outside.txt"), "secret");
        symlinkSync(path.join(dir, "outside.txt"), path.join(root, "link-out"));
        agent = await AgentProcess.start(dir, { allowedDirectories: [root], maxReadBytes: 4096, maxFileBytes: 1_000_000, maxWriteHandles: 4 });
        client = (await agent.connect()).client;
    });
    hooks.after(async () => {
        await agent.stop();
        removeDir(dir);
    });

    /** Uploads data in chunks sent concurrently and out of order. */
    async function upload(target: string, data: Buffer, chunk: number, hash = sha(data), opts: Record<string, unknown> = {}): Promise<RpcResponse> {
        const { handle } = await client.result<{ handle: string }>("file.open_write", { path: target, ...opts });
        const writes: Promise<unknown>[] = [];
        for (let off = 0; off < data.length; off += chunk) writes.push(client.result("file.write_chunk", { handle, offset: off, data: data.subarray(off, off + chunk).toString("base64") }));
        await Promise.all(writes.reverse());
        return client.call("file.close_write", { handle, sha256: hash });
    }

    function leftoverTemps(): string[] {
        return readdirSync(root).filter(n => n.includes(".kvmm-"));
    }

    QUnit.test("write (chunked, out of order) → verified, in place, no temp left", async assert => {
        const data = Buffer.from(Array.from({ length: 10000 }, (_, i) => i % 251));
        const target = path.join(root, "up.bin");
        const r = resultOf<FileDigest>(await upload(target, data, 3000));
        assert.deepEqual(r, { path: target, size: 10000, sha256: sha(data) });
        assert.ok(readFileSync(target).equals(data));
        assert.strictEqual(statSync(target).mode & 0o777, 0o644);
        assert.deepEqual(leftoverTemps(), []);
    });

    QUnit.test("checksum mismatch: error, temp removed, old content untouched", async assert => {
        const target = path.join(root, "keep.txt");
        writeFileSync(target, "original");
        const r = await upload(target, Buffer.from("replacement"), 4, "0".repeat(64));
        assert.strictEqual(errorCodeOf(r), ERROR_CODES.ChecksumMismatch);
        assert.strictEqual(readFileSync(target, "utf8"), "original");
        assert.deepEqual(leftoverTemps(), []);
    });

    QUnit.test("overwrite: false, abort, limits and unknown handles", async assert => {
        const target = path.join(root, "exists.txt");
        writeFileSync(target, "x");
        assert.strictEqual(await client.errorCode("file.open_write", { path: target, overwrite: false }), ERROR_CODES.AlreadyExists);
        const { handle } = await client.result<{ handle: string }>("file.open_write", { path: path.join(root, "aborted.txt"), mode: 0o600 });
        assert.strictEqual(leftoverTemps().length, 1, "a temp file while open");
        assert.deepEqual(await client.result("file.abort_write", { handle }), { aborted: true });
        assert.deepEqual(leftoverTemps(), []);
        assert.false(existsSync(path.join(root, "aborted.txt")));
        assert.strictEqual(await client.errorCode("file.write_chunk", { handle, offset: 0, data: "" }), ERROR_CODES.NotFound);
        const h2 = (await client.result<{ handle: string }>("file.open_write", { path: path.join(root, "big.bin") })).handle;
        assert.strictEqual(await client.errorCode("file.write_chunk", { handle: h2, offset: 999_999, data: "AAAA" }), ERROR_CODES.LimitExceeded);
        assert.strictEqual(await client.errorCode("file.write_chunk", { handle: h2, offset: 0, data: "A" }), ERROR_CODES.InvalidParams, "bad base64");
        await client.result("file.abort_write", { handle: h2 });
        const modeTarget = path.join(root, "mode.txt");
        assert.strictEqual(resultOf<FileDigest>(await upload(modeTarget, Buffer.from("m"), 1, undefined, { mode: 0o600 })).size, 1);
        assert.strictEqual(statSync(modeTarget).mode & 0o777, 0o600);
    });

    QUnit.test("read: offset, length capped by maxReadBytes, eof", async assert => {
        const data = Buffer.from(Array.from({ length: 10000 }, (_, i) => (i * 7) % 256));
        const f = path.join(root, "read.bin");
        writeFileSync(f, data);
        const a = await client.result<FileReadResult>("file.read", { path: f, offset: 100, length: 50 });
        assert.ok(Buffer.from(a.data ?? "", "base64").equals(data.subarray(100, 150)));
        assert.strictEqual(a.size, 10000);
        assert.false(a.eof);
        const b = await client.result<FileReadResult>("file.read", { path: f, offset: 8000 });
        assert.strictEqual(b.bytesRead, 2000, "capped at maxReadBytes would be 4096: only 2000 left");
        assert.true(b.eof);
        const c = await client.result<FileReadResult>("file.read", { path: f, length: 100000 });
        assert.strictEqual(c.bytesRead, 4096, "capped at maxReadBytes");
        assert.strictEqual(await client.errorCode("file.read", { path: root }), ERROR_CODES.InvalidParams, "a directory");
        assert.strictEqual(await client.errorCode("file.read", { path: path.join(root, "missing") }), ERROR_CODES.NotFound);
    });

    QUnit.test("sha256, stat, list", async assert => {
        const f = path.join(root, "hash.txt");
        writeFileSync(f, "hash me");
        const d = await client.result<FileDigest>("file.sha256", { path: f });
        assert.deepEqual(d, { path: f, size: 7, sha256: sha(Buffer.from("hash me")) });
        const st = await client.result<FileStat>("file.stat", { path: f });
        assert.strictEqual(st.type, "file");
        assert.strictEqual(st.size, 7);
        assert.strictEqual(st.mtimeMs, statSync(f).mtimeMs);
        const link = await client.result<FileStat>("file.stat", { path: path.join(root, "link-out") });
        assert.strictEqual(link.type, "symlink");
        assert.strictEqual(link.linkTarget, path.join(dir, "outside.txt"));
        const list = await client.result<FileListResult>("file.list", { path: root });
        assert.ok(list.entries.some(e => e.name === "hash.txt" && e.type === "file" && e.size === 7));
        assert.deepEqual(list.entries.map(e => e.name), [...readdirSync(root)].sort());
        assert.false(list.truncated);
        const one = await client.result<FileListResult>("file.list", { path: root, limit: 1 });
        assert.strictEqual(one.entries.length, 1);
        assert.true(one.truncated);
    });

    QUnit.test("mkdir and delete", async assert => {
        const deep = path.join(root, "a", "b", "c");
        assert.deepEqual(await client.result("file.mkdir", { path: deep, recursive: true }), { path: deep, created: true });
        assert.deepEqual(await client.result("file.mkdir", { path: deep, recursive: true }), { path: deep, created: false });
        assert.strictEqual(await client.errorCode("file.mkdir", { path: deep }), ERROR_CODES.AlreadyExists);
        assert.strictEqual(await client.errorCode("file.mkdir", { path: path.join(root, "x", "y") }), ERROR_CODES.NotFound, "no parents without recursive");
        writeFileSync(path.join(deep, "f"), "f");
        assert.strictEqual(await client.errorCode("file.delete", { path: path.join(root, "a") }), ERROR_CODES.InvalidParams, "not empty");
        assert.deepEqual(await client.result("file.delete", { path: path.join(deep, "f") }), { path: path.join(deep, "f"), deleted: true });
        await client.result("file.delete", { path: path.join(root, "a"), recursive: true });
        assert.false(existsSync(path.join(root, "a")));
        assert.strictEqual(await client.errorCode("file.delete", { path: root, recursive: true }), ERROR_CODES.PathNotAllowed, "not the allowed root");
        assert.true(existsSync(root));
    });

    QUnit.test("everything outside the allowed directory is refused", async assert => {
        const outside = path.join(dir, "outside.txt");
        const viaLink = path.join(root, "link-out");
        for (const [method, params] of [
            ["file.read", { path: outside }], ["file.read", { path: viaLink }], ["file.read", { path: `${root}/../outside.txt` }],
            ["file.sha256", { path: viaLink }], ["file.stat", { path: outside }], ["file.list", { path: dir }],
            ["file.open_write", { path: viaLink }], ["file.open_write", { path: path.join(dir, "new.txt") }],
            ["file.mkdir", { path: path.join(dir, "newdir") }], ["file.delete", { path: outside }], ["file.read", { path: "/etc/passwd" }],
        ] as const) {
            assert.strictEqual(await client.errorCode(method, params), ERROR_CODES.PathNotAllowed, `${method} ${JSON.stringify(params)}`);
        }
        assert.strictEqual(readFileSync(path.join(dir, "outside.txt"), "utf8"), "secret");
        assert.deepEqual(await client.result("file.delete", { path: viaLink }), { path: viaLink, deleted: true }, "the link itself is inside");
        assert.true(existsSync(path.join(dir, "outside.txt")), "its target survives");
    });
});
