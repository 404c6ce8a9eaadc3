// How long a VM's QEMU process has run. libvirt does not record a start time, but every
// QEMU it starts carries `-uuid <uuid>` on its command line, which `ps` shows to anyone.
import { cockpit } from "../lib/cockpit.ts";

/** Finds the elapsed seconds of the process whose arguments name this UUID in `ps -eo etimes=,args=` output. */
export function uptimeFromPs(output: string, uuid: string): number | undefined {
    const needle = `-uuid ${uuid}`;
    for (const line of output.split("\n")) {
        const match = /^\s*(\d+)\s+(.*)$/.exec(line);
        if (match?.[2]?.includes(needle) && /qemu/.test(match[2])) return Number(match[1]);
    }
    return undefined;
}

export async function vmUptimeSeconds(uuid: string): Promise<number | undefined> {
    const output = await cockpit.spawn(["ps", "-eo", "etimes=,args="], { err: "message" });
    return uptimeFromPs(output, uuid);
}

/** "3 d 4 h", "2 h 5 min", "12 min", "40 s". */
export function formatDuration(seconds: number): string {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    if (d > 0) return `${String(d)} d ${String(h)} h`;
    if (h > 0) return `${String(h)} h ${String(m)} min`;
    if (m > 0) return `${String(m)} min`;
    return `${String(Math.floor(seconds))} s`;
}
