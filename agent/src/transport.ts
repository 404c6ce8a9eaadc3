/*
 * Transports: the virtio-serial port (production), a unix socket and stdio (tests, debugging).
 *
 * virtio-serial semantics (drivers/char/virtio_console.c): with no host on
 * the other end, read() returns 0 at once and write() blocks until a host
 * connects. So EOF means "no host (any more)", not "done": the port stays
 * open and is polled. A character device cannot be driven by libuv's event
 * loop (it is not pollable through net.Socket), so reads are blocking calls on
 * a worker thread (port-reader.ts) and writes blocking calls on the thread
 * pool: one reader, one writer at a time.
 */
import * as fs from "node:fs";
import { lstat, unlink } from "node:fs/promises";
import net from "node:net";

import { type Dispatcher,Session } from "./dispatch.ts";
import { errorText, log } from "./log.ts";
import { PortReader } from "./port-reader.ts";

export interface PortDevice {
    open(path: string): Promise<number>;
    /** 0 = no host connected (or it went away). */
    read(fd: number, buf: Buffer): Promise<number>;
    write(fd: number, buf: Buffer): Promise<number>;
    close(fd: number): Promise<void>;
}

/** The real port: reads by a PortReader per open fd, writes on the thread pool. */
export function nodeDevice(pollMs: number): PortDevice {
    const readers = new Map<number, PortReader>();
    return {
        open: path => new Promise((resolve, reject) => {
            fs.open(path, fs.constants.O_RDWR | fs.constants.O_NOCTTY, (e, fd) => {
                if (e) return reject(e);
                readers.set(fd, new PortReader(fd, pollMs));
                resolve(fd);
            });
        }),
        read: (fd, buf) => readers.get(fd)?.read(buf) ?? Promise.reject(new Error(`fd ${fd} is not open`)),
        write: (fd, buf) => new Promise((resolve, reject) => {
            fs.write(fd, buf, 0, buf.length, null, (e, n) => (e ? reject(e) : resolve(n)));
        }),
        close: fd => {
            readers.get(fd)?.stop();
            readers.delete(fd);
            return new Promise(resolve => fs.close(fd, () => resolve()));
        },
    };
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/** Replies queued while a write is blocked: beyond this they are dropped (the host resyncs anyway). */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** One write at a time: a blocked write (no host) must not pile up blocked threads. */
class SerialWriter {
    private queue: { buf: Buffer; done: () => void }[] = [];
    private queuedBytes = 0;
    private busy = false;

    constructor(private readonly device: PortDevice, private readonly fd: number) {}

    /** The line and its data bytes go out together, or not at all. */
    send(line: string, data?: Buffer): Promise<void> {
        const head = Buffer.from(line, "utf8");
        const buf = data === undefined ? head : Buffer.concat([head, data]);
        if (this.queuedBytes + buf.length > MAX_QUEUED_BYTES) return Promise.resolve();
        return new Promise(resolve => {
            this.queue.push({ buf, done: resolve });
            this.queuedBytes += buf.length;
            void this.pump();
        });
    }

    /** The host went away: what was meant for it is dropped. */
    dropQueued(): void {
        for (const item of this.queue) item.done();
        this.queue = [];
        this.queuedBytes = 0;
    }

    private async pump(): Promise<void> {
        if (this.busy) return;
        this.busy = true;
        for (let item = this.queue.shift(); item; item = this.queue.shift()) {
            this.queuedBytes -= item.buf.length;
            try {
                for (let off = 0; off < item.buf.length;) {
                    const n = await this.device.write(this.fd, item.buf.subarray(off));
                    if (n <= 0) throw new Error("write made no progress");
                    off += n;
                }
            } catch (e) {
                log(`write to the port failed: ${errorText(e)}`);
            } finally {
                item.done();
            }
        }
        this.busy = false;
    }
}

export interface PortOptions {
    pollMs?: number;
    retryMs?: number;
    device?: PortDevice;
}

export class PortTransport {
    private stopped = false;
    private readonly pollMs: number;
    private readonly retryMs: number;
    private readonly device: PortDevice;

    constructor(private readonly path: string, private readonly dispatcher: Dispatcher, private readonly maxLineBytes: number, opts: PortOptions = {}) {
        this.pollMs = opts.pollMs ?? 250;
        this.retryMs = opts.retryMs ?? 2000;
        this.device = opts.device ?? nodeDevice(this.pollMs);
    }

    stop(): void {
        this.stopped = true;
    }

    /** Runs until stop(); never rejects. */
    async run(): Promise<void> {
        let lastError = "";
        while (!this.stopped) {
            let fd: number;
            try {
                fd = await this.device.open(this.path);
            } catch (e) {
                // Log once per distinct problem: the port may legitimately be absent for a long time.
                if (errorText(e) !== lastError) log(`cannot open ${this.path}: ${errorText(e)}; retrying every ${this.retryMs} ms`);
                lastError = errorText(e);
                await sleep(this.retryMs);
                continue;
            }
            lastError = "";
            log(`listening on ${this.path}`);
            await this.serve(fd);
            await this.device.close(fd);
            await sleep(this.retryMs);
        }
    }

    private async serve(fd: number): Promise<void> {
        const writer = new SerialWriter(this.device, fd);
        const session = new Session(this.dispatcher, (line, data) => writer.send(line, data), this.maxLineBytes, { untilSync: true });
        const buf = Buffer.alloc(256 * 1024);
        let hostPresent = false;
        try {
            while (!this.stopped) {
                const n = await this.device.read(fd, buf);
                if (n === 0) {
                    if (hostPresent) {
                        hostPresent = false;
                        session.reset();
                        writer.dropQueued();
                    }
                    await sleep(this.pollMs);
                    continue;
                }
                hostPresent = true;
                session.feed(buf.subarray(0, n));
            }
        } catch (e) {
            log(`reading ${this.path} failed: ${errorText(e)}; reopening`);
        } finally {
            session.reset();
            writer.dropQueued();
        }
    }
}

/** Bytes a client may leave unread before it is considered gone. */
const MAX_SOCKET_BACKLOG = 64 * 1024 * 1024;

/** A unix socket server; each connection is a host with its own session. */
export async function serveSocket(path: string, dispatcher: Dispatcher, maxLineBytes: number): Promise<net.Server> {
    const old = await lstat(path).catch(() => null);
    if (old?.isSocket() === true) await unlink(path); // left over from a previous run
    const server = net.createServer(sock => {
        const session = new Session(dispatcher, (line, data) => new Promise<void>(resolve => {
            if (sock.destroyed || !sock.writable) return resolve();
            if (sock.writableLength > MAX_SOCKET_BACKLOG) {
                sock.destroy();
                return resolve();
            }
            if (data === undefined) sock.write(line, () => resolve());
            else {
                sock.write(line);
                sock.write(data, () => resolve());
            }
        }), maxLineBytes);
        sock.on("data", chunk => session.feed(chunk));
        sock.on("error", () => undefined); // peer vanished; "close" follows
        sock.on("close", () => session.reset());
    });
    server.on("error", e => log(`socket server: ${errorText(e)}`));
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(path, () => {
            server.off("error", reject);
            resolve();
        });
    });
    fs.chmodSync(path, 0o600);
    return server;
}

/** stdin/stdout: resolves when stdin ends and every reply has been written. */
export async function serveStdio(dispatcher: Dispatcher, maxLineBytes: number): Promise<void> {
    const out = process.stdout;
    out.on("error", () => undefined); // EPIPE: the reader left; keep serving until stdin ends
    const session = new Session(dispatcher, (line, data) => new Promise<void>(resolve => {
        if (!out.writable) return resolve();
        if (data === undefined) out.write(line, () => resolve());
        else {
            out.write(line);
            out.write(data, () => resolve());
        }
    }), maxLineBytes);
    process.stdin.on("data", (chunk: Buffer) => session.feed(chunk));
    await new Promise<void>(resolve => {
        process.stdin.once("end", resolve);
        process.stdin.once("close", resolve);
    });
    await session.idle();
}
