// A backup's manifest and the chains backups form: a full backup, then incremental ones each
// holding only what changed since the one before (its parent). Pure, so the rules are unit-tested.
import { _, format } from "../../lib/i18n.ts";

export type BackupKind = "full" | "incremental";

export const MANIFEST_FILE = "manifest.json";
export const DOMAIN_XML_FILE = "domain.xml";
export const NVRAM_FILE = "nvram.fd";
export const TPM_FILE = "tpm-state.tar";

export interface BackupDiskEntry {
    /** The disk's target in the VM (vda). */
    target: string;
    /** Its image in the backup, a qcow2 file (an incremental one's backing file is its parent's). */
    file: string;
    virtualSize: number;
}

export interface BackupManifest {
    version: 1;
    id: string;
    vm: string;
    kind: BackupKind;
    /** The backup an incremental one builds on. */
    parent?: string;
    /** ISO time the backup's point in time was taken. */
    time: string;
    /** libvirt checkpoint marking this backup's point in time; the next incremental backup starts there. */
    checkpoint?: string;
    /** How the disks were made consistent (see snapshot-quiesce.ts). */
    consistency: string;
    disks: BackupDiskEntry[];
    /** Every file of the backup but the manifest, with its SHA-256. */
    files: { name: string; sha256: string; size: number }[];
}

/** A backup found in the target: its manifest, or why it cannot be read. */
export interface ListedBackup {
    id: string;
    manifest?: BackupManifest;
    problem?: string;
}

const ID = /^\d{8}T\d{6}Z-(full|incremental)$/;

export function isBackupId(id: string): boolean {
    return ID.test(id);
}

/** 20261204T173500Z-full: sorts by time, says its kind. */
export function backupId(time: Date, kind: BackupKind): string {
    return `${time.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${kind}`;
}

export function checkpointName(id: string): string {
    return `kvmm-${id}`;
}

export function backupSize(manifest: BackupManifest): number {
    return manifest.files.reduce((sum, f) => sum + f.size, 0);
}

/** The manifest in a file, or why it is not one. */
export function parseManifest(text: string, id: string): BackupManifest | string {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return _("The manifest is not valid JSON");
    }
    const m = value as Partial<BackupManifest> | null;
    if (typeof m !== "object" || m === null || m.version !== 1 || m.id !== id || (m.kind !== "full" && m.kind !== "incremental")
        || typeof m.time !== "string" || !Array.isArray(m.disks) || !Array.isArray(m.files))
        return _("The manifest is not one of a KVM Manager backup");
    if (m.kind === "incremental" && typeof m.parent !== "string") return _("The manifest of an incremental backup names no parent");
    return m as BackupManifest;
}

export function manifestText(manifest: BackupManifest): string {
    return `${JSON.stringify(manifest, null, 2)}\n`;
}

const good = (backups: readonly ListedBackup[]) => backups.flatMap(b => (b.manifest ? [b.manifest] : []));

/** The backups needed to restore `id`, the full one first; a problem when one of them is missing. */
export function chainOf(backups: readonly ListedBackup[], id: string): BackupManifest[] | string {
    const byId = new Map(good(backups).map(m => [m.id, m]));
    const chain: BackupManifest[] = [];
    let current: string | undefined = id;
    while (current !== undefined) {
        const manifest = byId.get(current);
        if (!manifest) {
            return chain.length === 0 ? format(_("There is no backup $0"), id)
                : format(_("Backup $0 builds on $1, which is missing or damaged"), chain[0]?.id ?? id, current);
        }
        if (chain.some(m => m.id === manifest.id)) return format(_("The backups of $0 form a loop"), id);
        chain.unshift(manifest);
        current = manifest.kind === "incremental" ? manifest.parent : undefined;
    }
    return chain;
}

export interface BackupPlan {
    kind: BackupKind;
    parent?: BackupManifest;
    /** Why a full backup is made although an incremental one was asked for. */
    note?: string;
}

/**
 * Incremental when the VM runs and the newest good backup's checkpoint is still one of the VM's
 * (its dirty bitmaps say what changed since); a full backup otherwise, saying why.
 */
export function planBackup(backups: readonly ListedBackup[], checkpoints: readonly string[], running: boolean, wantFull: boolean,
                           targets: readonly string[]): BackupPlan {
    if (wantFull) return { kind: "full" };
    const last = good(backups).sort((a, b) => a.id.localeCompare(b.id)).at(-1);
    if (!last) return { kind: "full", note: _("There is no earlier backup: this one is full") };
    if (!running) return { kind: "full", note: _("The virtual machine is shut off: its disks are copied whole with qemu-img, so this backup is full") };
    if (last.checkpoint === undefined || !checkpoints.includes(last.checkpoint))
        return { kind: "full", note: _("The virtual machine no longer has the checkpoint of the last backup: this one is full") };
    const same = last.disks.length === targets.length && last.disks.every(d => targets.includes(d.target));
    if (!same) return { kind: "full", note: _("The disks changed since the last backup: this one is full") };
    return { kind: "incremental", parent: last };
}

/** The backups to delete to keep the newest `keep` full ones with the incremental ones built on them. */
export function pruneSelection(backups: readonly ListedBackup[], keep: number): string[] {
    const manifests = good(backups).sort((a, b) => a.id.localeCompare(b.id));
    const fulls = manifests.filter(m => m.kind === "full");
    const kept = new Set(fulls.slice(Math.max(0, fulls.length - keep)).map(m => m.id));
    const keptChain = (m: BackupManifest): boolean => {
        const chain = chainOf(backups, m.id);
        return typeof chain !== "string" && kept.has(chain[0]?.id ?? "");
    };
    // Damaged backups and incremental ones whose chain is broken are left for the user to look at.
    return manifests.filter(m => typeof chainOf(backups, m.id) !== "string" && !keptChain(m)).map(m => m.id);
}
