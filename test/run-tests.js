// Runs the bundled QUnit suites (build/test/<suite>/…) and ends with the line
// "N passed, N failed" that CI reads. Usage: node test/run-tests.js unit [browser]
//
// The unit suite runs in one process; each browser test file in a process of its own, with the
// test stack checked after every test. A browser file that failed while the stack lost a daemon
// without a crash of its own (no segfault from the kernel), or whose browser could not even log
// in, is run once more, its first run kept as comments: on these machines daemons have been
// ended from outside in the middle of a CI run, and every later test failed.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const suites = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let numbered = 0;

function builtFiles(suite) {
    const dir = path.join("build", "test", suite);
    try {
        return readdirSync(dir, { recursive: true })
            .filter(f => typeof f === "string" && f.endsWith(".test.js")).sort()
            .map(f => path.join(dir, f));
    } catch {
        console.error(`no ${suite} tests built in ${dir}`);
        process.exit(1);
    }
}

/** Runs files in a child process; resolves with its TAP lines and counts. */
function runFiles(files, watch) {
    return new Promise(resolve => {
        const child = spawn(process.execPath, ["test/run-files.js", ...(watch ? ["--watch-stack"] : []), ...files],
                            { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", chunk => {
            out += chunk;
        });
        child.on("close", (code, signal) => {
            const lines = out.split("\n");
            const results = lines.filter(l => /^(not )?ok \d+/.test(l));
            const ended = /^\d+ passed, \d+ failed/m.test(out) ? "" : `the test process ended without a summary (${signal ?? `exit code ${String(code)}`})`;
            resolve({
                lines,
                skipped: results.filter(l => l.includes("# SKIP")).length,
                passed: results.filter(l => (l.startsWith("ok") && !l.includes("# SKIP")) || l.includes("# TODO")).length,
                failed: results.filter(l => l.startsWith("not ok") && !l.includes("# TODO")).length + (ended ? 1 : 0),
                ended,
            });
        });
    });
}

/** Prints a run's TAP test lines, numbered on from the previous runs; drops per-run trailers. */
function printRun(run, prefix = "") {
    for (const line of run.lines) {
        if (/^(TAP version|1\.\.\d+$|# (pass|skip|todo|fail) \d+$)/.test(line) || /^\d+ passed, \d+ failed/.test(line) || line === "") continue;
        const test = /^(not ok|ok) (\d+)(.*)$/.exec(line);
        if (test && !prefix) console.log(`${test[1]} ${String(++numbered)}${test[3]}`);
        else console.log(prefix + line);
    }
    if (run.ended) console.log(`${prefix}# ${run.ended}`);
}

// The test users' logins leave session daemons behind (end-sessions.sh says why).
const TEST_USERS = [process.env.KVMM_TEST_USER ?? "kvmtest", process.env.KVMM_TEST_NOPRIV_USER ?? "kvmtest-nopriv"];
const endSessions = () => execFileSync("bash", ["test/stack/end-sessions.sh", ...TEST_USERS], { stdio: "inherit" });

const lostStack = run => run.lines.some(l => l.startsWith("# the test stack lost")) || run.ended !== "";
const crashed = run => run.lines.some(l => /^# {2}kernel: .*segfault/.test(l));
// A module's browser could not log in and open the plugin (cockpit-session.ts): no test of it ran.
const noSession = run => run.lines.some(l => l.includes("the browser session did not open"));

console.log("TAP version 13");
for (const suite of suites) {
    const browser = suite === "browser";
    const groups = browser ? builtFiles(suite).map(f => [f]) : [builtFiles(suite)];
    for (const files of groups) {
        const started = Date.now();
        let run = await runFiles(files, browser);
        if (browser && run.failed > 0 && (lostStack(run) || noSession(run)) && !crashed(run)) {
            const why = lostStack(run) ? "the test stack was lost while it ran" : "a browser session could not be opened";
            console.log(`# ${files[0]}: ${why}; its first run, then a second one:`);
            printRun(run, "#   ");
            endSessions();
            run = await runFiles(files, browser);
        }
        if (browser) endSessions();
        printRun(run);
        // Each file's wall time, so that the suite's growth against its time budget shows.
        if (browser) console.log(`# ${path.basename(files[0] ?? "")}: ${String(Math.round((Date.now() - started) / 1000))} s`);
        passed += run.passed;
        failed += run.failed;
        skipped += run.skipped;
    }
}
console.log(`1..${String(numbered)}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
