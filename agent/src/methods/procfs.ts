/* Pure parsers for /proc files (kept free of I/O so tests can feed them fixtures). */
import type { CpuUsage, MemoryUsage } from "../protocol.ts";

function nums(fields: readonly string[]): number[] {
    return fields.map(f => Number(f)).map(n => (Number.isFinite(n) ? n : 0));
}

/** /proc/stat "cpu" lines: name → jiffies (user nice system idle iowait irq softirq steal ...). */
export function parseCpuTimes(text: string): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const line of text.split("\n")) {
        if (!line.startsWith("cpu")) continue;
        const [name, ...rest] = line.trim().split(/\s+/);
        if (name !== undefined) out.set(name, nums(rest));
    }
    return out;
}

/** Sum of user..steal: guest time is already counted in user. */
export function totalJiffies(t: readonly number[]): number {
    return t.slice(0, 8).reduce((a, b) => a + b, 0);
}

function pct(part: number, total: number): number {
    return total > 0 ? Math.round((part / total) * 1000) / 10 : 0;
}

export function cpuUsage(cpu: string, before: readonly number[], after: readonly number[]): CpuUsage {
    const d = (i: number): number => Math.max(0, (after[i] ?? 0) - (before[i] ?? 0));
    const total = Math.max(0, totalJiffies(after) - totalJiffies(before));
    const idle = d(3);
    const iowait = d(4);
    return {
        cpu,
        usagePercent: pct(total - idle - iowait, total),
        userPercent: pct(d(0) + d(1), total),
        systemPercent: pct(d(2) + d(5) + d(6), total),
        iowaitPercent: pct(iowait, total),
        stealPercent: pct(d(7), total),
        idlePercent: pct(idle, total),
    };
}

/** /proc/meminfo, values in bytes. */
export function parseMeminfo(text: string): MemoryUsage {
    const kb = new Map<string, number>();
    for (const line of text.split("\n")) {
        const m = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line);
        if (m?.[1] !== undefined && m[2] !== undefined) kb.set(m[1], Number(m[2]));
    }
    const b = (key: string): number => (kb.get(key) ?? 0) * 1024;
    return {
        totalBytes: b("MemTotal"),
        freeBytes: b("MemFree"),
        // Kernels before 3.14 have no MemAvailable: approximate it.
        availableBytes: kb.has("MemAvailable") ? b("MemAvailable") : b("MemFree") + b("Buffers") + b("Cached"),
        buffersBytes: b("Buffers"),
        cachedBytes: b("Cached"),
        swapTotalBytes: b("SwapTotal"),
        swapFreeBytes: b("SwapFree"),
    };
}

export interface Mount { device: string; mountpoint: string; fsType: string; options: string[] }

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
function unescapeMount(s: string): string {
    return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function parseMounts(text: string): Mount[] {
    const out: Mount[] = [];
    for (const line of text.split("\n")) {
        const [device, mountpoint, fsType, options] = line.split(" ");
        if (device === undefined || mountpoint === undefined || fsType === undefined) continue;
        out.push({ device: unescapeMount(device), mountpoint: unescapeMount(mountpoint), fsType, options: (options ?? "").split(",") });
    }
    return out;
}

const VIRTUAL_FS = new Set([
    "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "ramfs", "cgroup", "cgroup2", "securityfs", "pstore", "debugfs",
    "tracefs", "configfs", "fusectl", "mqueue", "hugetlbfs", "bpf", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs",
    "efivarfs", "selinuxfs", "squashfs", "devfs", "nfsd", "rootfs",
]);

/** Filesystems holding data (not kernel interfaces, memory or snap images). */
export function isRealFilesystem(m: Mount): boolean {
    if (VIRTUAL_FS.has(m.fsType)) return false;
    // FUSE helpers (gvfs, portals, lxcfs) are not storage; fuseblk (ntfs-3g, exfat) is.
    return !m.fsType.startsWith("fuse.") && m.fsType !== "fuse";
}

/** Real filesystems, one entry per device (bind mounts and btrfs subvolumes would repeat it). */
export function realMounts(mounts: readonly Mount[]): Mount[] {
    const seen = new Set<string>();
    return mounts.filter(m => {
        if (!isRealFilesystem(m) || seen.has(m.device)) return false;
        seen.add(m.device);
        return true;
    });
}

export interface DiskCounters { name: string; readsCompleted: number; readSectors: number; writesCompleted: number; writeSectors: number; ioTimeMs: number }

export function parseDiskstats(text: string): DiskCounters[] {
    const out: DiskCounters[] = [];
    for (const line of text.split("\n")) {
        const f = line.trim().split(/\s+/);
        const name = f[2];
        if (f.length < 14 || name === undefined) continue;
        const v = nums(f.slice(3));
        out.push({ name, readsCompleted: v[0] ?? 0, readSectors: v[2] ?? 0, writesCompleted: v[4] ?? 0, writeSectors: v[6] ?? 0, ioTimeMs: v[9] ?? 0 });
    }
    return out;
}

export interface NetCounters {
    name: string; rxBytes: number; rxPackets: number; rxErrors: number; rxDropped: number;
    txBytes: number; txPackets: number; txErrors: number; txDropped: number;
}

export function parseNetDev(text: string): NetCounters[] {
    const out: NetCounters[] = [];
    for (const line of text.split("\n")) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const v = nums(line.slice(colon + 1).trim().split(/\s+/));
        if (name === "" || v.length < 16) continue;
        out.push({
            name, rxBytes: v[0] ?? 0, rxPackets: v[1] ?? 0, rxErrors: v[2] ?? 0, rxDropped: v[3] ?? 0,
            txBytes: v[8] ?? 0, txPackets: v[9] ?? 0, txErrors: v[10] ?? 0, txDropped: v[11] ?? 0,
        });
    }
    return out;
}

export interface PidStat { pid: number; name: string; state: string; ticks: number; rssPages: number }

/** /proc/PID/stat; the command name is in parentheses and may itself contain ") ". */
export function parsePidStat(text: string): PidStat | null {
    const open = text.indexOf("(");
    const close = text.lastIndexOf(")");
    if (open < 0 || close < open) return null;
    const pid = Number(text.slice(0, open).trim());
    const f = text.slice(close + 2).trim().split(/\s+/);
    // Fields after the name start at field 3 (state): utime is field 14, stime 15, rss 24.
    const state = f[0];
    if (!Number.isSafeInteger(pid) || state === undefined || f.length < 22) return null;
    const [utime, stime, rss] = nums([f[11] ?? "0", f[12] ?? "0", f[21] ?? "0"]);
    return { pid, name: text.slice(open + 1, close), state, ticks: (utime ?? 0) + (stime ?? 0), rssPages: rss ?? 0 };
}

/** Per-second rate between two samples of a cumulative counter; null when unknown or reset. */
export function rate(before: number | undefined, after: number, seconds: number): number | null {
    if (before === undefined || seconds <= 0 || after < before) return null;
    return Math.round((after - before) / seconds);
}
