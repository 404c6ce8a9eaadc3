import { parseOsRelease } from "../../../agent/src/methods/guest-info.ts";
import {
    cpuUsage, parseCpuTimes, parseDiskstats, parseMeminfo, parseMounts, parseNetDev, parsePidStat, rate, realMounts,
} from "../../../agent/src/methods/procfs.ts";
import { parseUtmp, parseWho, UTMP_RECORD_SIZE } from "../../../agent/src/methods/users.ts";
import { utmpRecord } from "./helpers.ts";

QUnit.module("agent /proc parsers", () => {
    QUnit.test("/proc/stat deltas give per-CPU percentages", assert => {
        const before = parseCpuTimes("cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0 0 0\nintr 1 2 3\n");
        const after = parseCpuTimes("cpu  150 0 150 880 10 5 5 0 0 0\ncpu0 150 0 150 880 10 5 5 0 0 0\n");
        assert.deepEqual([...after.keys()], ["cpu", "cpu0"]);
        const u = cpuUsage("cpu0", before.get("cpu0") ?? [], after.get("cpu0") ?? []);
        // deltas: user 50, system 50, idle 80, iowait 10, irq 5, softirq 5 → total 200
        assert.deepEqual(u, { cpu: "cpu0", usagePercent: 55, userPercent: 25, systemPercent: 30, iowaitPercent: 5, stealPercent: 0, idlePercent: 40 });
        assert.strictEqual(cpuUsage("cpu", [], []).usagePercent, 0, "no interval: 0, not NaN");
    });

    QUnit.test("/proc/meminfo in bytes, with MemAvailable fallback", assert => {
        const m = parseMeminfo("MemTotal:       1000 kB\nMemFree:         200 kB\nMemAvailable:    500 kB\nBuffers:          10 kB\nCached:          100 kB\nSwapTotal:      2000 kB\nSwapFree:       1500 kB\nActive(anon):     1 kB\n");
        assert.deepEqual(m, { totalBytes: 1024000, freeBytes: 204800, availableBytes: 512000, buffersBytes: 10240, cachedBytes: 102400, swapTotalBytes: 2048000, swapFreeBytes: 1536000 });
        assert.strictEqual(parseMeminfo("MemFree: 1 kB\nBuffers: 2 kB\nCached: 3 kB\n").availableBytes, 6144);
    });

    QUnit.test("/proc/mounts: octal escapes, virtual filesystems skipped, one entry per device", assert => {
        const mounts = parseMounts([
            "/dev/vda1 / ext4 rw,relatime 0 0",
            "proc /proc proc rw 0 0",
            "tmpfs /run tmpfs rw 0 0",
            "/dev/vdb1 /mnt/my\\040disk xfs rw 0 0",
            "/dev/vda1 /srv/bind ext4 rw 0 0",
            "gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw 0 0",
            "/dev/loop3 /snap/core/1 squashfs ro 0 0",
            "share /mnt/share virtiofs rw 0 0",
            "",
        ].join("\n"));
        assert.strictEqual(mounts[3]?.mountpoint, "/mnt/my disk");
        assert.deepEqual(realMounts(mounts).map(m => m.mountpoint), ["/", "/mnt/my disk", "/mnt/share"]);
    });

    QUnit.test("/proc/diskstats and /proc/net/dev", assert => {
        const disks = parseDiskstats("   8       0 sda 100 1 2000 30 50 2 4000 60 0 70 90 0 0 0 0\n   8       1 sda1 1 8 0 0\n");
        assert.deepEqual(disks, [{ name: "sda", readsCompleted: 100, readSectors: 2000, writesCompleted: 50, writeSectors: 4000, ioTimeMs: 70 }]);
        const net = parseNetDev("Inter-|   Receive |  Transmit\n face |bytes packets\n  eth0:1000 10 1 2 0 0 0 0 2000 20 3 4 0 0 0 0\n    lo: 5 1 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n");
        assert.deepEqual(net[0], { name: "eth0", rxBytes: 1000, rxPackets: 10, rxErrors: 1, rxDropped: 2, txBytes: 2000, txPackets: 20, txErrors: 3, txDropped: 4 });
        assert.strictEqual(net[1]?.name, "lo");
        assert.strictEqual(rate(100, 300, 2), 100);
        assert.strictEqual(rate(undefined, 300, 2), null);
        assert.strictEqual(rate(500, 300, 2), null, "counter reset");
    });

    QUnit.test("/proc/PID/stat with parentheses and spaces in the name", assert => {
        const fields = "S 1 1 1 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 100 12345678 321 18446744073709551615";
        assert.deepEqual(parsePidStat(`42 (evil) (x) y) ${fields}`), { pid: 42, name: "evil) (x) y", state: "S", ticks: 300, rssPages: 321 });
        assert.strictEqual(parsePidStat("garbage"), null);
        assert.strictEqual(parsePidStat("12 (short) S 1 2"), null);
    });

    QUnit.test("os-release quoting", assert => {
        const r = parseOsRelease("NAME=\"Fedora Linux\"\nVERSION_ID=40\nPRETTY_NAME='Single quoted'\nX=\"esc \\\"q\\\" \\$HOME\"\n# comment\nbad line\n");
        assert.strictEqual(r.get("NAME"), "Fedora Linux");
        assert.strictEqual(r.get("VERSION_ID"), "40");
        assert.strictEqual(r.get("PRETTY_NAME"), "Single quoted");
        assert.strictEqual(r.get("X"), "esc \"q\" $HOME");
        assert.strictEqual(r.size, 4);
    });

    QUnit.test("utmp records: only user processes", assert => {
        const data = Buffer.concat([
            utmpRecord(2, "reboot", "~", "6.1.0", 1700000000),
            utmpRecord(7, "alice", "pts/0", "10.0.0.5", 1700000100, 321),
            utmpRecord(6, "LOGIN", "tty1", "", 1700000000),
            utmpRecord(7, "bob", "tty2", "", 1700000200),
        ]);
        assert.deepEqual(parseUtmp(data, true), [
            { user: "alice", terminal: "pts/0", host: "10.0.0.5", loginTimeMs: 1700000100000, pid: 321 },
            { user: "bob", terminal: "tty2", host: "", loginTimeMs: 1700000200000, pid: 100 },
        ]);
        assert.strictEqual(parseUtmp(data.subarray(1), true), null, "not a whole number of records");
        assert.strictEqual(parseUtmp(Buffer.alloc(UTMP_RECORD_SIZE, 0xff), true), null, "not utmp at all");
    });

    QUnit.test("who output", assert => {
        const users = parseWho("alice    pts/0        2024-05-01 10:22 (10.0.0.5)\nbob      tty1         2024-05-02 08:00\nnonsense\n");
        assert.strictEqual(users.length, 2);
        assert.deepEqual(users[0], { user: "alice", terminal: "pts/0", host: "10.0.0.5", loginTimeMs: new Date("2024-05-01T10:22").getTime(), pid: null });
        assert.strictEqual(users[1]?.host, "");
    });
});
