// Deleting a VM: power it off, remove its definition, then the images the user chose.
import { dropVmPortForwards } from "../host/port-forwards.ts";
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { destroyDomain, domainPath, getDomainProperties, getDomainXml, undefineDomain, XmlFlags } from "../libvirt/domain-api.ts";
import { type DomainState, isActiveState } from "../libvirt/domain-state.ts";
import { parseDomainXml } from "../libvirt/domain-xml.ts";
import { describeError, LibvirtError } from "../libvirt/errors.ts";
import { deleteImage } from "./delete-image.ts";
import { deletableDisks, proposedForDeletion } from "./disk-choice.ts";
import { findVm, vmState } from "./vms.ts";

/** The VM is gone but some of its images are not: nothing to retry in the dialog. */
export class PartialDeleteError extends LibvirtError {}

export interface VmToDelete {
    connection: ConnectionId;
    name: string;
    /** Looked up by name when not known yet. */
    path?: string | undefined;
    state: DomainState;
    persistent: boolean;
}

/** `onGone` is called once the VM no longer exists, before its images are deleted (which may take a while). */
export async function deleteVm(vm: VmToDelete, imagePaths: readonly string[], onGone: () => void = () => undefined): Promise<void> {
    const path = await domainPath(vm);
    // Forwards to it would lead to whatever gets its address next.
    if (vm.connection === "system") await dropVmPortForwards(vm.connection, vm.name);
    if (isActiveState(vm.state)) await destroyDomain(vm.connection, path);
    if (vm.persistent) await undefineDomain(vm.connection, path);
    onGone();
    const failures: string[] = [];
    for (const path of imagePaths) {
        try {
            await deleteImage(vm.connection, path);
        } catch (error) {
            failures.push(`${path}: ${describeError(error).detail}`);
        }
    }
    if (failures.length > 0) {
        throw new PartialDeleteError({
            kind: "libvirt",
            summary: format(_("The virtual machine $0 was deleted, but some disk images could not be removed"), vm.name),
            detail: failures.join("; "),
        });
    }
}

/**
 * Deletes the VM named; with `storage`, also the images the delete dialog proposes (writable
 * disks and the VM's own cloud-init seed, never shared installer media). Resolves with those.
 */
export async function deleteVmByName(conn: ConnectionId, name: string, storage: boolean): Promise<string[]> {
    const path = await findVm(conn, name);
    const [{ persistent }, state] = await Promise.all([getDomainProperties(conn, path), vmState(conn, path, name)]);
    const disks = parseDomainXml(await getDomainXml(conn, path, persistent ? XmlFlags.Inactive : 0)).disks;
    const images = storage
        ? deletableDisks(disks).filter(d => proposedForDeletion(d, name)).flatMap(d => (d.path ? [d.path] : []))
        : [];
    await deleteVm({ connection: conn, name, path, state, persistent }, images);
    return images;
}
