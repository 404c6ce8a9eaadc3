// Runs the bundled QUnit suites (build/test/<suite>/…) in one Node process and ends with the
// line "N passed, N failed" that CI reads. Usage: node test/run-tests.js unit [browser]
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import QUnit from "qunit";

const suites = process.argv.slice(2);
const filter = process.env.TEST_FILTER;
QUnit.config.autostart = false;
QUnit.config.testTimeout = 600_000;
if (filter) QUnit.config.filter = filter;
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
    setTimeout(() => process.exit(failed > 0 || passed === 0 ? 1 : 0), 100);
});

for (const suite of suites) {
    const dir = path.join("build", "test", suite);
    let files = [];
    try {
        files = readdirSync(dir, { recursive: true }).filter(f => typeof f === "string" && f.endsWith(".test.js")).sort();
    } catch {
        console.error(`no ${suite} tests built in ${dir}`);
        process.exit(1);
    }
    for (const file of files) await import(pathToFileURL(path.resolve(dir, file)).href);
}
QUnit.start();
