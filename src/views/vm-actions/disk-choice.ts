// Which disk images the delete dialog offers, and which it ticks by default.
import type { DomainDisk } from "../../libvirt/domain-xml.ts";

/** Disks whose image file can be deleted with the VM; block devices are never wiped from here. */
export function deletableDisks(disks: readonly DomainDisk[]): DomainDisk[] {
    return disks.filter(d => d.path !== undefined && d.sourceType === "file");
}

/** Images of writable hard disks are proposed for deletion; CD-ROM media and read-only images are not. */
export function proposedForDeletion(disk: DomainDisk): boolean {
    return disk.device === "disk" && !disk.readonly;
}
