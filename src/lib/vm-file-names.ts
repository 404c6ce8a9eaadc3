// Names of the files Create VM makes for a VM, shared with what deletes them again.

/** The VM name made safe for a file name. */
export function plainName(vmName: string): string {
    return vmName.replace(/[^\w.-]+/g, "_");
}

/** The longest VM name in bytes (UTF-8): libvirt keeps files named after the VM (its
 *  definition, NVRAM, logs) and ours add suffixes such as "-2-cidata.iso", within the 255
 *  bytes a file name can have. */
export const MAX_VM_NAME_BYTES = 200;

/** What a seed image's name ends with, after the VM's file stem. */
const SEED_SUFFIX = "-cidata.iso";

/**
 * The stem of the files a new VM gets: the plain name, or with "-2", "-3" … when a file that
 * would be made (stem + each suffix) is already taken — two names can share a plain name
 * ("a<b>" and "a(b)"), and a renamed VM keeps its files under its old name.
 */
export function freeFileStem(vmName: string, suffixes: readonly string[], taken: ReadonlySet<string>): string {
    const plain = plainName(vmName);
    for (let n = 1; ; n++) {
        const stem = n === 1 ? plain : `${plain}-${String(n)}`;
        if (!suffixes.some(suffix => taken.has(stem + suffix))) return stem;
    }
}

/** The cloud-init seed image (NoCloud CD-ROM) Create VM writes for a VM made from a cloud image. */
export function seedImageName(stem: string): string {
    return stem + SEED_SUFFIX;
}

/** The suffixes of the files Create VM makes in a pool: the new disk and, for a cloud image, the seed. */
export function newFileSuffixes(diskFormat: string, withSeed: boolean): string[] {
    return [`.${diskFormat}`, ...withSeed ? [SEED_SUFFIX] : []];
}

/** Whether a file is the seed image Create VM made for this VM (with or without a "-N" stem). */
export function isSeedImageOf(fileName: string, vmName: string): boolean {
    const plain = plainName(vmName);
    if (!fileName.startsWith(plain) || !fileName.endsWith(SEED_SUFFIX)) return false;
    return /^(-\d+)?$/.test(fileName.slice(plain.length, fileName.length - SEED_SUFFIX.length));
}
