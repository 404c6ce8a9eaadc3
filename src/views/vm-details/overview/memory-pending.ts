import type { DomainConfig } from "../../../libvirt/domain-xml.ts";

/**
 * Whether the saved memory settings wait for the VM to shut down. The live <currentMemory> is
 * where the balloon is (511 MiB on the way to 512): with a balloon device the saved size is
 * given to the running guest, and only a changed maximum waits; without one, any difference does.
 */
export function memoryAppliesAfterShutdown(saved: DomainConfig, live: DomainConfig): boolean {
    if (saved.maxMemoryKiB !== live.maxMemoryKiB) return true;
    return !live.balloon && saved.memoryKiB !== live.memoryKiB;
}
