// A VM's backups as the page and kvmm see them: listed with kind and size, verified against
// their manifests' checksums, and pruned to the newest chains.
import { deleteCheckpoint } from "../../host/virsh-backup.ts";
import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { type BackupKind, type BackupManifest, backupSize, chainOf, pruneSelection } from "./manifest.ts";
import { damagedFiles, deleteBackupDirectory, listBackups, vmBackupDirectory } from "./store.ts";

export interface BackupRow {
    id: string;
    time?: string;
    kind?: BackupKind;
    parent?: string;
    size?: number;
    consistency?: string;
    /** Why the backup cannot be used. */
    problem?: string;
}

export async function vmBackups(conn: ConnectionId, vm: string, target?: string): Promise<BackupRow[]> {
    const listed = await listBackups(conn, vmBackupDirectory(vm, target));
    return listed.map(b => {
        const m = b.manifest;
        if (!m) return { id: b.id, problem: b.problem ?? "" };
        const chain = chainOf(listed, b.id);
        return {
            id: b.id, time: m.time, kind: m.kind, ...(m.parent !== undefined ? { parent: m.parent } : {}), size: backupSize(m), consistency: m.consistency,
            ...(typeof chain === "string" ? { problem: chain } : {}),
        };
    });
}

export interface Verification {
    /** The backups checked: the one asked for and those it builds on. */
    checked: string[];
    /** "ID/file" of every missing or damaged file. */
    damaged: string[];
}

/** Re-reads every file of the backup and of those it builds on against the manifests' checksums. */
export async function verifyBackup(conn: ConnectionId, vm: string, id: string, target?: string): Promise<Verification> {
    const directory = vmBackupDirectory(vm, target);
    const chain = chainOf(await listBackups(conn, directory), id);
    if (typeof chain === "string") throw invalidInput(chain);
    const damaged: string[] = [];
    for (const m of chain) damaged.push(...(await damagedFiles(conn, directory, m)).map(f => `${m.id}/${f}`));
    return { checked: chain.map(m => m.id), damaged };
}

/** The chain needed to restore `id`, every file of it checked; a damaged one is refused in words. */
export async function verifiedChain(conn: ConnectionId, directory: string, id: string): Promise<BackupManifest[]> {
    const chain = chainOf(await listBackups(conn, directory), id);
    if (typeof chain === "string") throw invalidInput(chain);
    for (const m of chain) {
        const damaged = await damagedFiles(conn, directory, m);
        if (damaged.length > 0) throw invalidInput(format(_("Backup $0 is damaged: $1 no longer matches its checksum"), m.id, damaged.join(", ")));
    }
    return chain;
}

/** Deletes all but the newest `keep` full backups and the incremental ones built on them; the ids deleted. */
export async function pruneBackups(conn: ConnectionId, vm: string, keep: number, target?: string): Promise<string[]> {
    const directory = vmBackupDirectory(vm, target);
    const listed = await listBackups(conn, directory);
    const doomed = pruneSelection(listed, keep);
    for (const id of doomed) {
        await deleteBackupDirectory(conn, directory, id);
        const checkpoint = listed.find(b => b.id === id)?.manifest?.checkpoint;
        // Each checkpoint is a bitmap QEMU updates on every write: those of deleted backups go too.
        if (checkpoint !== undefined) await deleteCheckpoint(conn, vm, checkpoint).catch(() => undefined);
    }
    return doomed;
}
