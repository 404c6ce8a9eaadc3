#!/usr/bin/env node
// Benchmark: a pool of N volumes (1000 by default): milliseconds from opening the pool's page
// until every volume is listed, then to filter and to sort, beside `virsh vol-list` and
// `kvmm vol list`; with `--upload GiB`, the page's upload of a file of that size into the pool
// (MB/s) beside `cp` of the same file on the host. Prints figures; asserts nothing. Needs
// `make all` and the test stack (KVMM_TEST_USER's plugin copy, test/stack/up.sh).
//   node test/bench/volumes.js [N] [--upload GiB]
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";

import { COCKPIT_URL, launchBrowser, login } from "./bench-browser.js";

const args = process.argv.slice(2);
const uploadAt = args.indexOf("--upload");
const UPLOAD_GIB = uploadAt >= 0 ? Number(args[uploadAt + 1] ?? 1) : 0;
const N = Number(args.find((a, i) => /^\d+$/.test(a) && (uploadAt < 0 || i !== uploadAt + 1)) ?? 1000);
const POOL = "kvmmbench-vols";
const DIR = "/var/lib/libvirt/images/kvmmbench-vols";
const SOURCE_DIR = "/var/tmp/kvmmbench-vols-src";

const virsh = (...a) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...a], { maxBuffer: 64 << 20 }).toString();

function cleanup() {
    try { virsh("pool-destroy", POOL) } catch { /* not there */ }
    try { virsh("pool-undefine", POOL) } catch { /* not there */ }
    rmSync(DIR, { recursive: true, force: true });
    rmSync(SOURCE_DIR, { recursive: true, force: true });
}

function timed(fn) {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
}

async function frameOf(page) {
    for (let i = 0; i < 600; i++) {
        const frame = page.frames().find(f => f.url().includes("/kvm-manager/index.html"));
        if (frame) return frame;
        await new Promise(r => setTimeout(r, 50));
    }
    throw new Error("no plugin frame");
}

/** Milliseconds until `check` holds in the plugin's frame (found anew each time: the shell may replace it). */
async function until(page, check, arg, timeoutMs = 120_000) {
    const start = Date.now();
    const holds = async () => {
        const frame = page.frames().find(f => f.url().includes("/kvm-manager/index.html") && !f.detached);
        return frame ? frame.evaluate(check, arg).catch(() => false) : false;
    };
    while (!(await holds())) {
        if (Date.now() - start > timeoutMs) throw new Error("timed out");
        await new Promise(r => setTimeout(r, 5));
    }
    return Date.now() - start;
}

async function main() {
    cleanup();
    mkdirSync(DIR, { recursive: true });
    // Empty files of different sizes: libvirt lists them as raw volumes.
    for (let i = 0; i < N; i++) writeFileSync(`${DIR}/vol-${String(i).padStart(5, "0")}.img`, Buffer.alloc(0));
    for (let i = 0; i < N; i++) execFileSync("truncate", ["-s", `${String(1 + (i % 97))}M`, `${DIR}/vol-${String(i).padStart(5, "0")}.img`]);
    virsh("pool-create-as", POOL, "dir", "--target", DIR);
    console.log(`virsh vol-list (${N} volumes): ${timed(() => virsh("vol-list", POOL)).toFixed(0)} ms; ` +
                `with sizes (--details): ${timed(() => virsh("vol-list", "--details", POOL)).toFixed(0)} ms`);
    console.log(`kvmm vol list: ${timed(() => execFileSync("build/kvmm/kvmm", ["vol", "list", POOL], { maxBuffer: 64 << 20 })).toFixed(0)} ms`);

    const browser = await launchBrowser();
    try {
        const page = await browser.newPage();
        await login(page, "/system");
        await frameOf(page).catch(() => undefined);
        const start = Date.now();
        await page.goto(`${COCKPIT_URL}/kvm-manager#/storage/${POOL}`, { waitUntil: "domcontentloaded" });
        // Only the rows in view are rendered: the section tells how many it holds.
        await until(page, n => document.querySelector("#pool-volumes")?.dataset.count === String(n) && document.querySelector("tr.volume-row") !== null, N);
        console.log(`page: all ${N} volumes listed ${Date.now() - start} ms after navigation`);
        const filterMs = await until(page, () => {
            const input = document.querySelector("#volume-filter input");
            if (input && input.value !== "vol-00999") {
                const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
                set.call(input, "vol-00999");
                input.dispatchEvent(new Event("input", { bubbles: true }));
            }
            return document.querySelectorAll("tr.volume-row").length === 1;
        });
        console.log(`page: filter to one volume ${filterMs} ms`);
        await (await frameOf(page)).evaluate(() => {
            const input = document.querySelector("#volume-filter input");
            const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
            set.call(input, "");
            input.dispatchEvent(new Event("input", { bubbles: true }));
        });
        await until(page, () => document.querySelectorAll("tr.volume-row").length > 1);
        const sortStart = Date.now();
        await (await frameOf(page)).evaluate(() => [...document.querySelectorAll("#volume-table th button")][2]?.click());
        // Equal sizes keep the name order: vol-00000, vol-00097, … lead.
        await until(page, () => document.querySelectorAll("tr.volume-row")[1]?.dataset.volumeName === "vol-00097");
        console.log(`page: sort ${N} volumes by capacity ${Date.now() - sortStart} ms`);

        if (UPLOAD_GIB > 0) await benchUpload(page);
    } finally {
        await browser.close();
        cleanup();
    }
}

async function benchUpload(page) {
    mkdirSync(SOURCE_DIR, { recursive: true });
    const file = `${SOURCE_DIR}/upload.img`;
    // Random data: nothing on the way can shortcut zeros.
    execFileSync("dd", ["if=/dev/urandom", `of=${file}`, "bs=1M", `count=${String(UPLOAD_GIB * 1024)}`, "status=none"]);
    const bytes = statSync(file).size;
    execFileSync("sync");
    const cpMs = timed(() => execFileSync("cp", [file, `${DIR}/cp-copy.img`]));
    rmSync(`${DIR}/cp-copy.img`);
    console.log(`cp on the host: ${(bytes / 1e6 / (cpMs / 1000)).toFixed(0)} MB/s`);
    // Administrative access: the upload is written into the pool as root.
    await page.click("#super-user-indicator button");
    await page.waitForSelector("#switch-to-admin-access-password", { visible: true });
    await page.type("#switch-to-admin-access-password", process.env.KVMM_TEST_PASSWORD ?? "kvmtest-pass-1");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#super-user-indicator button")?.textContent.includes("Administrative access"), { timeout: 30_000 });
    const fresh = await frameOf(page);
    await fresh.waitForSelector("#upload-volume:not([disabled])", { visible: true, timeout: 60_000 });
    await fresh.click("#upload-volume");
    const input = await fresh.waitForSelector("#upload-volume-file", { visible: true });
    await input.uploadFile(file);
    const start = Date.now();
    await fresh.click("#upload-volume-dialog-submit");
    await fresh.waitForSelector("#upload-volume-dialog", { hidden: true, timeout: 1_800_000 });
    const seconds = (Date.now() - start) / 1000;
    console.log(`page upload into the pool (${UPLOAD_GIB} GiB, through /var/tmp, then written into the volume): ${(bytes / 1e6 / seconds).toFixed(0)} MB/s ` +
                `(${seconds.toFixed(1)} s)`);
}

main().catch(error => {
    console.error(error);
    cleanup();
    process.exit(1);
});
