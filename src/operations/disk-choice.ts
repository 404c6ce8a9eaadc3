// Which disk images the delete dialog offers, and which it ticks by default.
import { isSeedImageOf } from "../lib/vm-file-names.ts";
import type { DomainDisk } from "../libvirt/domain-xml.ts";

/** Disks whose image file can be deleted with the VM; block devices are never wiped from here. */
export function deletableDisks(disks: readonly DomainDisk[]): DomainDisk[] {
    return disks.filter(d => d.path !== undefined && d.sourceType === "file");
}

/**
 * Images of writable hard disks are proposed for deletion, and the cloud-init seed Create VM
 * made for this VM; other CD-ROM media and read-only images are not (an installer ISO is
 * usually shared).
 */
export function proposedForDeletion(disk: DomainDisk, vmName: string): boolean {
    if (disk.device === "cdrom") return isSeedImageOf(disk.path?.split("/").pop() ?? "", vmName);
    return disk.device === "disk" && !disk.readonly;
}
