import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { ConfigError, DEFAULT_CONFIG, disabledMethodSet, loadConfig, parseConfig } from "../../../agent/src/config.ts";
import { RpcError } from "../../../agent/src/errors.ts";
import { isInside, PathPolicy } from "../../../agent/src/paths.ts";
import { ERROR_CODES, EXEC_METHODS, FILE_WRITE_METHODS } from "../../../agent/src/protocol.ts";

QUnit.module("agent config", () => {
    QUnit.test("an empty object gives the defaults", assert => {
        assert.deepEqual(parseConfig({}), DEFAULT_CONFIG);
        assert.strictEqual(disabledMethodSet(parseConfig({})).size, 0);
    });

    QUnit.test("unknown keys and bad values are errors", assert => {
        assert.throws(() => parseConfig({ allowexec: false }), ConfigError, "misspelt key");
        assert.throws(() => parseConfig({ allowExec: "no" }), /true or false/);
        assert.throws(() => parseConfig({ maxLineBytes: 10 }), />= 1024/);
        assert.throws(() => parseConfig({ allowedDirectories: ["relative/dir"] }), /absolute/);
        assert.throws(() => parseConfig({ stateDirectory: "var/lib/x" }), /stateDirectory: var\/lib\/x is not an absolute path/);
        assert.throws(() => parseConfig({ commands: { shutdown: [] } }), /non-empty/);
        assert.throws(() => parseConfig({ commands: { reboot: [["ok"], [""]] } }), /non-empty strings/);
        assert.throws(() => parseConfig({ commands: { bogus: [] } }), /unknown config key commands.bogus/);
        assert.throws(() => parseConfig([]), /JSON object/);
    });

    QUnit.test("allowExec / allowFileWrite / patterns disable method groups", assert => {
        const noExec = disabledMethodSet(parseConfig({ allowExec: false }));
        assert.deepEqual([...noExec].sort(), [...EXEC_METHODS, "agent.update"].sort(), "an update runs the new binary: off with exec");
        const noWrite = disabledMethodSet(parseConfig({ allowFileWrite: false }));
        assert.deepEqual([...noWrite].sort(), [...FILE_WRITE_METHODS, "agent.update"].sort(), "and with file writes");
        assert.ok(!noWrite.has("file.read"), "reading stays allowed");
        const pattern = disabledMethodSet(parseConfig({ disabledMethods: ["file.*", "guest.reboot"] }));
        assert.ok(pattern.has("file.read") && pattern.has("file.close_write") && pattern.has("guest.reboot"));
        assert.ok(!pattern.has("guest.shutdown"));
        assert.throws(() => parseConfig({ disabledMethods: ["guest.exce"] }), /matches no method/, "typo caught");
        const all = disabledMethodSet(parseConfig({ disabledMethods: ["*"] }));
        assert.ok(!all.has("agent.sync") && !all.has("agent.ping") && !all.has("agent.info"), "the handshake always works");
        assert.ok(all.has("guest.exec"));
    });

    QUnit.test("loadConfig: missing default file = defaults, missing explicit file or bad JSON = error", assert => {
        const dir = mkdtempSync(path.join(tmpdir(), "kvmm-cfg-"));
        try {
            assert.deepEqual(loadConfig(path.join(dir, "absent.json"), false), DEFAULT_CONFIG);
            assert.throws(() => loadConfig(path.join(dir, "absent.json"), true), /cannot read/);
            writeFileSync(path.join(dir, "bad.json"), "{ nope");
            assert.throws(() => loadConfig(path.join(dir, "bad.json"), false), /not valid JSON/);
            writeFileSync(path.join(dir, "ok.json"), JSON.stringify({ allowExec: false, maxReadBytes: 10 }));
            const c = loadConfig(path.join(dir, "ok.json"), true);
            assert.strictEqual(c.allowExec, false);
            assert.strictEqual(c.maxReadBytes, 10);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

QUnit.module("agent path policy", hooks => {
    let dir = "";
    hooks.before(() => {
        dir = realpathSync(mkdtempSync(path.join(tmpdir(), "kvmm-paths-")));
        mkdirSync(path.join(dir, "allowed", "sub"), { recursive: true });
        mkdirSync(path.join(dir, "allowed-not"), { recursive: true });
        writeFileSync(path.join(dir, "secret"), "x");
        symlinkSync(path.join(dir, "secret"), path.join(dir, "allowed", "escape"));
        symlinkSync(path.join(dir, "allowed", "sub"), path.join(dir, "allowed", "inner"));
    });
    hooks.after(() => rmSync(dir, { recursive: true, force: true }));

    async function code(p: Promise<unknown>): Promise<number | string> {
        try {
            await p;
            return "ok";
        } catch (e) {
            return e instanceof RpcError ? e.code : String(e);
        }
    }

    QUnit.test("isInside compares whole path components", assert => {
        assert.ok(isInside("/a/b/c", "/a/b"));
        assert.ok(isInside("/a/b", "/a/b"));
        assert.notOk(isInside("/a/bc", "/a/b"));
        assert.ok(isInside("/anything", "/"));
    });

    QUnit.test("paths outside, via .., or via a symlink are refused; inside ones resolve", async assert => {
        const policy = new PathPolicy([path.join(dir, "allowed")]);
        const a = path.join(dir, "allowed");
        assert.strictEqual(await policy.resolve(path.join(a, "sub"), true), path.join(a, "sub"));
        assert.strictEqual(await policy.resolve(path.join(a, "new", "deeper", "file"), true), path.join(a, "new", "deeper", "file"), "targets that do not exist yet");
        assert.strictEqual(await policy.resolve(path.join(a, "inner", "f"), true), path.join(a, "sub", "f"), "symlink inside stays inside");
        assert.strictEqual(await code(policy.resolve(path.join(dir, "secret"), true)), ERROR_CODES.PathNotAllowed);
        assert.strictEqual(await code(policy.resolve(`${a}/../secret`, true)), ERROR_CODES.PathNotAllowed, "..");
        assert.strictEqual(await code(policy.resolve(path.join(dir, "allowed-not", "x"), true)), ERROR_CODES.PathNotAllowed, "prefix is not containment");
        assert.strictEqual(await code(policy.resolve(path.join(a, "escape"), true)), ERROR_CODES.PathNotAllowed, "symlink leading out");
        assert.strictEqual(await policy.resolve(path.join(a, "escape"), false), path.join(a, "escape"), "the link itself (stat/delete) is inside");
        assert.ok(await policy.isRoot(a));
        assert.strictEqual(await code(new PathPolicy([]).resolve(a, true)), ERROR_CODES.PathNotAllowed, "no directories: nothing allowed");
    });
});
