// Creating the VM: check what only the host can tell, make the disk, define the domain, start
// it. Whatever a failed step leaves behind (the new volume, the definition) is removed again.
import { checkReadableFile } from "../../host/host-path.ts";
import { probeImageFormat } from "../../host/image-format.ts";
import { findInstallTree } from "../../host/install-tree-fetch.ts";
import { _, format } from "../../lib/i18n.ts";
import { freeFileStem, newFileSuffixes } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { volumeXml } from "../../libvirt/device-xml.ts";
import { defineDomain, startDomain, undefineDomain } from "../../libvirt/domain-api.ts";
import type { DomainCapabilities } from "../../libvirt/domain-capabilities.ts";
import { describeError, LibvirtError } from "../../libvirt/errors.ts";
import { buildNewDomainXml } from "../../libvirt/new-domain-xml.ts";
import { lookupStoragePool } from "../../libvirt/storage-pool-api.ts";
import { createVolume, deleteVolume, listVolumes } from "../../libvirt/storage-volume-api.ts";
import { beginStep, type OperationControl, throwIfCancelled, type Undo, undoAndRethrow } from "../progress.ts";
import { type CreateVmForm, formToSpec } from "./create-vm-form.ts";
import { fetchInstallTree, makeCloudVolumes, planCloudImage} from "./install-sources.ts";

const GiB = 1024 ** 3;

/** The stem of the files the VM gets in its pool, free in the pool as it is now; "" when the
 *  VM gets none there. */
async function newFileStem(connection: ConnectionId, form: CreateVmForm, pool: string): Promise<string> {
    const taken = new Set((await listVolumes(connection, pool)).map(v => v.name));
    return freeFileStem(form.name, newFileSuffixes(form.diskFormat, form.source === "cloud"), taken);
}

/** Runs one step; a failure libvirt gave no more specific meaning is named after the step. */
export async function step<T>(summary: string, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (error) {
        const e = describeError(error);
        throw new LibvirtError(e.kind === "libvirt" ? { ...e, summary } : e);
    }
}

/** Makes the VM the form describes; `control` hears of each step and can cancel between them. */
export async function createVm(connection: ConnectionId, form: CreateVmForm, caps: DomainCapabilities, control: OperationControl = {}): Promise<void> {
    beginStep(control, _("Checking the installation source"));
    if (form.source === "iso") await checkReadableFile(connection, form.sourcePath);
    const importFormat = form.source === "import" ? await probeImageFormat(connection, form.sourcePath) : undefined;
    const cloud = form.source === "cloud" ? await planCloudImage(connection, form) : undefined;
    const tree = form.source === "url" ? await findInstallTree(connection, form.treeUrl, form.treeArgs) : undefined;
    const undo: Undo = [];
    try {
        let diskPath: string | undefined;
        let install = {};
        if (cloud) {
            beginStep(control, _("Copying the cloud image"));
            ({ diskPath, install } = await makeCloudVolumes(connection, form, cloud, await newFileStem(connection, form, cloud.pool), undo));
        } else if (form.source !== "import" && form.diskGiB > 0) {
            beginStep(control, _("Creating the disk"));
            const volume = await step(format(_("The disk could not be created in the storage pool $0"), form.pool), async () => {
                const pool = await lookupStoragePool(connection, form.pool);
                const stem = await newFileStem(connection, form, pool);
                return createVolume(connection, pool, volumeXml(`${stem}.${form.diskFormat}`, form.diskGiB * GiB, form.diskFormat));
            });
            undo.push(() => deleteVolume(connection, volume.object));
            diskPath = volume.path;
        }
        if (tree) {
            beginStep(control, _("Downloading the installer"));
            install = await fetchInstallTree(connection, form, tree, undo);
        }
        beginStep(control, _("Defining the virtual machine"));
        const path = await step(_("The virtual machine could not be defined"),
                                () => defineDomain(connection, buildNewDomainXml(formToSpec(form, caps, diskPath, install, importFormat))));
        undo.push(() => undefineDomain(connection, path));
        if (form.runAfter) {
            beginStep(control, _("Starting the virtual machine"));
            await step(_("The virtual machine could not be started, so it was not kept"), () => startDomain(connection, path));
        }
        // Cancelled during the last step: nothing of it is kept either.
        throwIfCancelled(control);
    } catch (error) {
        await undoAndRethrow(undo, error, control);
    }
}
