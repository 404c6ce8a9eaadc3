// Upload from the browser into a storage pool, and download of a volume to the browser. The
// upload is checked against the pool's free space and its volume names first, staged in the
// user's working directory (see browser-transfer.ts), then written into a new volume of its
// size; a failure or a cancel removes the new volume and the staged file.
import { downloadFromHost } from "../host/browser-files.ts";
import { fileSize } from "../host/vm-archive.ts";
import { writeIntoVolume } from "../host/volume-files.ts";
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { refreshStoragePool } from "../libvirt/storage-pool-api.ts";
import { createVolume, deleteVolume, listVolumes, type VolumeSummary } from "../libvirt/storage-volume-api.ts";
import { newVolumeXml } from "../libvirt/volume-xml.ts";
import { safeUploadName, type UploadFile, withUploadedFile } from "./export-import/browser-transfer.ts";
import { activePool } from "./pools.ts";
import { beginStep, type OperationControl, transferReporter } from "./progress.ts";
import { spaceProblem, volumeNameProblem } from "./storage-volumes.ts";

/** Copies the host file `source` into a new volume `name` of the pool: the bytes as they are (an ISO, a qcow2 or raw image). */
export async function importFileIntoPool(conn: ConnectionId, poolName: string, source: string, name: string, size: number,
                                         control: OperationControl = {}): Promise<VolumeSummary> {
    const pool = await activePool(conn, poolName);
    const step = _("Writing into the storage pool");
    beginStep(control, step);
    const volume = await createVolume(conn, pool.path, newVolumeXml({ name, format: "raw", capacity: size, sparse: false }));
    try {
        const report = transferReporter(control, step);
        await writeIntoVolume(conn, source, volume.path, { onBytes: done => report(done, size), signal: control.signal });
    } catch (error) {
        await deleteVolume(conn, volume.object).catch(() => undefined);
        throw error;
    }
    // A file pool finds the image's format (qcow2, iso…) and virtual size in what was written.
    await refreshStoragePool(conn, pool.path);
    return (await listVolumes(conn, pool.path)).find(v => v.name === name) ?? volume;
}

/** Refused before anything is sent when the name is taken or the file does not fit the pool. */
export async function checkPoolUpload(conn: ConnectionId, poolName: string, name: string, size: number): Promise<void> {
    const pool = await activePool(conn, poolName);
    const taken = (await listVolumes(conn, pool.path)).map(v => v.name);
    const problem = volumeNameProblem(name, taken) ?? spaceProblem(size, pool.available);
    if (problem) throw invalidInput(problem);
}

/** Uploads the browser's file into the pool as a new volume named after it (or `name`). */
export async function uploadToPool(conn: ConnectionId, poolName: string, file: UploadFile, name = safeUploadName(file.name),
                                   control: OperationControl = {}): Promise<VolumeSummary> {
    await checkPoolUpload(conn, poolName, name, file.size);
    return withUploadedFile(conn, file, name, file.size, control, path => importFileIntoPool(conn, poolName, path, name, file.size, control));
}

/** Has the browser download the volume's file; block volumes (LVM, disks, iSCSI) are refused. */
export async function downloadVolume(conn: ConnectionId, volume: Pick<VolumeSummary, "name" | "path" | "type">, signal?: AbortSignal): Promise<void> {
    if (volume.type !== 0) throw invalidInput(format(_("$0 is a block device, not a file: only file volumes can be downloaded"), volume.name));
    await downloadFromHost(conn, volume.path, volume.name, await fileSize(conn, volume.path), signal);
}
