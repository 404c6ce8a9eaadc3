// Where a VM's backups live on the host: one directory per backup (named by its id) under
// TARGET/VM, each with its manifest. A backup is written into a hidden working directory and
// renamed to its id only when complete, so a cut-off backup is never listed.
import { runOnHost } from "../../host/host-command.ts";
import { fileDigests } from "../../host/vm-archive.ts";
import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { type BackupManifest, isBackupId, type ListedBackup, MANIFEST_FILE, parseManifest } from "./manifest.ts";

export const DEFAULT_BACKUP_TARGET = "/var/lib/kvm-manager/backups";

/** The directory of the VM's backups in `target` (the default target when undefined). */
export function vmBackupDirectory(vm: string, target: string | undefined): string {
    const root = (target ?? DEFAULT_BACKUP_TARGET).replace(/\/+$/, "");
    if (!root.startsWith("/")) throw invalidInput(format(_("$0 is not an absolute path"), root));
    return `${root}/${vm}`;
}

const SEPARATOR = "@@kvmm-backup@@";

// Every backup's manifest in one run; hidden working directories are not matched by the glob.
const READ_MANIFESTS = `for d in "$1"/*/; do [ -d "$d" ] || continue; n=$(basename "$d"); echo "${SEPARATOR} $n"; cat "$d/${MANIFEST_FILE}" 2>/dev/null; done`;

/** The backups in the VM's directory, oldest first; none when it does not exist yet. */
export async function listBackups(conn: ConnectionId, directory: string): Promise<ListedBackup[]> {
    const out = await runOnHost(conn, ["sh", "-c", READ_MANIFESTS, "sh", directory], { what: format(_("The backups in $0 could not be listed"), directory) });
    const listed: ListedBackup[] = [];
    for (const part of out.split(`${SEPARATOR} `).slice(1)) {
        const cut = part.indexOf("\n");
        const id = (cut < 0 ? part : part.slice(0, cut)).trim();
        if (!isBackupId(id)) continue;
        const text = cut < 0 ? "" : part.slice(cut + 1);
        const manifest = text.trim() === "" ? _("The backup has no manifest") : parseManifest(text, id);
        listed.push(typeof manifest === "string" ? { id, problem: manifest } : { id, manifest });
    }
    return listed.sort((a, b) => a.id.localeCompare(b.id));
}

export async function makeDirectory(conn: ConnectionId, directory: string): Promise<void> {
    await runOnHost(conn, ["mkdir", "-p", "--", directory], { what: format(_("The directory $0 could not be made"), directory) });
}

/** Gives the finished working directory its backup's name. */
export async function publishBackup(conn: ConnectionId, work: string, directory: string, id: string): Promise<void> {
    await runOnHost(conn, ["mv", "-T", "--", work, `${directory}/${id}`], { what: format(_("The backup $0 could not be saved"), id) });
}

export async function deleteBackupDirectory(conn: ConnectionId, directory: string, id: string): Promise<void> {
    if (!isBackupId(id)) throw invalidInput(format(_("There is no backup $0"), id));
    await runOnHost(conn, ["rm", "-rf", "--", `${directory}/${id}`], { what: format(_("The backup $0 could not be deleted"), id) });
}

/** The files of a backup that are missing or do not match their checksum; empty when it is whole. */
export async function damagedFiles(conn: ConnectionId, directory: string, manifest: BackupManifest): Promise<string[]> {
    const dir = `${directory}/${manifest.id}`;
    const present = new Set((await runOnHost(conn, ["ls", "-A", "--", dir], { what: format(_("The backup $0 could not be read"), manifest.id) }))
        .split("\n").filter(Boolean));
    const missing = manifest.files.filter(f => !present.has(f.name)).map(f => f.name);
    const digests = await fileDigests(conn, dir, manifest.files.filter(f => present.has(f.name)).map(f => f.name), "SHA256");
    return [...missing, ...manifest.files.filter(f => present.has(f.name) && digests.get(f.name) !== f.sha256).map(f => f.name)];
}
