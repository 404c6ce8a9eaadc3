// Backing up a VM into TARGET/VM/ID. A running VM through libvirt's backup job, quiesced by a
// guest agent where one runs: full, or incremental from the checkpoint of the last backup (only
// the clusters its dirty bitmaps mark, in a qcow2 whose backing file is the previous backup's).
// A shut-off VM's disks are copied whole with qemu-img (libvirt makes checkpoints of running VMs
// only). Beside the disks: the domain XML, the NVRAM and TPM state, and the manifest.
import { nvramDirectory, tpmStateDirectory } from "../../host/clone-files.ts";
import { runOnHost } from "../../host/host-command.ts";
import { hostPathKind } from "../../host/host-path.ts";
import { copyImage, imageInfo, setBackingFile } from "../../host/qemu-img.ts";
import { type BackupDisk, backupXml, beginBackup, checkpointXml, deleteCheckpoint, listCheckpoints, waitForBackupJob } from "../../host/virsh-backup.ts";
import { fileDigests, fileSize, holdWorkDirectory, writeHostFile } from "../../host/vm-archive.ts";
import { _, format } from "../../lib/i18n.ts";
import { nvramPath } from "../../libvirt/clone-xml.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { getDomainXml, XmlFlags } from "../../libvirt/domain-api.ts";
import { type DomainConfig, type DomainDisk, parseDomainXml } from "../../libvirt/domain-xml.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { beginStep, type OperationControl, throwIfCancelled, transferReporter } from "../progress.ts";
import { withQuiescedGuest } from "../snapshot-quiesce.ts";
import { findVm, vmState } from "../vms.ts";
import {
    type BackupDiskEntry, backupId, type BackupKind, type BackupManifest, backupSize, checkpointName, DOMAIN_XML_FILE, MANIFEST_FILE,
    manifestText, NVRAM_FILE, planBackup, TPM_FILE,
} from "./manifest.ts";
import { listBackups, makeDirectory, publishBackup, vmBackupDirectory } from "./store.ts";

export interface BackupRequest {
    vm: string;
    /** The backup target directory; DEFAULT_BACKUP_TARGET when undefined. */
    target?: string | undefined;
    /** A full backup even where an incremental one could be made. */
    full?: boolean | undefined;
}

export interface BackupResult {
    id: string;
    kind: BackupKind;
    directory: string;
    size: number;
    consistency: string;
    /** Why the backup is full although incremental was possible in general, or only crash-consistent. */
    notes: string[];
}

type ImageDisk = DomainDisk & { path: string };

/** The VM's writable image disks (read-only ones hold nothing to save); a disk that is no image file is refused. */
function backedUpDisks(config: DomainConfig, active: boolean): ImageDisk[] {
    const disks = config.disks.filter(d => d.device === "disk" && !d.readonly);
    const notFile = disks.find(d => d.path === undefined);
    if (notFile) throw invalidInput(format(_("Disk $0 is not an image file on the host, so it cannot be backed up"), notFile.target));
    const notQcow2 = active ? disks.find(d => d.format !== "qcow2") : undefined;
    if (notQcow2) throw invalidInput(format(_("Disk $0 is not a qcow2 image: libvirt's backups of a running virtual machine need qcow2 disks (shut it down for a full copy)"), notQcow2.target));
    return disks.filter((d): d is ImageDisk => d.path !== undefined);
}

const diskFile = (target: string) => `${target.replace(/[^\w.-]+/g, "_")}.qcow2`;

/** Runs libvirt's backup job; the checkpoint it made is deleted again when it fails. */
async function liveBackup(conn: ConnectionId, vm: string, path: string, config: DomainConfig, disks: readonly ImageDisk[], work: string,
                          id: string, parent: BackupManifest | undefined, control: OperationControl): Promise<{ consistency: string; note?: string }> {
    const running = (await vmState(conn, path, vm)) === "running";
    const jobDisks: BackupDisk[] = config.disks.filter(d => d.device === "disk").map(d => (
        disks.includes(d as ImageDisk) ? { target: d.target, file: `${work}/${diskFile(d.target)}` } : { target: d.target }));
    const checkpoint = checkpointName(id);
    beginStep(control, parent ? _("Copying what changed since the last backup") : _("Copying the disks"));
    const quiesced = await withQuiescedGuest(conn, path, running, config, () =>
        beginBackup(conn, vm, work, backupXml(jobDisks, parent?.checkpoint), checkpointXml(checkpoint, jobDisks)));
    try {
        await waitForBackupJob(conn, vm, control.signal);
        if (parent) {
            // The job names the VM's own disk as backing file: the chain must stay inside the target.
            for (const d of disks) {
                const base = parent.disks.find(p => p.target === d.target);
                await setBackingFile(conn, `${work}/${diskFile(d.target)}`, `../${parent.id}/${base?.file ?? diskFile(d.target)}`);
            }
        }
    } catch (error) {
        await deleteCheckpoint(conn, vm, checkpoint).catch(() => undefined);
        throw error;
    }
    return { consistency: quiesced.consistency, ...(quiesced.note !== undefined ? { note: quiesced.note } : {}) };
}

async function offlineCopy(conn: ConnectionId, disks: readonly ImageDisk[], work: string, control: OperationControl): Promise<void> {
    for (const [i, d] of disks.entries()) {
        const step = format(_("Copying disk $0 with qemu-img ($1 of $2)"), d.target, String(i + 1), String(disks.length));
        beginStep(control, step);
        await copyImage(conn, { source: d.path, ...(d.format ? { sourceFormat: d.format } : {}), target: `${work}/${diskFile(d.target)}`, targetFormat: "qcow2" },
                        { onBytes: transferReporter(control, step), signal: control.signal });
    }
}

/** The UEFI variables and the TPM state, where the VM has them; the names of the files written. */
async function saveFirmwareState(conn: ConnectionId, xml: string, config: DomainConfig, work: string): Promise<string[]> {
    const saved: string[] = [];
    const nvram = nvramPath(xml);
    if (nvram !== undefined && nvram.startsWith(await nvramDirectory(conn)) && await hostPathKind(conn, nvram) === "file") {
        await runOnHost(conn, ["cp", "--", nvram, `${work}/${NVRAM_FILE}`], { what: _("The UEFI variables could not be saved") });
        saved.push(NVRAM_FILE);
    }
    const tpm = config.tpm ? await tpmStateDirectory(conn, config.uuid) : undefined;
    if (tpm !== undefined && await hostPathKind(conn, tpm) === "directory") {
        await runOnHost(conn, ["tar", "-cf", `${work}/${TPM_FILE}`, "-C", tpm, "."], { what: _("The TPM state could not be saved") });
        saved.push(TPM_FILE);
    }
    return saved;
}

/** Backs the VM up; `control` hears of each step and can cancel it, which leaves nothing behind. */
export async function backupVm(conn: ConnectionId, request: BackupRequest, control: OperationControl = {}, now = new Date()): Promise<BackupResult> {
    beginStep(control, _("Checking the virtual machine"));
    const path = await findVm(conn, request.vm);
    const active = (await vmState(conn, path, request.vm)) !== "shutoff";
    const [live, inactive] = await Promise.all([getDomainXml(conn, path), getDomainXml(conn, path, XmlFlags.Inactive | XmlFlags.Secure)]);
    const config = parseDomainXml(live);
    const disks = backedUpDisks(config, active);
    if (disks.length === 0) throw invalidInput(format(_("$0 has no disk to back up"), request.vm));
    const directory = vmBackupDirectory(request.vm, request.target);
    await makeDirectory(conn, directory);
    const listed = await listBackups(conn, directory);
    const plan = planBackup(listed, active ? await listCheckpoints(conn, request.vm) : [], active, request.full === true, disks.map(d => d.target));
    const id = backupId(now, plan.kind);
    if (listed.some(b => b.id === id)) throw invalidInput(format(_("A backup $0 already exists: wait a second and try again"), id));
    const notes = plan.note !== undefined ? [plan.note] : [];
    const held = await holdWorkDirectory(conn, directory);
    const work = held.path;
    try {
        // libvirt's QEMU (another user) writes the job's files here.
        await runOnHost(conn, ["chmod", "0711", "--", work], { what: format(_("The directory $0 could not be made"), work) });
        let consistency = "shut-off";
        if (active) {
            const done = await liveBackup(conn, request.vm, path, config, disks, work, id, plan.parent, control);
            consistency = done.consistency;
            if (done.note !== undefined) notes.push(done.note);
        } else {
            await offlineCopy(conn, disks, work, control);
        }
        beginStep(control, _("Writing the manifest"));
        await runOnHost(conn, ["rm", "-f", "--", `${work}/backup.xml`, `${work}/checkpoint.xml`], { what: _("The backup could not be written") });
        await writeHostFile(conn, `${work}/${DOMAIN_XML_FILE}`, inactive);
        const entries: BackupDiskEntry[] = [];
        for (const d of disks) entries.push({ target: d.target, file: diskFile(d.target), virtualSize: (await imageInfo(conn, `${work}/${diskFile(d.target)}`)).virtualSize });
        const names = [...entries.map(e => e.file), DOMAIN_XML_FILE, ...await saveFirmwareState(conn, inactive, config, work)];
        const digests = await fileDigests(conn, work, names, "SHA256");
        const files = [];
        for (const name of names) files.push({ name, sha256: digests.get(name) ?? "", size: await fileSize(conn, `${work}/${name}`) });
        const manifest: BackupManifest = {
            version: 1, id, vm: request.vm, kind: plan.kind, ...(plan.parent ? { parent: plan.parent.id } : {}), time: now.toISOString(),
            ...(active ? { checkpoint: checkpointName(id) } : {}), consistency, disks: entries, files,
        };
        await writeHostFile(conn, `${work}/${MANIFEST_FILE}`, manifestText(manifest));
        throwIfCancelled(control);
        await publishBackup(conn, work, directory, id);
        return { id, kind: plan.kind, directory: `${directory}/${id}`, size: backupSize(manifest), consistency, notes };
    } finally {
        await held.release();
    }
}
