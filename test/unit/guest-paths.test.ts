import QUnit from "qunit";

import type { DirEntry } from "../../agent/src/protocol.ts";
import {
    existingNames, folderNameProblem, isAllowed, joinPath, normalizeDir, parentPath, sortEntries,
} from "../../src/views/vm-details/guest/files/guest-paths.ts";

const entry = (name: string, type: DirEntry["type"] = "file"): DirEntry => ({ name, type, size: 0, mode: 0o644, mtimeMs: 0 });

QUnit.module("guest file browser paths", () => {
    QUnit.test("a typed directory is tidied; a relative one is refused", assert => {
        assert.strictEqual(normalizeDir(" /tmp/ "), "/tmp");
        assert.strictEqual(normalizeDir("//var//log/./"), "/var/log");
        assert.strictEqual(normalizeDir("/a/b/../c/.."), "/a");
        assert.strictEqual(normalizeDir("/../.."), "/", "not above the root");
        assert.strictEqual(normalizeDir("/"), "/");
        assert.strictEqual(normalizeDir("tmp"), null);
        assert.strictEqual(normalizeDir(""), null);
        assert.strictEqual(normalizeDir("/with space/ä & <x>"), "/with space/ä & <x>", "odd names are kept as they are");
    });

    QUnit.test("join and parent", assert => {
        assert.strictEqual(joinPath("/", "etc"), "/etc");
        assert.strictEqual(joinPath("/tmp", "a b"), "/tmp/a b");
        assert.strictEqual(parentPath("/tmp/a"), "/tmp");
        assert.strictEqual(parentPath("/tmp"), "/");
        assert.strictEqual(parentPath("/"), null);
    });

    QUnit.test("allowed directories take in themselves and what lies below, nothing beside", assert => {
        assert.true(isAllowed("/tmp", ["/tmp", "/root"]));
        assert.true(isAllowed("/tmp/x/y", ["/tmp"]));
        assert.false(isAllowed("/tmpfoo", ["/tmp"]), "a sibling with the same start");
        assert.false(isAllowed("/", ["/tmp"]));
        assert.true(isAllowed("/anything", ["/"]));
        assert.true(isAllowed("/srv/data", ["/srv/"]), "a configured trailing slash");
        assert.false(isAllowed("/tmp", []));
    });

    QUnit.test("folders first, then names in natural order", assert => {
        const sorted = sortEntries([entry("file10"), entry("b", "directory"), entry("file2"), entry("A", "directory"), entry("link", "symlink")]);
        assert.deepEqual(sorted.map(e => e.name), ["A", "b", "file2", "file10", "link"]);
    });

    QUnit.test("names that would replace a file", assert => {
        assert.deepEqual(existingNames(["a.txt", "new.txt", "dir"], [entry("a.txt"), entry("dir", "directory")]), ["a.txt", "dir"]);
        assert.deepEqual(existingNames(["x"], []), []);
    });

    QUnit.test("a new folder's name", assert => {
        assert.strictEqual(folderNameProblem("reports 2026"), null);
        assert.strictEqual(folderNameProblem("<&'\">"), null, "XML special characters are fine in a file name");
        assert.strictEqual(folderNameProblem("  "), "Enter a name.");
        assert.strictEqual(folderNameProblem("a/b"), "A name cannot contain \"/\".");
        assert.strictEqual(folderNameProblem(".."), "\".\" and \"..\" are not names of their own.");
        assert.strictEqual(folderNameProblem("x".repeat(255)), null);
        assert.strictEqual(folderNameProblem("ä".repeat(128)), "The name is too long: at most 255 bytes.", "256 bytes in UTF-8");
    });
});
