// Checks of names, vCPU and memory settings before anything is sent to libvirt.
import { formatBytes } from "../lib/format-bytes.ts";
import { _, format } from "../lib/i18n.ts";
import { MAX_VM_NAME_BYTES } from "../lib/vm-file-names.ts";

/**
 * Returns what is wrong, in the user's words, or null. `libvirtMax` is the most vCPUs libvirt
 * gives a VM of this kind (0: unknown). More vCPUs than the host has CPUs is allowed, as in
 * every other manager: vcpuOvercommitWarning says what it costs.
 */
export function checkVcpus(count: number, maximum: number, libvirtMax: number): string | null {
    if (!Number.isInteger(count) || !Number.isInteger(maximum)) return _("vCPU counts must be whole numbers.");
    if (count < 1) return _("A virtual machine needs at least one vCPU.");
    if (count > maximum) return _("The vCPU count cannot exceed the maximum.");
    if (libvirtMax > 0 && maximum > libvirtMax) return format(_("libvirt gives a virtual machine at most $0 vCPUs."), libvirtMax);
    return null;
}

/** A warning when the VM would run more vCPUs than the host has CPUs; null otherwise. */
export function vcpuOvercommitWarning(count: number, hostCpus: number): string | null {
    if (hostCpus <= 0 || count <= hostCpus) return null;
    return format(_("The host has $0 CPUs. More vCPUs than that take turns on them: the guest gets no faster, and it can become slower, since a vCPU that holds a lock may be waiting for a host CPU while the others wait for it."),
                  hostCpus);
}

/** Sizes in KiB. */
export function checkMemory(current: number, maximum: number, hostKiB: number): string | null {
    if (!Number.isFinite(current) || !Number.isFinite(maximum)) return _("Enter a memory size.");
    if (current < 32 * 1024) return _("A virtual machine needs at least 32 MiB of memory.");
    if (current > maximum) return _("The memory cannot exceed the maximum memory.");
    if (hostKiB > 0 && maximum > hostKiB) return format(_("The host has only $0 of memory."), formatBytes(hostKiB * 1024));
    return null;
}

/**
 * libvirt's rules for a name (not empty, no '/', no line breaks — and XML allows no other
 * control characters), and a length the file names made from it can hold.
 */
export function checkVmName(name: string): string | null {
    if (name.trim() === "") return _("Enter a name.");
    if (name.includes("/")) return _("A name cannot contain '/'.");
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    if (/[\u0000-\u001f\u007f]/.test(name)) return _("A name cannot contain line breaks, tabs or other control characters.");
    const bytes = new TextEncoder().encode(name).length;
    if (bytes > MAX_VM_NAME_BYTES)
        return format(_("The name is too long for the files named after it: at most $0 characters (letters outside ASCII count as two or more); this one has $1."), MAX_VM_NAME_BYTES, bytes);
    return null;
}
