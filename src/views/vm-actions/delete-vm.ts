// Deleting a VM: power it off, remove its definition, then the images the user chose.
import { _, format } from "../../lib/i18n.ts";
import { destroyDomain, undefineDomain } from "../../libvirt/domain-api.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import { describeError, LibvirtError } from "../../libvirt/errors.ts";
import { deleteImage } from "../../libvirt/storage-api.ts";
import type { Vm } from "../../state/vm-types.ts";

import { domainPath } from "./vm-actions.ts";

/** The VM is gone but some of its images are not: nothing to retry in the dialog. */
export class PartialDeleteError extends LibvirtError {}

/** `onGone` is called once the VM no longer exists, before its images are deleted (which may take a while). */
export async function deleteVm(vm: Vm, imagePaths: readonly string[], onGone: () => void = () => undefined): Promise<void> {
    const path = await domainPath(vm);
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
