import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { UploadJournal } from "../../../agent/src/upload-journal.ts";
import { removeDir, tempDir } from "./process-harness.ts";

QUnit.module("agent upload journal", hooks => {
    let dir = "";
    hooks.beforeEach(() => { dir = tempDir("kvmm-journal-") });
    hooks.afterEach(() => removeDir(dir));

    QUnit.test("record, forget, and a sweep that removes only the agent's own temp files", async assert => {
        const journal = new UploadJournal(path.join(dir, "state", "uploads"));
        const temp = path.join(dir, ".report.pdf.kvmm-0123abcd.tmp");
        writeFileSync(temp, "partial");
        await journal.record("aaaa", temp);
        await journal.record("bbbb", path.join(dir, ".gone.kvmm-89abcdef.tmp")); // already removed: no error
        const precious = path.join(dir, "precious.txt");
        writeFileSync(precious, "keep me");
        await journal.record("cccc", precious); // not a temp file's name: never removed
        await journal.record("dddd", "relative/.x.kvmm-0123abcd.tmp");
        await journal.record("eeee", path.join(dir, ".done.kvmm-00000000.tmp"));
        await journal.forget("eeee");
        assert.deepEqual(readdirSync(path.join(dir, "state", "uploads")).sort(), ["aaaa", "bbbb", "cccc", "dddd"]);

        assert.deepEqual(await journal.sweep(), [temp]);
        assert.false(existsSync(temp), "the temp file is gone");
        assert.true(existsSync(precious), "a file with another name stays, whatever the record says");
        assert.deepEqual(readdirSync(path.join(dir, "state", "uploads")), [], "every record is dropped");
        assert.deepEqual(await journal.sweep(), [], "nothing the second time");
    });

    QUnit.test("no journal directory: nothing to sweep; one that cannot be made does not stop uploads", async assert => {
        assert.deepEqual(await new UploadJournal(path.join(dir, "never-made")).sweep(), []);
        mkdirSync(path.join(dir, "file-not-dir"));
        writeFileSync(path.join(dir, "file-not-dir", "x"), "");
        const blocked = new UploadJournal(path.join(dir, "file-not-dir", "x", "uploads"));
        await blocked.record("ffff", path.join(dir, ".a.kvmm-0123abcd.tmp")); // resolves, logs why
        await blocked.forget("ffff");
        assert.deepEqual(await blocked.sweep(), []);
    });
});
