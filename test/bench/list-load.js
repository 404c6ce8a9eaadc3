#!/usr/bin/env node
// Benchmark: defines N shut-off VMs (default 1000), logs in with Chromium and prints the
// milliseconds from navigation until the list holds every VM, the plugin frame's JS heap,
// and how long filtering and sorting take. Runs the same load measure on cockpit-machines
// when it is installed, and the time `kvmm list --json` takes beside `virsh list --all --name`.
// Prints figures; asserts nothing.
//   node test/bench/list-load.js [N]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

import { COCKPIT_URL, launchBrowser, login } from "./bench-browser.js";

const N = Number(process.argv[2] ?? process.env.BENCH_VMS ?? 1000);
const PREFIX = "kvmmbench-";
const DIR = "/tmp/kvmm-bench";

function virshBatch(commands) {
    // One virsh process runs many commands separated by ';', far faster than one process each.
    for (let i = 0; i < commands.length; i += 200)
        execFileSync("virsh", ["-c", "qemu:///system", "-q", commands.slice(i, i + 200).join(" ; ")], { stdio: ["ignore", "ignore", "inherit"] });
}

function benchNames() {
    return execFileSync("virsh", ["-c", "qemu:///system", "list", "--all", "--name"]).toString()
            .split("\n").map(s => s.trim()).filter(s => s.startsWith(PREFIX));
}

function defineVms() {
    mkdirSync(DIR, { recursive: true });
    const have = new Set(benchNames());
    const commands = [];
    for (let i = 0; i < N; i++) {
        const name = `${PREFIX}${String(i).padStart(4, "0")}`;
        if (have.has(name)) continue;
        const file = `${DIR}/${name}.xml`;
        // Fixed, trusted names: the bench does not exercise XML escaping.
        writeFileSync(file, `<domain type='qemu'><name>${name}</name><memory unit='MiB'>${64 + (i % 8) * 32}</memory>` +
            `<vcpu>${1 + (i % 4)}</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`);
        commands.push(`define ${file}`);
    }
    const start = Date.now();
    virshBatch(commands);
    console.log(`defined ${commands.length} VMs in ${Date.now() - start} ms (${have.size} existed)`);
}

function removeVms() {
    virshBatch(benchNames().map(n => `undefine ${n}`));
    rmSync(DIR, { recursive: true, force: true });
}

async function frameOf(page, part) {
    for (;;) {
        const frame = page.frames().find(f => f.url().includes(part));
        if (frame) return frame;
        await new Promise(r => setTimeout(r, 20));
    }
}

async function heapMB(frame) {
    return frame.evaluate(() => {
        return performance.memory ? performance.memory.usedJSHeapSize / 1048576 : NaN;
    });
}

async function measure(browser, name, path, framePart, isComplete) {
    // A fresh context per measure: no shared login cookie, no warm cache.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await login(page, "/system");
    await frameOf(page, "/system/index.html");
    const t0 = Date.now();
    await page.goto(`${COCKPIT_URL}${path}`, { waitUntil: "domcontentloaded" });
    const frame = await frameOf(page, framePart);
    let rows = 0;
    let lastError;
    const deadline = t0 + 180_000;
    while (Date.now() < deadline) {
        rows = await frame.evaluate(isComplete, N).catch(error => { lastError = error; return 0; });
        // cockpit-machines stops at "Hardware virtualization is disabled" on nested hosts until told to go on.
        if (rows < N) await frame.evaluate(() => [...document.querySelectorAll("button")].find(b => b.textContent === "Ignore")?.click()).catch(() => undefined);
        if (rows >= N) break;
        await new Promise(r => setTimeout(r, 20));
    }
    const ms = Date.now() - t0;
    const heap = await heapMB(frame);
    console.log(`${name}: ${rows >= N ? "all" : "only"} ${rows} of ${N} VMs listed after ${ms} ms; frame JS heap ${heap.toFixed(1)} MB`);
    if (rows < N && lastError) console.log(`  last error: ${lastError.message}`);
    return { page, frame };
}

async function timeUntil(frame, action, check, arg) {
    const t0 = Date.now();
    await action();
    while (!(await frame.evaluate(check, arg))) await new Promise(r => setTimeout(r, 5));
    return Date.now() - t0;
}

/** Median wall time of a command over a few runs, in ms. */
function medianMs(argv, runs = 3) {
    const times = [];
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        execFileSync(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 256 * 1024 * 1024 });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return Math.round(times.sort((a, b) => a - b)[Math.floor(runs / 2)]);
}

defineVms();
console.log(`kvmm list --json: ${medianMs(["build/kvmm/kvmm", "list", "--json"])} ms; ` +
    `virsh list --all --name: ${medianMs(["virsh", "-c", "qemu:///system", "list", "--all", "--name"])} ms (median of 3)`);
const browser = await launchBrowser(["--enable-precise-memory-info"]);
try {
    const total = benchNames().length;
    console.log(`host has ${total} bench VMs; KVM Manager counts every VM on the host`);
    const { frame } = await measure(browser, "kvm-manager", "/kvm-manager", "/kvm-manager/index.html",
        n => Number(document.querySelector("#vm-list")?.getAttribute("data-total") ?? 0) >= n && document.querySelectorAll("tr.vm-row").length > 0 ? n : 0);
    const last = `${PREFIX}${String(N - 1).padStart(4, "0")}`;
    const filterMs = await timeUntil(frame, () => frame.type("#vm-filter-name input", last.slice(PREFIX.length)),
        () => document.querySelector("#vm-list")?.getAttribute("data-shown") === "1");
    const clearMs = await timeUntil(frame, () => frame.click("#vm-filter-name button[aria-label='Reset']").catch(() => frame.evaluate(() => undefined)),
        () => Number(document.querySelector("#vm-list")?.getAttribute("data-shown")) > 1);
    const sortMs = await timeUntil(frame, () => frame.click(".vm-column-name button"),
        name => document.querySelector("tr.vm-row")?.getAttribute("data-vm-name") === name, last);
    console.log(`kvm-manager: filter to 1 row ${filterMs} ms, clear filter ${clearMs} ms, reverse sort ${sortMs} ms (typing included)`);
    if (process.env.BENCH_COMPARE === "0") {
        console.log("BENCH_COMPARE=0: no comparison with cockpit-machines");
    } else if (existsSync("/usr/share/cockpit/machines/manifest.json")) {
        await measure(browser, "cockpit-machines", "/machines", "/machines/index.html",
            () => document.querySelectorAll("#virtual-machines-listing tbody tr").length);
    } else {
        console.log("cockpit-machines is not installed: no comparison");
    }
} finally {
    await browser.close();
    if (!process.env.BENCH_KEEP) removeVms();
}
