// The agent benchmark's code that runs in the plugin's frame: a stream to the agent opened as
// the plugin's client opens it (a cockpit-ws external channel), with the sync handshake.

/** Gives the frame window.kvmmBenchOpen(socket): the agent's channel socket as an open WebSocket. */
async function installOpener(frame) {
    await frame.evaluate(() => {
        window.kvmmBenchOpen = async socket => {
            const transport = window.cockpit.transport;
            await new Promise(resolve => transport.wait(resolve));
            const options = { payload: "stream", binary: "raw", unix: socket, superuser: "require", ...(transport.host ? { host: transport.host } : {}) };
            const ws = new WebSocket(`${transport.uri(`channel/${transport.csrf_token}`)}?${btoa(JSON.stringify(options))}`, "binary");
            ws.binaryType = "arraybuffer";
            await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onclose = e => reject(new Error(`closed: ${e.code} ${e.reason}`)) });
            return ws;
        };
    });
}

/**
 * In the plugin frame: sync, then `count` sequential pings; returns the round trips in ms,
 * and the agent's RSS read in the guest afterwards (idle but for this one request). The
 * stream is opened as the plugin's agent client opens it: an external channel of cockpit-ws.
 */
export async function pingInFrame(frame, socket, count) {
    await installOpener(frame);
    return frame.evaluate(async (socket, count) => {
        const ws = await window.kvmmBenchOpen(socket);
        const enc = new TextEncoder(), dec = new TextDecoder();
        let rest = "", waiter = null;
        ws.onmessage = e => {
            const parts = (rest + dec.decode(new Uint8Array(e.data), { stream: true })).split("\n");
            rest = parts.pop();
            for (const line of parts) if (line.trim() && waiter) waiter(JSON.parse(line));
        };
        const send = obj => ws.send(enc.encode(JSON.stringify(obj) + "\n"));
        const reply = (match, ms) => new Promise((resolve, reject) => {
            const t = setTimeout(() => { waiter = null; reject(new Error("timeout")) }, ms);
            waiter = msg => { if (match(msg)) { clearTimeout(t); waiter = null; resolve(msg) } };
        });
        for (let attempt = 0; ; attempt++) {
            const n = 1 + Math.floor(Math.random() * 1e12);
            const p = reply(m => m.result && m.result.id === n, 2000);
            ws.send(enc.encode("\n"));
            send({ jsonrpc: "2.0", id: "sync", method: "agent.sync", params: { id: n } });
            try { await p; break } catch (e) { if (attempt > 5) throw e }
        }
        const times = [];
        for (let i = 1; i <= count; i++) {
            const t0 = performance.now();
            const p = reply(m => m.id === i, 5000);
            send({ jsonrpc: "2.0", id: i, method: "agent.ping", params: {} });
            await p;
            times.push(performance.now() - t0);
        }
        const status = reply(m => m.id === "rss", 30000);
        send({ jsonrpc: "2.0", id: "rss", method: "guest.exec", params: { argv: ["sh", "-c", "grep VmRSS /proc/$(pidof node)/status"], outputEncoding: "utf8" } });
        const rss = (await status).result?.stdout ?? "";
        ws.close(1000);
        return { times, rss };
    }, socket, count);
}

/**
 * In the plugin frame, over the external channel the plugin uses: a 10 MiB upload (4 MiB × 2 in
 * flight, data bytes) and its download through a read handle (maxReadBytes × 2), the agent
 * checking both by sha256. No hashing in the page: this is the transport's and the agent's
 * share of a Guest tab transfer. Returns the two durations in ms, and how many WebSocket
 * messages (and bytes) the download came in.
 */
export async function transfersInFrame(frame, socket, size, target) {
    await installOpener(frame);
    return frame.evaluate(async (socket, size, target) => {
        const ws = await window.kvmmBenchOpen(socket);
        const enc = new TextEncoder(), dec = new TextDecoder();
        const waiting = new Map();
        let line = [], data = null;
        const received = { messages: 0, bytes: 0 };
        ws.onmessage = e => {
            let b = new Uint8Array(e.data);
            received.messages++;
            received.bytes += b.length;
            while (b.length) {
                if (data) {
                    const n = Math.min(data.want - data.got, b.length);
                    data.parts.push(b.subarray(0, n)); data.got += n; b = b.subarray(n);
                    if (data.got === data.want) { data.done(); data = null; }
                    continue;
                }
                const nl = b.indexOf(10);
                if (nl < 0) { line.push(b.slice()); return; }
                line.push(b.subarray(0, nl)); b = b.subarray(nl + 1);
                const text = line.map(x => dec.decode(x, { stream: true })).join("") + dec.decode();
                line = [];
                if (!text.trim()) continue;
                const msg = JSON.parse(text);
                const w = waiting.get(msg.id);
                waiting.delete(msg.id);
                if (!w) continue;
                if (msg.error) { w.reject(new Error(msg.error.message)); continue; }
                const n = msg.result?.dataBytes ?? 0;
                if (n > 0) { const d = { want: n, got: 0, parts: [] }; d.done = () => w.resolve({ result: msg.result, parts: d.parts }); data = d; } else w.resolve({ result: msg.result });
            }
        };
        let id = 0;
        const call = (method, params, bytes) => new Promise((resolve, reject) => {
            const n = ++id;
            waiting.set(n, { resolve, reject });
            ws.send(enc.encode(JSON.stringify({ jsonrpc: "2.0", id: n, method, params: bytes ? { ...params, dataBytes: bytes.length } : params }) + "\n"));
            if (bytes) ws.send(bytes);
        });
        ws.send(enc.encode("\n"));
        await new Promise(resolve => { waiting.set("sync", { resolve, reject: resolve }); ws.send(enc.encode(JSON.stringify({ jsonrpc: "2.0", id: "sync", method: "agent.sync", params: { id: 42 } }) + "\n")) });
        const bytes = new Uint8Array(size);
        for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
        const hex = b => [...new Uint8Array(b)].map(x => x.toString(16).padStart(2, "0")).join("");
        const sha = hex(await crypto.subtle.digest("SHA-256", bytes));
        const inFlight = async (count, step) => { let next = 0; await Promise.all([0, 1].map(async () => { while (next < count) await step(next++) })) };
        const info = (await call("agent.info", {})).result;
        let t = performance.now();
        const chunk = 4 * 1024 * 1024;
        const { result: { handle } } = await call("file.open_write", { path: target, overwrite: true });
        await inFlight(Math.ceil(size / chunk), i => call("file.write_chunk", { handle, offset: i * chunk }, bytes.subarray(i * chunk, (i + 1) * chunk)));
        await call("file.close_write", { handle, sha256: sha });
        const up = performance.now() - t;
        const read = info.limits.maxReadBytes;
        t = performance.now();
        Object.assign(received, { messages: 0, bytes: 0 });
        const { result: opened } = await call("file.open_read", { path: target });
        await inFlight(Math.ceil(size / read), i => call("file.read_chunk", { handle: opened.handle, offset: i * read, length: read }));
        const { result: served } = await call("file.close_read", { handle: opened.handle });
        const down = performance.now() - t;
        ws.close(1000);
        if (served.sha256 !== sha) throw new Error("the download's sha256 differs");
        return { up, down, downMessages: received.messages, downBytes: received.bytes };
    }, socket, size, target);
}
