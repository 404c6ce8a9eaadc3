// CPU time used by groups of processes between two snapshots (from /proc/<pid>/stat), to see
// which part of the stack a benchmark keeps busy: the guest (QEMU), Cockpit, the browser.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Process name (comm) prefixes, by group. */
const GROUPS = { "QEMU (the guest)": ["qemu-system"], "cockpit-ws": ["cockpit-ws"], "cockpit-bridge": ["cockpit-bridge"], "Chromium": ["chromium", "chrome"] };

/** Ticks of user + system time per group, now (exited processes are not counted). */
export function cpuSnapshot() {
    const ticks = Object.fromEntries(Object.keys(GROUPS).map(g => [g, 0]));
    for (const pid of readdirSync("/proc").filter(name => /^\d+$/.test(name))) {
        let stat;
        try {
            stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        } catch {
            continue; // gone meanwhile
        }
        // comm is in parentheses and may hold spaces; the fields after it are space-separated.
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const used = Number(fields[11]) + Number(fields[12]); // utime, stime
        for (const [group, prefixes] of Object.entries(GROUPS)) {
            if (prefixes.some(p => comm.startsWith(p))) ticks[group] += used;
        }
    }
    return ticks;
}

/** "QEMU (the guest) 0.71 s, cockpit-ws 0.20 s, ..." between two snapshots. */
export function cpuSince(before) {
    const after = cpuSnapshot();
    return Object.keys(GROUPS).map(g => `${g} ${((after[g] - before[g]) / TICKS_PER_SECOND).toFixed(2)} s`).join(", ");
}
