// Runs the given bundled QUnit test files in one Node process, as TAP, and ends with the line
// "N passed, N failed". With --watch-stack the test stack is checked after each test (see
// stack/watch.js). Started by run-tests.js, one process per browser test file.
// Usage: node test/run-files.js [--watch-stack] FILE.test.js...
import path from "node:path";
import { pathToFileURL } from "node:url";

import QUnit from "qunit";

import { watchStack } from "./stack/watch.js";

const args = process.argv.slice(2);
const watch = args[0] === "--watch-stack";
const files = watch ? args.slice(1) : args;
QUnit.config.autostart = false;
QUnit.config.testTimeout = 600_000;
if (process.env.TEST_FILTER) {
    QUnit.config.filter = process.env.TEST_FILTER;
    // run-tests.js gives every file; a filter matches tests of some of them only.
    QUnit.config.failOnZeroTests = false;
}
QUnit.reporters.tap.init(QUnit);

let passed = 0;
let failed = 0;
let skipped = 0;
QUnit.on("testEnd", test => {
    if (test.status === "passed" || test.status === "todo") passed++;
    else if (test.status === "skipped") skipped++;
    else failed++;
});
QUnit.on("runEnd", () => {
    console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
    // Browsers and sockets opened by tests must not keep the run alive.
    setTimeout(() => process.exit(failed > 0 ? 1 : 0), 100);
});

// After each test, so that the next module's `before` hook finds the stack whole again.
if (watch) await watchStack(QUnit);
for (const file of files) await import(pathToFileURL(path.resolve(file)).href);
QUnit.start();
