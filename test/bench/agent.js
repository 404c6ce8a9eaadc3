#!/usr/bin/env node
// Benchmark of kvmm-agent as the plugin reaches it (browser → cockpit-ws external channel →
// bridge → QEMU's channel socket → virtio-serial → agent in a TCG test guest). Boots the agent
// test image, then prints: boot time to the agent's port being open, the same transfers
// straight from the host (the agent's own ceiling), agent.ping round trip p50/p99 (opened in
// the plugin's frame as the plugin's client opens it), the agent's idle RSS in the guest, the
// guest CPU its metrics and details polls cost, and upload and download MB/s of a 10 MB file
// through the Guest tab (chunks, sha256 on both ends included); then qemu-guest-agent's
// file-write MB/s in its own test guest, beside ours.
//   node test/bench/agent.js [pings]
// VCPUS: the guest's vCPUs (default 1; with one, the agent's threads share it).
// CPU_XML: a <cpu> element for the guest (default none: QEMU's qemu64 model under TCG;
// "<cpu mode='maximum'/>" halved the transfer rates here, its AVX2 being emulated).
// TRACE=file.json: also writes a Chromium trace of the Guest tab download.
// KVMM_AGENT_GUEST_CACHE / KVMM_AGENT_OVERLAY: image and overlay directories (a developer's
// own, so that another worktree's agent is not rebuilt over).
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { availableParallelism } from "node:os";

import { pingInFrame, transfersInFrame } from "./agent-frame.js";
import { COCKPIT_URL, launchBrowser, login, PASSWORD } from "./bench-browser.js";
import { cpuSince, cpuSnapshot } from "./process-cpu.js";
import { qgaWriteSeconds } from "./qga-write.js";

const PINGS = Number(process.argv[2] ?? 300);
const RUN = process.env.KVMM_TEST_RUN ? `-${process.env.KVMM_TEST_RUN}` : "";
const NAME = `kvmmt-agentbench${RUN}-guest`;
const CACHE = process.env.KVMM_AGENT_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest-agent";
const DIR = `/tmp/kvmmt-agentbench${RUN}`;
const SIZE = 10 * 1024 * 1024;
const IDLE_MS = 3000;
/** TRACE=file.json: a Chromium trace of the Guest tab download, for chrome://tracing or Perfetto. */
const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink", "toplevel", "blob", "mojom", "disabled-by-default-v8.gc"];

const virsh = (...args) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function cleanup() {
    try { virsh("destroy", NAME) } catch { /* not running */ }
    try { virsh("undefine", NAME) } catch { /* not defined */ }
    rmSync(DIR, { recursive: true, force: true });
}

function defineGuest() {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(`${DIR}/domain.xml`, `<domain type='qemu'><name>${NAME}</name><memory unit='MiB'>512</memory><vcpu>${process.env.VCPUS ?? 1}</vcpu>${process.env.CPU_XML ?? ''}
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>${CACHE}/vmlinuz</kernel><initrd>${CACHE}/initrd.img</initrd>
<cmdline>console=ttyS0 quiet rootfstype=ramfs</cmdline></os><features><acpi/></features><on_poweroff>destroy</on_poweroff>
<devices><serial type='pty'/><console type='pty'><target type='serial'/></console>
<channel type='unix'><target type='virtio' name='org.kvmmanager.agent.0'/></channel></devices></domain>`);
    virsh("define", `${DIR}/domain.xml`);
}

async function adminAccess(page) {
    const button = "#super-user-indicator button";
    await page.waitForSelector(button, { visible: true });
    if ((await page.$eval(button, b => b.textContent)).includes("Administrative access")) return;
    await page.click(button);
    await page.waitForSelector("#switch-to-admin-access-password", { visible: true });
    await page.type("#switch-to-admin-access-password", PASSWORD);
    await page.keyboard.press("Enter");
    for (let i = 0; i < 300; i++) {
        if ((await page.$eval(button, b => b.textContent).catch(() => "")).includes("Administrative access")) return;
        await sleep(100);
    }
    throw new Error("administrative access was not granted");
}

async function pluginFrame(page) {
    for (let i = 0; i < 300; i++) {
        const frame = page.frames().find(f => f.url().includes("/kvm-manager/index.html"));
        if (frame) {
            await frame.waitForSelector("#app");
            return frame;
        }
        await sleep(100);
    }
    throw new Error("no plugin frame");
}

/**
 * Clicks `button` (the Guest tab's Upload, or a file's Download) and waits for the transfer's
 * outcome; returns the ms from the click to the result shown, both taken in the page
 * (puppeteer's own round trips for the click and the wait added ~70 ms to a 0.5 s transfer).
 */
async function guestTabTransfer(frame, kind, button) {
    await button.evaluate((target, kind) => {
        window.kvmmBenchTimes = {};
        const times = window.kvmmBenchTimes;
        target.addEventListener("click", () => { times.click = performance.now() }, { capture: true, once: true });
        const seen = new MutationObserver(() => {
            if (times.click !== undefined && document.querySelector(`#guest-${kind}-done, #guest-${kind}-error`)) {
                times.shown = performance.now();
                seen.disconnect();
            }
        });
        seen.observe(document.body, { childList: true, subtree: true });
    }, kind);
    await button.click();
    await frame.waitForSelector(`#guest-${kind}-done, #guest-${kind}-error`, { timeout: 300_000 });
    if (await frame.$(`#guest-${kind}-error`)) throw new Error(`${kind} failed: ${await frame.$eval(`#guest-${kind}-error`, e => e.textContent)}`);
    const { click, shown } = await frame.evaluate(() => window.kvmmBenchTimes);
    return shown - click;
}

/** The Download button of `name` in the Guest tab's file browser, once it is listed. */
async function downloadButton(frame, name) {
    for (let i = 0; i < 300; i++) {
        const button = (await frame.evaluateHandle(n => [...document.querySelectorAll("#guest-files-table tr.guest-file")]
            .find(r => r.getAttribute("data-name") === n)?.querySelector(".guest-file-download") ?? null, name)).asElement();
        if (button) return button;
        await sleep(100);
    }
    throw new Error(`${name} is not listed in the Guest tab`);
}

/** A JSON-RPC connection straight to the channel socket, synced: call(method, params, data?). */
async function connectDirect(socket) {
    const sock = net.connect(socket);
    await new Promise((resolve, reject) => { sock.once("connect", resolve); sock.once("error", reject) });
    const waiting = new Map();
    let buf = Buffer.alloc(0);
    let dataFor = null;
    sock.on("data", c => {
        buf = Buffer.concat([buf, c]);
        for (;;) {
            if (dataFor) {
                if (buf.length < dataFor.n) return;
                dataFor.resolve({ result: dataFor.result, data: buf.subarray(0, dataFor.n) });
                buf = buf.subarray(dataFor.n);
                dataFor = null;
                continue;
            }
            const nl = buf.indexOf(10);
            if (nl < 0) return;
            const line = buf.subarray(0, nl).toString();
            buf = buf.subarray(nl + 1);
            let msg;
            try { msg = JSON.parse(line) } catch { continue }
            const w = waiting.get(msg.id);
            if (!w) continue;
            waiting.delete(msg.id);
            if (msg.error) w.reject(new Error(msg.error.message));
            else if (msg.result?.dataBytes) dataFor = { n: msg.result.dataBytes, result: msg.result, resolve: w.resolve };
            else w.resolve({ result: msg.result });
        }
    });
    let id = 0;
    const call = (method, params, data) => new Promise((resolve, reject) => {
        const n = ++id;
        waiting.set(n, { resolve, reject });
        sock.write(`${JSON.stringify({ jsonrpc: "2.0", id: n, method, params: data ? { ...params, dataBytes: data.length } : params })}\n`);
        if (data) sock.write(data);
    });
    sock.write("\n");
    await call("agent.sync", { id: 1 });
    return { call, close: () => sock.destroy() };
}

/** The agent's resident memory in the guest, in MiB. */
async function guestRss(socket) {
    const { call, close } = await connectDirect(socket);
    const { result } = await call("guest.exec", { argv: ["sh", "-c", "grep VmRSS /proc/$(pidof node)/status"], outputEncoding: "utf8" });
    close();
    const kb = /VmRSS:\s+(\d+)/.exec(result.stdout)?.[1];
    return kb ? (Number(kb) / 1024).toFixed(1) : `unknown (${result.stdout.trim()})`;
}

/**
 * The same transfers straight from the host to the channel socket, no Cockpit in between: the
 * ceiling of the agent and virtio-serial. Chunks and chunks in flight as the Guest tab uses.
 */
async function directTransfers(socket, file, chunk, parallel) {
    const { call, close } = await connectDirect(socket);
    const bytes = readFileSync(file);
    const want = createHash("sha256").update(bytes).digest("hex");
    const inFlight = async (count, step) => {
        let next = 0;
        await Promise.all(Array.from({ length: parallel }, async () => {
            while (next < count) await step(next++);
        }));
    };
    let t = performance.now();
    const { result: { handle } } = await call("file.open_write", { path: "/tmp/direct.bin", overwrite: true });
    await inFlight(Math.ceil(bytes.length / chunk), i => call("file.write_chunk", { handle, offset: i * chunk }, bytes.subarray(i * chunk, (i + 1) * chunk)));
    const { result: digest } = await call("file.close_write", { handle, sha256: want });
    const up = performance.now() - t;
    if (digest.sha256 !== want) throw new Error("direct upload: wrong sha256");
    const info = (await call("agent.info", {})).result;
    const readChunk = Math.min(chunk, info.limits.maxReadBytes);
    t = performance.now();
    const parts = [];
    const { result: opened } = await call("file.open_read", { path: "/tmp/direct.bin" });
    await inFlight(Math.ceil(bytes.length / readChunk), async i => {
        parts[i] = (await call("file.read_chunk", { handle: opened.handle, offset: i * readChunk, length: readChunk })).data;
    });
    const { result: served } = await call("file.close_read", { handle: opened.handle });
    if (served.sha256 !== want) throw new Error("direct download: the agent's sha256 differs");
    const down = performance.now() - t;
    if (createHash("sha256").update(Buffer.concat(parts)).digest("hex") !== want) throw new Error("direct download: wrong bytes");
    close();
    return { up, down, readChunk };
}

/** kvmm-agent on this machine serving a unix socket: the plugin path without a guest. */
function startHostAgent() {
    const dir = `${DIR}/host-agent`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/config.json`, JSON.stringify({ allowedDirectories: [dir], stateDirectory: `${DIR}/host-agent-state` }));
    const socket = `${dir}/agent.sock`;
    // Its audit log would fill the output: it goes to a file, shown only if the agent fails to start.
    const log = `${dir}/agent.log`;
    const child = spawn(process.execPath, ["agent/dist/kvmm-agent.js", "--config", `${dir}/config.json`, "--socket", socket], { stdio: ["ignore", "ignore", openSync(log, "w")] });
    const ready = (async () => {
        for (let i = 0; i < 100; i++) {
            if (existsSync(socket)) return;
            await sleep(100);
        }
        throw new Error(`the host agent did not open its socket: ${readFileSync(log, "utf8")}`);
    })();
    return { socket, ready, stop: () => child.kill() };
}

/**
 * One of the Guest tab's polls (its calls at once, as the tab sends them), `rounds` times:
 * ms per round and QEMU's CPU time per round.
 */
async function pollCost(socket, requests, rounds) {
    const { call, close } = await connectDirect(socket);
    const round = () => Promise.all(requests.map(([method, params]) => call(method, params)));
    await round(); // the metrics' baseline sample, and the JIT warming up
    const cpu = cpuSnapshot();
    const t = performance.now();
    for (let i = 0; i < rounds; i++) await round();
    const ms = (performance.now() - t) / rounds;
    const qemuMs = ((cpuSnapshot()["QEMU (the guest)"] - cpu["QEMU (the guest)"]) * 10) / rounds; // ticks are 10 ms
    close();
    return { ms, qemuMs };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
    execFileSync("bash", ["test/guest/build-agent-overlay.sh"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, KVMM_GUEST_CACHE: CACHE } });
    cleanup();
    defineGuest();
    const t0 = Date.now();
    virsh("start", NAME);
    let socket = "";
    for (let i = 0; i < 1200 && !socket; i++) {
        const xml = virsh("dumpxml", NAME);
        if (/state=["']connected["']/.test(xml)) socket = /<source mode=["']bind["'] path=["']([^"']+org\.kvmmanager\.agent\.0)["']/.exec(xml)[1];
        else await sleep(100);
    }
    if (!socket) throw new Error("the agent did not open its port");
    console.log(`boot: virsh start to the agent's port open: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const file = `${DIR}/bench-10M.bin`;
    writeFileSync(file, randomBytes(SIZE));
    const want = createHash("sha256").update(readFileSync(file)).digest("hex");
    console.log(`agent RSS in the guest, idle since boot: ${await guestRss(socket)} MiB`);
    // Twice: the first run also pays for the agent's JIT warming up.
    await directTransfers(socket, file, 4 * 1024 * 1024, 2);
    const direct = await directTransfers(socket, file, 4 * 1024 * 1024, 2);
    const mbs = ms => (SIZE / 1e6 / (ms / 1000)).toFixed(2);
    console.log(`direct to the channel socket (no Cockpit), 10 MiB, second run: upload ${mbs(direct.up)} MB/s (4 MiB × 2), download ${mbs(direct.down)} MB/s (${direct.readChunk / 1024} KiB × 2)`);

    const metrics = await pollCost(socket, [["guest.get_metrics", { topProcesses: 10 }]], 20);
    console.log(`guest.get_metrics with the top 10 processes (the Guest tab's poll, every 2 s): ${metrics.ms.toFixed(1)} ms per call, QEMU CPU ${metrics.qemuMs.toFixed(0)} ms per call`);
    const details = await pollCost(socket, [["guest.get_info", {}], ["guest.get_users", {}]], 20);
    console.log(`guest.get_info + guest.get_users (the Guest tab's poll, every 5 s): ${details.ms.toFixed(1)} ms per round, QEMU CPU ${details.qemuMs.toFixed(0)} ms per round`);

    const browser = await launchBrowser();
    try {
        const page = await browser.newPage();
        await login(page, "/kvm-manager");
        await adminAccess(page);
        const frame = await pluginFrame(page);
        const { times, rss } = await pingInFrame(frame, socket, PINGS);
        times.sort((a, b) => a - b);
        console.log(`agent.ping via the plugin's channel (${PINGS}×): p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms`);
        const kb = /VmRSS:\s+(\d+)/.exec(rss)?.[1];
        console.log(`agent RSS in the guest, idle after the direct transfers: ${kb ? `${(Number(kb) / 1024).toFixed(1)} MiB` : `unknown (${rss.trim()})`}`);

        const viaGuest = await transfersInFrame(frame, socket, SIZE, "/tmp/frame-10M.bin");
        console.log(`through the plugin's channel without the page's hashing, 10 MiB: upload ${mbs(viaGuest.up)} MB/s, download ${mbs(viaGuest.down)} MB/s`);
        console.log(`  the download came in ${viaGuest.downMessages} WebSocket messages, ${(viaGuest.downBytes / viaGuest.downMessages / 1024).toFixed(1)} KiB on average`);
        const hostAgent = startHostAgent();
        try {
            await hostAgent.ready;
            const viaHost = await transfersInFrame(frame, hostAgent.socket, SIZE, `${DIR}/host-agent/10M.bin`);
            console.log(`the same to kvmm-agent running on the host (no guest, no TCG): upload ${mbs(viaHost.up)} MB/s, download ${mbs(viaHost.down)} MB/s`);
        } finally {
            hostAgent.stop();
        }

        await page.goto("about:blank");
        await page.goto(`${COCKPIT_URL}/kvm-manager#/vm/system/${NAME}?tab=guest`, { waitUntil: "domcontentloaded" });
        const g = await pluginFrame(page);
        await g.waitForSelector("#guest-agent-panel", { timeout: 60_000 });
        await g.waitForSelector("#guest-files-table, #guest-files-empty", { timeout: 60_000 }); // Upload waits for the folder's listing
        // What the open tab costs by itself (live graphs, polling), for the transfers' figures.
        let cpu = cpuSnapshot();
        await sleep(IDLE_MS);
        console.log(`Guest tab open, no transfer, ${IDLE_MS / 1000} s: CPU time ${cpuSince(cpu)}`);
        await (await g.$("#guest-upload-file")).uploadFile(file);
        const cdp = await page.createCDPSession();
        mkdirSync(`${DIR}/dl`, { recursive: true });
        await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: `${DIR}/dl` });
        for (const kind of ["upload", "download"]) {
            cpu = cpuSnapshot();
            const tracing = kind === "download" && process.env.TRACE;
            if (tracing) await page.tracing.start({ path: process.env.TRACE, categories: TRACE_CATEGORIES });
            const button = kind === "upload" ? await g.$("#guest-upload-submit") : await downloadButton(g, "bench-10M.bin");
            const ms = await guestTabTransfer(g, kind, button);
            if (tracing) await page.tracing.stop();
            if (kind === "upload") {
                const got = await g.$eval("#guest-upload-status", e => e.getAttribute("data-sha256"));
                if (got !== want) throw new Error(`upload failed: ${await g.$eval("#guest-upload-status", e => e.textContent)}`);
            }
            console.log(`${kind} 10 MiB through the Guest tab, click to result shown: ${(ms / 1000).toFixed(2)} s, ${(SIZE / 1e6 / (ms / 1000)).toFixed(2)} MB/s`);
            console.log(`  CPU time meanwhile (${availableParallelism()} cores): ${cpuSince(cpu)}`);
        }
    } finally {
        await browser.close();
        cleanup();
    }
    const qgaBytes = 4 * 1024 * 1024;
    const qga = await qgaWriteSeconds(`kvmmt-qgabench${RUN}-guest`, qgaBytes);
    console.log(`qemu-guest-agent, for comparison: 4 MiB written through virsh qemu-agent-command (guest-file-write, 48 KiB each) in ${qga.toFixed(2)} s, ${(qgaBytes / 1e6 / qga).toFixed(2)} MB/s`);
}

main().catch(e => {
    console.error(e);
    cleanup();
    process.exit(1);
});
