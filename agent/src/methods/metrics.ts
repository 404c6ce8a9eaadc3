/*
 * guest.get_metrics: CPU, memory, load, filesystems, disk and network I/O, top processes.
 * /proc is read with blocking calls (see proc-text.ts): asynchronous reads made one call in a
 * TCG guest with 51 processes cost ~200 ms of its CPU. Only cmdline (it waits for the
 * process's memory map lock) and statfs (a hung network mount) stay asynchronous.
 */
import { existsSync, readdirSync } from "node:fs";
import { type FileHandle, open, statfs } from "node:fs/promises";
import { loadavg } from "node:os";

import { optInt } from "../params.ts";
import type { FsUsage, Metrics, ProcessInfo } from "../protocol.ts";
import { define, type Handlers } from "./define.ts";
import { readTextNow } from "./proc-text.ts";
import {
    cpuUsage,     type DiskCounters, type NetCounters, parseCpuTimes, parseDiskstats, parseMeminfo, parseMounts, parseNetDev, parsePidStat, type PidStat,
rate, realMounts, totalJiffies,
} from "./procfs.ts";

/** CPU deltas need two samples: a baseline older than this is replaced by a fresh one. */
const BASELINE_MAX_AGE_MS = 10_000;
const BASELINE_INTERVAL_MS = 250;
const STATFS_TIMEOUT_MS = 2000;
const SECTOR_BYTES = 512;

interface Sample {
    time: number;
    cpu: Map<string, number[]>;
    procs: Map<number, PidStat>;
    disks: Map<string, DiskCounters>;
    net: Map<string, NetCounters>;
}

const CMDLINE_CHARS = 512;

/**
 * The start of a process's command line, NULs as spaces. Read off the main thread (the read
 * waits for the process's memory map lock), once: readFile would stat the file and read on to
 * its end, each step a thread-pool round trip.
 */
async function commandLine(pid: number): Promise<string> {
    let fh: FileHandle | undefined;
    try {
        fh = await open(`/proc/${pid}/cmdline`, "r");
        const { buffer, bytesRead } = await fh.read(Buffer.alloc(CMDLINE_CHARS * 4), 0, CMDLINE_CHARS * 4, 0);
        return buffer.toString("utf8", 0, bytesRead).replace(/\0+$/, "").replace(/\0/g, " ").slice(0, CMDLINE_CHARS);
    } catch {
        return ""; // the process ended, or its command line cannot be read
    } finally {
        await fh?.close().catch(() => undefined);
    }
}

function readProcs(): Map<number, PidStat> {
    const out = new Map<number, PidStat>();
    let names: string[] = [];
    try {
        names = readdirSync("/proc");
    } catch {
        // no /proc: no processes to report
    }
    for (const pid of names.filter(n => /^\d+$/.test(n))) {
        const st = parsePidStat(readTextNow(`/proc/${pid}/stat`));
        if (st) out.set(st.pid, st);
    }
    return out;
}

function takeSample(): Sample {
    return {
        time: Date.now(),
        cpu: parseCpuTimes(readTextNow("/proc/stat")),
        procs: readProcs(),
        disks: new Map(parseDiskstats(readTextNow("/proc/diskstats")).map(d => [d.name, d])),
        net: new Map(parseNetDev(readTextNow("/proc/net/dev")).map(n => [n.name, n])),
    };
}

let pageSize: number | undefined;

/** The kernel's page size, from our own RSS in pages vs. in bytes (no getconf needed). */
function getPageSize(): number {
    if (pageSize !== undefined) return pageSize;
    const pages = Number(readTextNow("/proc/self/statm").split(" ")[1]);
    const ratio = pages > 0 ? process.memoryUsage().rss / pages : 4096;
    pageSize = [4096, 16384, 65536].reduce((best, p) => (Math.abs(p - ratio) < Math.abs(best - ratio) ? p : best));
    return pageSize;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
    return new Promise(resolve => {
        // A hung network filesystem must not hang the whole call.
        const timer = setTimeout(() => resolve(null), ms);
        p.then(v => resolve(v), () => resolve(null)).finally(() => clearTimeout(timer));
    });
}

async function filesystems(): Promise<FsUsage[]> {
    // fs.statfs appeared in Node 18.15: on older 18.x report no filesystems rather than fail.
    if (typeof statfs !== "function") return [];
    const mounts = realMounts(parseMounts(readTextNow("/proc/mounts")));
    const results = await Promise.all(mounts.map(async m => {
        const s = await withTimeout(statfs(m.mountpoint), STATFS_TIMEOUT_MS);
        if (!s || s.blocks === 0) return null;
        return {
            mountpoint: m.mountpoint, device: m.device, fsType: m.fsType,
            totalBytes: s.blocks * s.bsize, usedBytes: (s.blocks - s.bfree) * s.bsize, availableBytes: s.bavail * s.bsize,
            totalInodes: s.files, freeInodes: s.ffree,
        };
    }));
    return results.filter((r): r is FsUsage => r !== null);
}

async function topProcesses(before: Sample, after: Sample, count: number): Promise<ProcessInfo[]> {
    if (count === 0) return [];
    const total = after.cpu.get("cpu");
    const totalBefore = before.cpu.get("cpu");
    const ncpu = Math.max(1, [...after.cpu.keys()].filter(k => k !== "cpu").length);
    const dTotal = total && totalBefore ? totalJiffies(total) - totalJiffies(totalBefore) : 0;
    const page = getPageSize();
    const ranked = [...after.procs.values()].map(p => {
        const dTicks = Math.max(0, p.ticks - (before.procs.get(p.pid)?.ticks ?? 0));
        // Share of one core: ticks of the process over the ticks one core had.
        return { p, cpuPercent: dTotal > 0 ? Math.round((dTicks / (dTotal / ncpu)) * 1000) / 10 : 0 };
    }).sort((a, b) => b.cpuPercent - a.cpuPercent || b.p.rssPages - a.p.rssPages).slice(0, count);
    return Promise.all(ranked.map(async ({ p, cpuPercent }) => {
        const cmdline = await commandLine(p.pid);
        const status = readTextNow(`/proc/${p.pid}/status`);
        const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
        return {
            pid: p.pid, name: p.name, state: p.state, cpuPercent, rssBytes: p.rssPages * page,
            uid: uid === undefined ? null : Number(uid),
            cmdline,
        };
    }));
}

function isWholeDisk(name: string): boolean {
    return !/^(loop|ram)\d/.test(name) && existsSync(`/sys/block/${name.replace(/\//g, "!")}`);
}

export class MetricsSampler {
    private previous: Sample | undefined;

    async collect(topCount: number): Promise<Metrics> {
        let before = this.previous;
        if (!before || Date.now() - before.time > BASELINE_MAX_AGE_MS) {
            before = takeSample();
            await new Promise(resolve => setTimeout(resolve, BASELINE_INTERVAL_MS));
        }
        const after = takeSample();
        const meminfo = readTextNow("/proc/meminfo");
        const fsUsage = await filesystems();
        this.previous = after;
        const seconds = (after.time - before.time) / 1000;
        const perCore = [...after.cpu.entries()].filter(([name]) => name !== "cpu")
            .map(([name, t]) => cpuUsage(name, before.cpu.get(name) ?? [], t));
        const [l1, l5, l15] = loadavg();
        return {
            timestampMs: after.time,
            intervalMs: after.time - before.time,
            cpu: { total: cpuUsage("cpu", before.cpu.get("cpu") ?? [], after.cpu.get("cpu") ?? []), perCore },
            memory: parseMeminfo(meminfo),
            load: [l1 ?? 0, l5 ?? 0, l15 ?? 0],
            filesystems: fsUsage,
            disks: [...after.disks.values()].filter(d => isWholeDisk(d.name)).map(d => {
                const b = before.disks.get(d.name);
                const bytes = (sectors: number | undefined): number | undefined => (sectors === undefined ? undefined : sectors * SECTOR_BYTES);
                return {
                    name: d.name, readsCompleted: d.readsCompleted, writesCompleted: d.writesCompleted,
                    readBytes: d.readSectors * SECTOR_BYTES, writeBytes: d.writeSectors * SECTOR_BYTES, ioTimeMs: d.ioTimeMs,
                    readBytesPerSec: rate(bytes(b?.readSectors), d.readSectors * SECTOR_BYTES, seconds),
                    writeBytesPerSec: rate(bytes(b?.writeSectors), d.writeSectors * SECTOR_BYTES, seconds),
                };
            }),
            network: [...after.net.values()].map(n => {
                const b = before.net.get(n.name);
                return { ...n, rxBytesPerSec: rate(b?.rxBytes, n.rxBytes, seconds), txBytesPerSec: rate(b?.txBytes, n.txBytes, seconds) };
            }),
            processes: await topProcesses(before, after, topCount),
        };
    }
}

export function metricsMethods(sampler: MetricsSampler): Pick<Handlers, "guest.get_metrics"> {
    return {
        "guest.get_metrics": define(o => ({ topProcesses: optInt(o, "topProcesses", 0, 100) ?? 10 }), async p => sampler.collect(p.topProcesses)),
    };
}
