// How long a VM's QEMU process has run. libvirt does not record a start time, but every
// QEMU it starts carries `-uuid <uuid>` on its command line, which `ps` shows to anyone.
import { transports } from "../lib/transports.ts";

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
    const output = await transports().host.run(["ps", "-eo", "etimes=,args="], {});
    return uptimeFromPs(output, uuid);
}
