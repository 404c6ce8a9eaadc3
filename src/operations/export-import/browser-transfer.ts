// Export and import through the user's browser. Import: the file is uploaded into a working
// directory of the user's under /var/tmp (after a check that it fits), imported from there by
// importVm, and removed whatever happens. Export: exportVm writes into such a directory, the
// browser downloads the file, and the directory is removed once the host serves it.
import { downloadFromHost, freeBytes, uploadToHost } from "../../host/browser-files.ts";
import { fileSize, holdWorkDirectory } from "../../host/vm-archive.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import { plainName } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { beginStep, type OperationControl, transferReporter } from "../progress.ts";
import { type ExportRequest, exportVm } from "./export-vm.ts";
import { importKind } from "./import-source.ts";
import { type ImportRequest, type ImportResult, importVm } from "./import-vm.ts";

/** Uploads and downloads wait here: import unpacks archives here too, and it is not a pool. */
export const TRANSFER_DIRECTORY = "/var/tmp";

/** A browser's file to upload: its name and bytes (a File is one). */
export interface UploadFile extends Blob {
    readonly name: string;
}

/** The name an uploaded file gets on the host: the browser's name without directories, leading dots or control characters. */
export function safeUploadName(name: string): string {
    return (name.split(/[\\/]/).pop() ?? "").replace(/\p{Cc}/gu, "").replace(/^\.+/, "").trim() || "upload";
}

/** As safeUploadName; an OVF is refused: its disks are separate files. */
export function uploadFileName(name: string): string {
    const base = safeUploadName(name);
    if (importKind(base) === "ovf") throw invalidInput(_("An OVF descriptor refers to disk files beside it: upload an OVA, or put the files on the host and import the OVF from there"));
    return base;
}

/** Bytes an upload needs in TRANSFER_DIRECTORY: an archive is unpacked beside itself. */
export function uploadSpaceNeeded(name: string, size: number): number {
    return importKind(name) === "archive" ? 2 * size : size;
}

async function checkSpace(conn: ConnectionId, file: UploadFile, needed: number): Promise<void> {
    const free = await freeBytes(conn, TRANSFER_DIRECTORY);
    if (needed > free) {
        throw invalidInput(format(_("$0 does not fit on the host: it needs $1 in $2, which has $3 free"), file.name, formatBytes(needed), TRANSFER_DIRECTORY, formatBytes(free)));
    }
}

/**
 * Uploads `file` as `name` into a working directory of the user's (after checking that `needed`
 * bytes fit there), hands its host path to `consume`, and removes it whatever happens.
 */
export async function withUploadedFile<R>(conn: ConnectionId, file: UploadFile, name: string, needed: number, control: OperationControl,
                                          consume: (path: string) => Promise<R>): Promise<R> {
    beginStep(control, _("Checking the free space on the host"));
    await checkSpace(conn, file, needed);
    // The user's own directory: the upload is written as the user (see uploadToHost).
    const held = await holdWorkDirectory(conn, TRANSFER_DIRECTORY, false);
    try {
        const step = format(_("Uploading $0"), file.name);
        beginStep(control, step);
        const report = transferReporter(control, step);
        const path = `${held.path}/${name}`;
        await uploadToHost(path, file, { onBytes: done => report(done, file.size), signal: control.signal });
        return await consume(path);
    } finally {
        await held.release();
    }
}

/** Uploads `file` and imports it as importVm does; nothing of the upload stays on the host. */
export async function importUpload(conn: ConnectionId, file: UploadFile, request: Omit<ImportRequest, "file">, control: OperationControl = {}): Promise<ImportResult> {
    const name = uploadFileName(file.name);
    return withUploadedFile(conn, file, name, uploadSpaceNeeded(name, file.size), control, path => importVm(conn, { ...request, file: path }, control));
}

/** Exports as exportVm does and has the browser download the file; nothing stays on the host. */
export async function exportDownload(conn: ConnectionId, request: Omit<ExportRequest, "target">, control: OperationControl = {}): Promise<string> {
    const held = await holdWorkDirectory(conn, TRANSFER_DIRECTORY);
    try {
        const name = `${plainName(request.vm)}.${request.format === "ova" ? "ova" : "tar"}`;
        const target = `${held.path}/${name}`;
        await exportVm(conn, { ...request, target }, control);
        beginStep(control, _("Starting the download"));
        // Once the host serves it, the download is the browser's: it shows it and can cancel it.
        await downloadFromHost(conn, target, name, await fileSize(conn, target), control.signal);
        return name;
    } finally {
        await held.release();
    }
}
