// CPU time used by groups of processes between two snapshots (from /proc/<pid>/stat), to see
// which part of the stack a benchmark keeps busy: the guest (QEMU), Cockpit, the browser.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Process name (comm) prefixes, by group. */
const GROUPS = { "QEMU (the guest)": ["qemu-system"], "cockpit-ws": ["cockpit-ws"], "cockpit-bridge": ["cockpit-bridge"], "Chromium": ["chromium", "chrome"] };

/** Chromium's processes by their --type= flag (none: the browser process itself). */
function chromiumPart(pid) {
    let cmdline = "";
    try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
        return "browser";
    }
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
    const service = /--utility-sub-type=([a-zA-Z.]+)/.exec(cmdline)?.[1];
    return type === "utility" && service ? service.replace(/^.*\./, "").replace(/Service$/, "") : type ?? "browser";
}

/** Ticks of user + system time per group, now (exited processes are not counted). */
export function cpuSnapshot() {
    const ticks = Object.fromEntries(Object.keys(GROUPS).map(g => [g, 0]));
    ticks.chromiumParts = {};
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
            if (!prefixes.some(p => comm.startsWith(p))) continue;
            ticks[group] += used;
            if (group === "Chromium") {
                const part = chromiumPart(pid);
                ticks.chromiumParts[part] = (ticks.chromiumParts[part] ?? 0) + used;
            }
        }
    }
    return ticks;
}

const seconds = ticks => `${(ticks / TICKS_PER_SECOND).toFixed(2)} s`;

/** "QEMU (the guest) 0.71 s, cockpit-ws 0.20 s, ..., Chromium 0.6 s (renderer 0.4 s, ...)" between two snapshots. */
export function cpuSince(before) {
    const after = cpuSnapshot();
    const parts = Object.keys(after.chromiumParts)
        .map(p => [p, after.chromiumParts[p] - (before.chromiumParts[p] ?? 0)])
        .filter(([, used]) => used > 0)
        .map(([p, used]) => `${p} ${seconds(used)}`);
    return Object.keys(GROUPS).map(g => `${g} ${seconds(after[g] - before[g])}`).join(", ") + (parts.length ? ` (${parts.join(", ")})` : "");
}
