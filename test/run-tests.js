// Runs the bundled QUnit suites (build/test/<suite>/…) and ends with the line
// "N passed, N failed" that CI reads. Usage: node test/run-tests.js unit [browser]
//
// The unit suite runs in one process; each browser test file in a process of its own, with the
// test stack checked after every test. A browser file that failed while the stack lost a daemon
// without a crash of its own (no segfault from the kernel), or whose browser could not even log
// in, is run once more, its first run kept as comments: on these machines daemons have been
// ended from outside in the middle of a CI run, and every later test failed.
//
// Browser files can run in lanes side by side (KVMM_TEST_LANES=2). Each lane has its own test
// users and domain mark (as work trees testing side by side do), and takes the slowest file left
// (test/browser/file-times.json) when it is free; files that change what every lane sees
// (SOLO_FILES) run first, alone. One lane by default: on 2 cores two lanes gave only 1.25× and
// TCG guests beside another lane's missed their boot and page waits in a clean-clone run.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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
function runFiles(files, watch, env = process.env) {
    return new Promise(resolve => {
        const child = spawn(process.execPath, ["test/run-files.js", ...(watch ? ["--watch-stack"] : []), ...files],
                            { stdio: ["ignore", "pipe", "inherit"], env });
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
const endSessions = env => execFileSync("bash", ["test/stack/end-sessions.sh", env.KVMM_TEST_USER, env.KVMM_TEST_NOPRIV_USER], { stdio: "inherit" });

const lostStack = run => run.lines.some(l => l.startsWith("# the test stack lost")) || run.ended !== "";
const crashed = run => run.lines.some(l => /^# {2}kernel: .*segfault/.test(l));
// A module's browser could not log in and open the plugin (cockpit-session.ts): no test of it ran.
const noSession = run => run.lines.some(l => l.includes("the browser session did not open"));

function count(run) {
    passed += run.passed;
    failed += run.failed;
    skipped += run.skipped;
}

/** One browser file, run again once if the stack failed under it; printed when it ends. */
async function runBrowserFile(file, env) {
    const started = Date.now();
    let run = await runFiles([file], true, env);
    let first = [];
    if (run.failed > 0 && (lostStack(run) || noSession(run)) && !crashed(run)) {
        const why = lostStack(run) ? "the test stack was lost while it ran" : "a browser session could not be opened";
        first = [run, why];
        endSessions(env);
        run = await runFiles([file], true, env);
    }
    endSessions(env);
    // Printed whole when the file ends, so that the lanes' lines do not interleave.
    if (first.length) {
        console.log(`# ${file}: ${first[1]}; its first run, then a second one:`);
        printRun(first[0], "#   ");
    }
    printRun(run);
    // Each file's wall time, so that the suite's growth against its time budget shows.
    console.log(`# ${path.basename(file)}: ${String(Math.round((Date.now() - started) / 1000))} s${env.KVMM_TEST_LANE ? ` (lane ${env.KVMM_TEST_LANE})` : ""}`);
    count(run);
}

// libvirt-outage stops libvirtd; overview and vm-list count every VM of the host; alerts fires
// rules on every VM. Nothing else may run beside them.
const SOLO_FILES = ["libvirt-outage", "overview", "alerts", "vm-list"];
const baseName = file => path.basename(file, ".test.js");

function fileTimes() {
    try {
        return JSON.parse(readFileSync("test/browser/file-times.json", "utf8"));
    } catch {
        return {};
    }
}

/** The environment of lane `n` (from 1): lane 1 is the run's own users, the others their own. */
function laneEnv(n) {
    const user = process.env.KVMM_TEST_USER ?? "kvmtest";
    const nopriv = process.env.KVMM_TEST_NOPRIV_USER ?? "kvmtest-nopriv";
    if (n === 1) return { ...process.env, KVMM_TEST_USER: user, KVMM_TEST_NOPRIV_USER: nopriv };
    const run = process.env.KVMM_TEST_RUN;
    const env = {
        ...process.env,
        KVMM_TEST_USER: `${user}-l${String(n)}`,
        KVMM_TEST_NOPRIV_USER: `${nopriv}-l${String(n)}`,
        KVMM_TEST_RUN: run ? `${run}-l${String(n)}` : `l${String(n)}`,
        KVMM_TEST_LANE: String(n),
    };
    execFileSync("bash", ["test/stack/test-users.sh", env.KVMM_TEST_USER, env.KVMM_TEST_NOPRIV_USER], { stdio: "inherit" });
    return env;
}

async function runBrowser(files) {
    const lanes = Math.max(1, Number(process.env.KVMM_TEST_LANES ?? 1));
    const solo = files.filter(f => SOLO_FILES.includes(baseName(f)));
    for (const file of solo) await runBrowserFile(file, laneEnv(1));
    // New files (not timed yet) count as a minute.
    const times = fileTimes();
    const queue = files.filter(f => !solo.includes(f)).sort((a, b) => (times[baseName(b)] ?? 60) - (times[baseName(a)] ?? 60));
    const lane = async env => {
        for (let file = queue.shift(); file; file = queue.shift()) await runBrowserFile(file, env);
    };
    await Promise.all(Array.from({ length: Math.min(lanes, queue.length || 1) }, (_, i) => lane(laneEnv(i + 1))));
}

console.log("TAP version 13");
for (const suite of suites) {
    if (suite === "browser") await runBrowser(builtFiles(suite));
    else {
        const run = await runFiles(builtFiles(suite), false);
        printRun(run);
        count(run);
    }
}
console.log(`1..${String(numbered)}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
