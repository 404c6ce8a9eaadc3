import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { readTextNow } from "../../../agent/src/methods/proc-text.ts";

QUnit.module("agent /proc reads", () => {
    QUnit.test("a file is read whole, past the first buffer, and decoded as UTF-8", assert => {
        const dir = mkdtempSync(join(tmpdir(), "kvmm-proc-text-"));
        try {
            const text = `${"ä".repeat(20_000)}\n${"x".repeat(30_000)}\nend`; // 70 kB: the buffer grows twice
            writeFileSync(join(dir, "big"), text);
            assert.strictEqual(readTextNow(join(dir, "big")), text);
            writeFileSync(join(dir, "small"), "1 (kworker/0:1) S\n");
            assert.strictEqual(readTextNow(join(dir, "small")), "1 (kworker/0:1) S\n", "a short file after a long one is not mixed with it");
            assert.strictEqual(readTextNow(join(dir, "absent")), "", "an absent file (a process that ended)");
            assert.strictEqual(readTextNow(dir), "", "a directory cannot be read");
        } finally {
            rmSync(dir, { recursive: true });
        }
    });

    QUnit.test("a real /proc file", assert => {
        assert.ok(readTextNow("/proc/self/stat").startsWith(`${process.pid} (`), "our own stat line");
        assert.ok(/^cpu /m.test(readTextNow("/proc/stat")));
    });
});
