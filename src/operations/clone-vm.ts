// Cloning a VM: a new machine with the source's configuration and a copy of its disks (or
// qcow2 overlays on them, for a linked clone), its own UUID, MACs, UEFI variables, TPM state
// and cloud-init instance. A running source is copied from a snapshot only. Whatever a failed
// or cancelled clone made is removed again.
import { copyNvram, copyTpmState, nvramDirectory, tpmStateDirectory } from "../host/clone-files.ts";
import { copyImage } from "../host/qemu-img.ts";
import { _, format } from "../lib/i18n.ts";
import { type ClonedDisk, cloneDomainXml, hasEmulatedTpm, overlayVolumeXml } from "../libvirt/clone-xml.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { volumeXml } from "../libvirt/device-xml.ts";
import { defineDomain, getDomainProperties, startDomain, Undefine, undefineDomain } from "../libvirt/domain-api.ts";
import { describeError, invalidInput } from "../libvirt/errors.ts";
import { createSnapshot, deleteSnapshot, listSnapshots } from "../libvirt/snapshot-api.ts";
import { newSnapshotXml } from "../libvirt/snapshot-xml.ts";
import { refreshStoragePool } from "../libvirt/storage-pool-api.ts";
import { createVolume, deleteVolume } from "../libvirt/storage-volume-api.ts";
import type { CloneOptions, CloneResult } from "./clone/options.ts";
import type { ClonePlan, DiskCopy } from "./clone/plan.ts";
import { planClone } from "./clone/plan.ts";
import { writeCloneSeed } from "./clone/seed.ts";
import { step } from "./create-vm/create-vm.ts";
import { beginStep, type OperationControl, throwIfCancelled, transferReporter, type Undo, undoAndRethrow } from "./progress.ts";

export { checkCloneName, type CloneOptions, type CloneResult, proposeCloneName } from "./clone/options.ts";


/** Everything that rules the clone out, in the user's words (empty: it can be made). */
export async function checkClone(conn: ConnectionId, options: CloneOptions): Promise<string[]> {
    return (await planClone(conn, options)).problems;
}

/** One disk's new image: a copy (with progress) or an overlay on the source's; resolves with its host path. */
async function makeDisk(conn: ConnectionId, disk: DiskCopy, plan: ClonePlan, options: CloneOptions, undo: Undo, control: OperationControl, n: string): Promise<ClonedDisk> {
    const what = options.linked
        ? format(_("Creating the overlay image of disk $0 on $1"), disk.target, disk.source)
        : format(_("Copying disk $0 ($1)"), disk.target, n);
    beginStep(control, what);
    const xml = options.linked
        ? overlayVolumeXml(disk.volumeName, disk.virtualSize, { path: disk.source, format: disk.sourceFormat })
        : volumeXml(disk.volumeName, disk.virtualSize, disk.format);
    const volume = await step(format(_("The image of disk $0 could not be created in the storage pool $1"), disk.target, disk.pool.name),
                              () => createVolume(conn, disk.pool.object, xml));
    undo.push(() => deleteVolume(conn, volume.object));
    if (!options.linked) {
        await copyImage(conn, {
            source: disk.source, sourceFormat: disk.sourceFormat, ...plan.snapshot !== undefined ? { snapshot: plan.snapshot } : {},
            target: volume.path, targetFormat: disk.format, targetExists: true,
        }, { onBytes: transferReporter(control, what), signal: control.signal });
    }
    return { target: disk.target, path: volume.path, format: disk.format, block: volume.type === 1 };
}

async function makeSeed(conn: ConnectionId, plan: ClonePlan, options: CloneOptions, undo: Undo, control: OperationControl): Promise<ClonedDisk | undefined> {
    const seed = plan.seed;
    if (!seed) return undefined;
    beginStep(control, _("Writing the clone's cloud-init seed (new instance ID and host name)"));
    const volume = await step(format(_("The cloud-init seed image could not be created in the storage pool $0"), seed.pool.name),
                              () => createVolume(conn, seed.pool.object, volumeXml(seed.volumeName, 1024 * 1024, "raw")));
    undo.push(() => deleteVolume(conn, volume.object));
    await writeCloneSeed(conn, seed.source, volume.path, options.name, options.userData, control);
    await refreshStoragePool(conn, seed.pool.object);
    return { target: seed.target, path: volume.path, format: "raw" };
}

/** Defines the clone and gives it copies of the source's UEFI variables and TPM state; resolves with its object path. */
async function defineClone(conn: ConnectionId, plan: ClonePlan, options: CloneOptions, disks: ClonedDisk[], undo: Undo, control: OperationControl): Promise<string> {
    beginStep(control, _("Defining the clone"));
    const nvram = plan.nvram === undefined ? undefined : `${await nvramDirectory(conn)}/${options.name}_VARS.fd`;
    const xml = cloneDomainXml(plan.baseXml, { sourceName: options.source, name: options.name, disks, ...nvram !== undefined ? { nvram } : {} });
    const path = await step(_("The clone could not be defined"), () => defineDomain(conn, xml));
    // With its NVRAM and TPM state, which are copies made below.
    undo.push(() => undefineDomain(conn, path, Undefine.ManagedSave | Undefine.SnapshotsMetadata | Undefine.Nvram | Undefine.CheckpointsMetadata | Undefine.Tpm));
    if (plan.nvram !== undefined && nvram !== undefined) {
        beginStep(control, _("Copying the UEFI variables"));
        await copyNvram(conn, plan.nvram, nvram);
    }
    if (hasEmulatedTpm(xml)) {
        beginStep(control, _("Copying the TPM state"));
        const { uuid } = await getDomainProperties(conn, path);
        await copyTpmState(conn, await tpmStateDirectory(conn, plan.sourceUuid), await tpmStateDirectory(conn, uuid));
    }
    return path;
}

/** Takes the temporary snapshot a running source is copied from; resolves with how to delete it again. */
async function takeTemporarySnapshot(conn: ConnectionId, plan: ClonePlan, options: CloneOptions, control: OperationControl): Promise<(() => Promise<void>) | undefined> {
    const name = plan.temporarySnapshot;
    if (name === undefined) return undefined;
    beginStep(control, format(_("Taking a temporary snapshot of $0"), options.source));
    await step(_("The temporary snapshot could not be taken"),
               () => createSnapshot(conn, plan.sourcePath, newSnapshotXml(name, format(_("Taken to clone $0 from; deleted once copied."), options.name))));
    return async () => {
        control.onProgress?.(_("Deleting the temporary snapshot"));
        const made = (await listSnapshots(conn, plan.sourcePath)).find(s => s.name === name);
        if (made) await deleteSnapshot(conn, made.path);
    };
}

/** The volumes, the definition, and the start asked for; what was made is removed again when one fails or is cancelled. */
async function build(conn: ConnectionId, plan: ClonePlan, options: CloneOptions, control: OperationControl): Promise<CloneResult> {
    const undo: Undo = [];
    const volumes: string[] = [];
    try {
        const disks: ClonedDisk[] = [];
        for (const [i, disk] of plan.disks.entries()) {
            const made = await makeDisk(conn, disk, plan, options, undo, control, format(_("$0 of $1"), i + 1, plan.disks.length));
            disks.push(made);
            volumes.push(made.path);
        }
        const seed = await makeSeed(conn, plan, options, undo, control);
        if (seed) {
            disks.push(seed);
            volumes.push(seed.path);
        }
        const path = await defineClone(conn, plan, options, disks, undo, control);
        if (options.start) {
            beginStep(control, _("Starting the clone"));
            await step(_("The clone could not be started, so it was not kept"), () => startDomain(conn, path));
        }
        // Cancelled during the last step: nothing of it is kept either.
        throwIfCancelled(control);
        return { name: options.name, volumes };
    } catch (error) {
        return await undoAndRethrow(undo, error, control);
    }
}

/** Makes the clone `options` describe; `control` hears each step and the copies' progress, and can cancel. */
export async function cloneVm(conn: ConnectionId, options: CloneOptions, control: OperationControl = {}): Promise<CloneResult> {
    beginStep(control, format(_("Checking $0 and its disks"), options.source));
    const { problems, plan } = await planClone(conn, options);
    if (!plan) throw invalidInput(format(_("$0 cannot be cloned"), options.source), problems.join(" "));
    const dropSnapshot = await takeTemporarySnapshot(conn, plan, options, control);
    let result: CloneResult;
    try {
        result = await build(conn, plan, options, control);
    } catch (error) {
        await dropSnapshot?.().catch(() => undefined);
        throw error;
    }
    // The clone is made: a snapshot that cannot be deleted is told, not a reason to remove the clone.
    const warning = await dropSnapshot?.().then(() => undefined, (error: unknown) =>
        format(_("The temporary snapshot $0 of $1 could not be deleted ($2): delete it on its Snapshots tab."),
               plan.temporarySnapshot ?? "", options.source, describeError(error).detail));
    return warning === undefined ? result : { ...result, warning };
}
