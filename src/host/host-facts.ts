// What the host's own files say: its CPU model and how long it has been up.
import { transports } from "../lib/transports.ts";

export function cpuModelFromCpuinfo(text: string): string {
    return /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? "";
}

export interface HostOsFacts {
    cpuModel: string;
    /** seconds since boot */
    uptime: number;
}

export async function hostOsFacts(): Promise<HostOsFacts> {
    const [cpuinfo, uptime] = await Promise.all([
        transports().host.readFile("/proc/cpuinfo", {}),
        transports().host.readFile("/proc/uptime", {}),
    ]);
    return { cpuModel: cpuModelFromCpuinfo(cpuinfo ?? ""), uptime: Number((uptime ?? "0").split(" ")[0]) };
}
