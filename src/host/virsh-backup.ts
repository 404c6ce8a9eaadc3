// libvirt's backup API through virsh (libvirt-dbus 1.4 has no backup or checkpoint calls): a push
// backup job that writes the disks as they were when it began into files of ours, checkpoints
// (qcow2 dirty bitmaps) that let the next job copy only what changed, and the job's end.
import { _, format } from "../lib/i18n.ts";
import { type ConnectionId, libvirtUri } from "../libvirt/connection.ts";
import { OperationCancelled } from "../libvirt/errors.ts";
import { xmlBuilder } from "../libvirt/xml.ts";
import { HostCommandError, runOnHost } from "./host-command.ts";
import { writeHostFile } from "./vm-archive.ts";

/** virsh's words are parsed: the C locale keeps them English whatever the user's language. */
function virsh(conn: ConnectionId, args: string[], what: string): Promise<string> {
    return runOnHost(conn, ["env", "LC_ALL=C", "virsh", "-q", "-c", libvirtUri(conn), ...args], { what });
}

export interface BackupDisk {
    target: string;
    /** Where the job writes the disk; undefined: the disk is left out (and out of the checkpoint). */
    file?: string;
}

export function backupXml(disks: readonly BackupDisk[], incrementalFrom: string | undefined): string {
    return xmlBuilder.build({
        domainbackup: {
            "@_mode": "push",
            ...(incrementalFrom !== undefined ? { incremental: incrementalFrom } : {}),
            disks: {
                disk: disks.map(d => (d.file === undefined
                    ? { "@_name": d.target, "@_backup": "no" }
                    : { "@_name": d.target, "@_backup": "yes", "@_type": "file", target: { "@_file": d.file }, driver: { "@_type": "qcow2" } })),
            },
        },
    });
}

export function checkpointXml(name: string, disks: readonly BackupDisk[]): string {
    return xmlBuilder.build({
        domaincheckpoint: {
            name,
            disks: { disk: disks.map(d => ({ "@_name": d.target, "@_checkpoint": d.file === undefined ? "no" : "bitmap" })) },
        },
    });
}

export async function listCheckpoints(conn: ConnectionId, vm: string): Promise<string[]> {
    const out = await virsh(conn, ["checkpoint-list", "--name", "--", vm], format(_("The checkpoints of $0 could not be listed"), vm));
    return out.split("\n").map(l => l.trim()).filter(Boolean);
}

export async function deleteCheckpoint(conn: ConnectionId, vm: string, name: string): Promise<void> {
    await virsh(conn, ["checkpoint-delete", "--", vm, name], format(_("The checkpoint $0 could not be deleted"), name));
}

/** "Job type:" and the other lines of domjobinfo, by name. */
export function parseJobInfo(text: string): Map<string, string> {
    return new Map(text.split("\n").flatMap(line => {
        const m = /^([^:]+):\s*(.*)$/.exec(line.trim());
        return m ? [[m[1]?.trim() ?? "", m[2]?.trim() ?? ""] as [string, string]] : [];
    }));
}

const POLL_MS = 500;
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Starts the backup job with the checkpoint at the same instant; their XML files are written into `work`. */
export async function beginBackup(conn: ConnectionId, vm: string, work: string, backup: string, checkpoint: string): Promise<void> {
    await writeHostFile(conn, `${work}/backup.xml`, backup);
    await writeHostFile(conn, `${work}/checkpoint.xml`, checkpoint);
    await virsh(conn, ["backup-begin", "--", vm, `${work}/backup.xml`, `${work}/checkpoint.xml`], format(_("The backup of $0 could not begin"), vm));
}

/** Waits for the VM's backup job to end; a failed job is an error with libvirt's words. Aborted: the job is aborted too. */
export async function waitForBackupJob(conn: ConnectionId, vm: string, signal?: AbortSignal): Promise<void> {
    const what = format(_("The backup of $0 failed"), vm);
    for (;;) {
        if (signal?.aborted) {
            await virsh(conn, ["domjobabort", "--", vm], what).catch(() => undefined);
            throw new OperationCancelled();
        }
        const active = parseJobInfo(await virsh(conn, ["domjobinfo", "--", vm], what));
        if ((active.get("Job type") ?? "None") === "None") break;
        await sleep(POLL_MS);
    }
    const done = await virsh(conn, ["domjobinfo", "--completed", "--", vm], what);
    const info = parseJobInfo(done);
    if (info.get("Job type") !== "Completed" || info.get("Operation") !== "Backup")
        throw new HostCommandError(what, done.trim() || _("libvirt reported no completed backup job"), undefined);
}
