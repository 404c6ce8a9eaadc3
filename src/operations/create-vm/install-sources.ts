// The steps of Create VM that belong to two install sources:
// - a cloud image: copied into a new volume of the chosen size (the image itself is never
//   booted), plus a NoCloud seed volume (user-data, meta-data) attached as a CD-ROM;
// - a network install tree: its kernel and initrd downloaded for a direct kernel boot.
// The checks run before anything is made; each thing made registers how to remove it.
import { hashPassword, writeNoCloudSeed } from "../../host/cloud-init-seed.ts";
import { userHome } from "../../host/host-path.ts";
import { downloadBootFile, type InstallTree, removeHostFiles } from "../../host/install-tree-fetch.ts";
import { _, format } from "../../lib/i18n.ts";
import { plainName, seedImageName } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { volumeXml } from "../../libvirt/device-xml.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { INSTALL_FILE_PREFIX, installBootDir } from "../../libvirt/kernel-boot.ts";
import type { NewVmSpec } from "../../libvirt/new-domain-xml.ts";
import { getStoragePool, lookupStoragePool, refreshStoragePool } from "../../libvirt/storage-pool-api.ts";
import { cloneVolume, createVolume, deleteVolume, findVolume, resizeVolume, volumeInfo } from "../../libvirt/storage-volume-api.ts";
import { FILE_POOLS } from "../pools.ts";
import type { Undo } from "../progress.ts";
import { buildMetaData, buildUserData, hostnameFor, sshKeyLines } from "./cloud-init.ts";
import type { CreateVmForm } from "./create-vm-form.ts";

const GiB = 1024 ** 3;

/** For the review, before they exist: where the seed (named after the VM's file stem) and the
 *  installer's kernel will be (the kernel's arguments from the tree are known only once it has been read). */
export function installPreview(connection: ConnectionId, form: CreateVmForm, poolDir: string, stem: string): Pick<NewVmSpec, "extraCdroms" | "kernelBoot"> {
    if (form.source === "cloud") return { extraCdroms: [`${poolDir}/${seedImageName(stem)}`] };
    if (form.source !== "url") return {};
    const boot = `${installBootDir(connection, "~")}/${INSTALL_FILE_PREFIX}${plainName(form.name)}-…`;
    return { kernelBoot: { kernel: `${boot}-vmlinuz`, initrd: `${boot}-initrd`, cmdline: `… ${form.treeArgs}`.trim() } };
}

interface CloudPlan {
    pool: string;
    image: string;
}

/** The image must be a volume libvirt knows, no bigger than the new disk; the pool must hold files. */
export async function planCloudImage(connection: ConnectionId, form: CreateVmForm): Promise<CloudPlan> {
    const image = await findVolume(connection, form.sourcePath);
    if (!image) {
        throw invalidInput(format(_("$0 is not a volume of an active storage pool."), form.sourcePath),
                           _("Put the cloud image into a storage pool's directory (e.g. /var/lib/libvirt/images) so that libvirt can copy it."));
    }
    const { capacity } = await volumeInfo(connection, image);
    if (capacity > form.diskGiB * GiB)
        throw invalidInput(format(_("The cloud image is $0 GiB: the new disk must be at least that big."), Math.ceil(capacity / GiB)));
    const pool = await lookupStoragePool(connection, form.pool);
    const { type } = await getStoragePool(connection, pool);
    if (!FILE_POOLS.includes(type))
        throw invalidInput(format(_("The storage pool $0 ($1) cannot hold the cloud-init seed image: choose a directory pool."), form.pool, type));
    return { pool, image };
}

async function userData(connection: ConnectionId, form: CreateVmForm, hostname: string): Promise<string> {
    const ci = form.cloudInit;
    if (ci.customUserData.trim() !== "") return ci.customUserData;
    return buildUserData({
        userName: ci.userName,
        passwordHash: ci.password ? await hashPassword(connection, ci.password) : undefined,
        sshKeys: sshKeyLines(ci.sshKeys),
        hostname,
    });
}

/** The VM's disk (a copy of the image, grown to the chosen size) and its seed CD-ROM, named after `stem`. */
export async function makeCloudVolumes(connection: ConnectionId, form: CreateVmForm, plan: CloudPlan, stem: string, undo: Undo):
    Promise<{ diskPath: string; install: Pick<NewVmSpec, "extraCdroms"> }> {
    const hostname = form.cloudInit.hostname.trim() || hostnameFor(form.name);
    const documents = {
        "user-data": await userData(connection, form, hostname),
        "meta-data": buildMetaData(`${plainName(form.name)}-${Date.now().toString(36)}`, hostname),
    };
    const disk = await cloneVolume(connection, plan.pool, plan.image, volumeXml(`${stem}.${form.diskFormat}`, form.diskGiB * GiB, form.diskFormat));
    undo.push(() => deleteVolume(connection, disk.object));
    // libvirt copies the image at its own size: grow the copy to the chosen one.
    if ((await volumeInfo(connection, disk.object)).capacity < form.diskGiB * GiB) await resizeVolume(connection, disk.path, form.diskGiB * GiB);

    const seed = await createVolume(connection, plan.pool, volumeXml(seedImageName(stem), 1024 * 1024, "raw"));
    undo.push(() => deleteVolume(connection, seed.object));
    await writeNoCloudSeed(connection, seed.path, documents);
    await refreshStoragePool(connection, plan.pool);
    return { diskPath: disk.path, install: { extraCdroms: [seed.path] } };
}

/** Downloads the installer's kernel and initrd for the VM's first boot. */
export async function fetchInstallTree(connection: ConnectionId, form: CreateVmForm, tree: InstallTree, undo: Undo):
    Promise<Pick<NewVmSpec, "kernelBoot">> {
    const dir = installBootDir(connection, connection === "session" ? await userHome() : "");
    const stem = `${dir}/${INSTALL_FILE_PREFIX}${plainName(form.name)}-${Date.now().toString(36)}`;
    const kernel = `${stem}-vmlinuz`;
    const initrd = `${stem}-initrd`;
    undo.push(() => removeHostFiles(connection, [kernel, initrd]));
    await downloadBootFile(connection, tree.kernelUrl, kernel);
    await downloadBootFile(connection, tree.initrdUrl, initrd);
    return { kernelBoot: { kernel, initrd, cmdline: tree.cmdline } };
}
