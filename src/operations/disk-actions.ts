// What the disk dialogs do, one function each: checks first, then the libvirt calls. A check
// that fails throws before anything has changed.
import { hostPathKind } from "../host/host-path.ts";
import type { DescribedError } from "../lib/described-error.ts";
import { _, format } from "../lib/i18n.ts";
import {
    attachDevice, blockResize, changeMedia, detachExisting, getDiskTargets, type Scope,
scopeFlags, } from "../libvirt/device-api.ts";
import { diskXml, type NewDisk, resizeProblem, volumeXml } from "../libvirt/device-xml.ts";
import { domainPath, type DomainRef } from "../libvirt/domain-api.ts";
import { describeError, invalidInput, LibvirtError } from "../libvirt/errors.ts";
import { createVolume, resizeVolume } from "../libvirt/storage-volume-api.ts";
import { deleteImage } from "./delete-image.ts";

/** A failure with our own summary and libvirt's message as the detail. */
export function failure(summary: string, error: unknown): LibvirtError {
    const described: DescribedError = describeError(error);
    // Permission and connection problems keep their own, more useful, summary.
    if (described.kind !== "libvirt" && described.kind !== "not-found") return new LibvirtError(described);
    return new LibvirtError({ ...described, summary });
}

async function run<T>(summary: string, step: () => Promise<T>): Promise<T> {
    try {
        return await step();
    } catch (error) {
        throw failure(summary, error);
    }
}

/** Checks that an image path exists on the host; returns whether it is a file or a block device. */
export async function checkImagePath(vm: DomainRef, path: string): Promise<"file" | "block"> {
    // Checked here because libvirt accepts any path for a shut-off VM.
    if (!path.startsWith("/")) throw invalidInput(_("Enter the full path of the image, starting with /."));
    const kind = await hostPathKind(vm.connection, path);
    if (kind === "denied") throw invalidInput(format(_("$0 cannot be checked: permission denied."), path), _("Turn on administrative access, or choose a path you can read."));
    if (kind === "missing") throw invalidInput(format(_("$0 does not exist on the host."), path));
    if (kind === "other" || kind === "directory") throw invalidInput(format(_("$0 is neither an image file nor a block device."), path));
    return kind;
}

export async function attachDisk(vm: DomainRef, disk: NewDisk, scope: Scope): Promise<void> {
    const path = await domainPath(vm);
    if ((await usedTargets(vm)).includes(disk.target)) throw invalidInput(format(_("The virtual machine already has a disk $0."), disk.target));
    await run(_("The disk could not be added"), () => attachDevice(vm.connection, path, diskXml(disk), scopeFlags(scope)));
}

export interface NewVolume {
    pool: string;
    name: string;
    bytes: number;
    format: "qcow2" | "raw";
}

/** Creates a volume and attaches it; the volume is deleted again when the attach fails. */
export async function attachNewVolume(vm: DomainRef, volume: NewVolume, disk: Omit<NewDisk, "path" | "sourceType" | "format">, scope: Scope): Promise<void> {
    const created = await run(_("The volume could not be created"),
                              () => createVolume(vm.connection, volume.pool, volumeXml(volume.name, volume.bytes, volume.format)));
    try {
        await attachDisk(vm, { ...disk, path: created.path, sourceType: created.type === 1 ? "block" : "file", format: volume.format }, scope);
    } catch (error) {
        await deleteImage(vm.connection, created.path).catch(() => undefined);
        throw error;
    }
}

export interface RemoveOutcome {
    /** Set when the image was to be deleted but the guest still holds the disk. */
    keptImage?: string;
}

export async function removeDisk(vm: DomainRef, target: string, imagePath: string | null, scope: Scope): Promise<RemoveOutcome> {
    const path = await domainPath(vm);
    await run(_("The disk could not be removed"), () => detachExisting(vm.connection, path, "disk", target, scope));
    if (!imagePath) return {};
    if (scope.live && (await getDiskTargets(vm.connection, path, 0)).includes(target)) return { keptImage: imagePath };
    await run(_("The disk was removed, but its image could not be deleted"), () => deleteImage(vm.connection, imagePath));
    return {};
}

/** Grows a disk: through the running VM (BlockResize) or, shut off, its storage volume. */
export async function growDisk(vm: DomainRef, target: string, imagePath: string | undefined, currentBytes: number, newBytes: number, running: boolean): Promise<void> {
    const problem = resizeProblem(newBytes, currentBytes);
    if (problem) throw invalidInput(_("The disk was not resized"), problem);
    if (running) {
        const path = await domainPath(vm);
        await run(_("The disk could not be resized"), () => blockResize(vm.connection, path, target, newBytes));
        return;
    }
    if (!imagePath) throw invalidInput(_("The disk could not be resized"), _("Only disks backed by an image file can be resized."));
    await run(_("The disk could not be resized"), () => resizeVolume(vm.connection, imagePath, newBytes));
}

export async function setMedia(vm: DomainRef, target: string, media: string | null, scope: Scope): Promise<void> {
    if (media !== null) {
        const kind = await checkImagePath(vm, media);
        if (kind !== "file") throw invalidInput(_("Choose an image file (ISO) for the CD/DVD drive."));
    }
    const path = await domainPath(vm);
    await run(media === null ? _("The media could not be ejected") : _("The media could not be inserted"),
              () => changeMedia(vm.connection, path, target, media, scope));
}

/** Target names in use in either definition, so a new disk collides with neither. */
export async function usedTargets(vm: DomainRef): Promise<string[]> {
    const path = await domainPath(vm);
    const live = await getDiskTargets(vm.connection, path, 0);
    const saved = await getDiskTargets(vm.connection, path, 2).catch(() => []);
    return [...new Set([...live, ...saved])];
}
