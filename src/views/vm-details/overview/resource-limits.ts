// Checks of names, vCPU and memory settings before anything is sent to libvirt.
import { formatBytes } from "../../../lib/format-bytes.ts";
import { _, format } from "../../../lib/i18n.ts";

/** Returns what is wrong, in the user's words, or null. */
export function checkVcpus(count: number, maximum: number, hostCpus: number): string | null {
    if (!Number.isInteger(count) || !Number.isInteger(maximum)) return _("vCPU counts must be whole numbers.");
    if (count < 1) return _("A virtual machine needs at least one vCPU.");
    if (count > maximum) return _("The vCPU count cannot exceed the maximum.");
    if (hostCpus > 0 && maximum > hostCpus) return format(_("The host has only $0 CPUs."), hostCpus);
    return null;
}

/** Sizes in KiB. */
export function checkMemory(current: number, maximum: number, hostKiB: number): string | null {
    if (!Number.isFinite(current) || !Number.isFinite(maximum)) return _("Enter a memory size.");
    if (current < 32 * 1024) return _("A virtual machine needs at least 32 MiB of memory.");
    if (current > maximum) return _("The memory cannot exceed the maximum memory.");
    if (hostKiB > 0 && maximum > hostKiB) return format(_("The host has only $0 of memory."), formatBytes(hostKiB * 1024));
    return null;
}

/** libvirt refuses names with '/' and empty ones; everything else is passed as is. */
export function checkVmName(name: string): string | null {
    if (name.trim() === "") return _("Enter a name.");
    if (name.includes("/")) return _("A name cannot contain '/'.");
    return null;
}
