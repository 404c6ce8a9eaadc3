#!/usr/bin/env node
// The ceiling of the Guest tab's transport without the agent: a cockpit.channel (payload
// "stream", binary, unix socket, as the agent client opens it) from the plugin's frame to a
// host-side socket that sinks or sources bytes. Prints MB/s per direction and message size,
// and what a close leaves behind: whether the bridge still writes queued bytes into a socket
// after the page closed the channel (plain close, and close with a problem code).
//   node test/bench/channel.js [MiB]
// KVMM_TEST_RUN tags the socket path, so two work trees can run this at once.
import { chmodSync, rmSync } from "node:fs";
import net from "node:net";

import { launchBrowser, login } from "./bench-browser.js";

const MIB = Number(process.argv[2] ?? 64);
const TOTAL = MIB * 1024 * 1024;
const SOCKET = `/tmp/kvmmt-chanbench${process.env.KVMM_TEST_RUN ? `-${process.env.KVMM_TEST_RUN}` : ""}.sock`;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * One mode per connection, chosen by its first line: "sink N" counts N bytes then answers
 * "ok\n"; "source N" writes N bytes; "stall" reads nothing until told "drain" on another
 * connection, then counts what still arrives and reports it with the next "report".
 */
function serve() {
    const stalled = [];
    const server = net.createServer(sock => {
        let head = Buffer.alloc(0);
        let mode;
        let want = 0;
        let got = 0;
        sock.on("error", () => undefined);
        const onData = chunk => {
            if (mode === "sink") {
                got += chunk.length;
                if (got >= want) sock.write("ok\n");
                return;
            }
            head = Buffer.concat([head, chunk]);
            const nl = head.indexOf(10);
            if (nl < 0) return;
            const [cmd, arg] = head.subarray(0, nl).toString().split(" ");
            const rest = head.subarray(nl + 1);
            if (cmd === "sink") {
                mode = "sink";
                want = Number(arg);
                onData(rest);
            } else if (cmd === "source") {
                const block = Buffer.alloc(1024 * 1024, 0x61);
                let left = Number(arg);
                const pump = () => {
                    while (left > 0) {
                        const n = Math.min(left, block.length);
                        left -= n;
                        if (!sock.write(block.subarray(0, n))) return void sock.once("drain", pump);
                    }
                };
                pump();
            } else if (cmd === "stall") {
                mode = "stall";
                sock.pause();
                sock.stalledBytes = rest.length;
                stalled.push(sock);
            } else if (cmd === "drain") {
                const s = stalled.shift();
                let n = 0;
                const t0 = Date.now();
                let closedAfter = -1;
                s.removeAllListeners("data");
                s.on("data", c => { n += c.length });
                s.on("close", () => { closedAfter = Date.now() - t0 });
                s.resume();
                setTimeout(() => sock.end(`drained ${n} bytes; ${closedAfter < 0 ? "still open after 10 s" : `closed ${closedAfter} ms after draining began`}\n`), 10_000);
            }
        };
        sock.on("data", onData);
    });
    return new Promise(resolve => server.listen(SOCKET, () => {
        chmodSync(SOCKET, 0o666);
        resolve(server);
    }));
}

/** In the plugin frame. */
async function probe(frame, socket, total, sizes) {
    return frame.evaluate(async (socket, total, sizes) => {
        const open = () => window.cockpit.channel({ payload: "stream", unix: socket, binary: true });
        const enc = new TextEncoder();
        const waitText = (ch, text) => new Promise((resolve, reject) => {
            let seen = "";
            ch.addEventListener("message", (_e, d) => { seen += new TextDecoder().decode(d); if (seen.includes(text)) resolve(seen) });
            ch.addEventListener("close", (_e, o) => reject(new Error(`closed: ${JSON.stringify(o)} after ${JSON.stringify(seen)}`)));
        });
        const out = [];
        for (const size of sizes) {
            const ch = open();
            const done = waitText(ch, "ok\n");
            const block = new Uint8Array(size).fill(0x62);
            const t0 = performance.now();
            ch.send(enc.encode(`sink ${total}\n`));
            for (let sent = 0; sent < total; sent += size) ch.send(block.subarray(0, Math.min(size, total - sent)));
            await done;
            out.push({ dir: "page → socket", size, ms: performance.now() - t0 });
            ch.close();
        }
        {
            const ch = open();
            let got = 0;
            const t0 = performance.now();
            await new Promise(resolve => {
                ch.addEventListener("message", (_e, d) => { got += d.length; if (got >= total) resolve() });
                ch.send(enc.encode(`source ${total}\n`));
            });
            out.push({ dir: "socket → page", size: 0, ms: performance.now() - t0 });
            ch.close();
        }
        // Closing with bytes still queued for a socket that does not read.
        const leftovers = {};
        for (const how of ["plain", "problem"]) {
            const ch = open();
            ch.send(enc.encode("stall\n"));
            const block = new Uint8Array(1024 * 1024).fill(0x63);
            for (let i = 0; i < 8; i++) ch.send(block);
            await new Promise(resolve => setTimeout(resolve, 2000));
            if (how === "plain") ch.close();
            else ch.close("cancelled");
            await new Promise(resolve => setTimeout(resolve, 2000));
            const ctl = open();
            const report = waitText(ctl, "drained");
            ctl.send(enc.encode("drain\n"));
            leftovers[how] = (await report.catch(e => e.message)).trim();
        }
        return { out, leftovers };
    }, socket, total, sizes);
}

async function main() {
    rmSync(SOCKET, { force: true });
    const server = await serve();
    const browser = await launchBrowser();
    try {
        const page = await browser.newPage();
        await login(page, "/kvm-manager");
        let frame;
        for (let i = 0; i < 300 && !frame; i++) {
            frame = page.frames().find(f => f.url().includes("/kvm-manager/index.html"));
            if (!frame) await sleep(100);
        }
        await frame.waitForSelector("#app");
        const { out, leftovers } = await probe(frame, SOCKET, TOTAL, [64 * 1024, 1024 * 1024, 4 * 1024 * 1024]);
        for (const r of out) {
            console.log(`${r.dir}${r.size ? `, ${r.size / 1024} KiB messages` : ""}: ${MIB} MiB in ${(r.ms / 1000).toFixed(2)} s, ${(TOTAL / 1e6 / (r.ms / 1000)).toFixed(1)} MB/s`);
        }
        console.log(`8 MiB queued for a socket that does not read, then channel.close(): ${leftovers.plain}`);
        console.log(`the same with channel.close("cancelled"): ${leftovers.problem}`);
    } finally {
        await browser.close();
        server.close();
        rmSync(SOCKET, { force: true });
    }
}

main().catch(e => {
    console.error(e);
    process.exit(1);
});
