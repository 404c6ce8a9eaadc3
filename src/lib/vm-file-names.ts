// Names of the files Create VM makes for a VM, shared with what deletes them again.

/** The VM name made safe for a file name. */
export function plainName(vmName: string): string {
    return vmName.replace(/[^\w.-]+/g, "_");
}

/** The cloud-init seed image (NoCloud CD-ROM) Create VM writes for a VM made from a cloud image. */
export function seedImageName(vmName: string): string {
    return `${plainName(vmName)}-cidata.iso`;
}
