// Snapshots: whether a VM can have them at all, names, the order of the list (each snapshot under
// the one it was taken from), and taking, reverting and deleting them by VM and snapshot name.
import type { DescribedError } from "../lib/described-error.ts";
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { type DomainRef, getDomainXml } from "../libvirt/domain-api.ts";
import { type DomainConfig, parseDomainXml } from "../libvirt/domain-xml.ts";
import { describeError, invalidInput, LibvirtError } from "../libvirt/errors.ts";
import { createSnapshot, deleteSnapshot, listSnapshots, revertToSnapshot, type Snapshot } from "../libvirt/snapshot-api.ts";
import { newSnapshotXml, type SnapshotInfo } from "../libvirt/snapshot-xml.ts";
import { isScheduledSnapshot, scheduledSnapshotName } from "./schedule-units.ts";
import { type SnapshotConsistency, thawAfterRevert, withQuiescedGuest } from "./snapshot-quiesce.ts";
import { findVm, vmState } from "./vms.ts";

/**
 * Snapshots are kept inside the VM's disk images (qcow2 internal snapshots, what virsh
 * snapshot-create makes): a writable disk in another format makes libvirt refuse them.
 */
export function snapshotBlocker(config: DomainConfig): string | undefined {
    const disk = config.disks.find(d => d.device === "disk" && !d.readonly && d.format !== undefined && d.format !== "qcow2");
    return disk && format(_("Snapshots are kept inside the VM's disk images, which must be in qcow2 format: disk $0 is $1."), disk.target, disk.format ?? "");
}

export function checkSnapshotName(name: string, taken: readonly string[]): string | null {
    if (name.trim() === "") return _("Enter a name.");
    if (name.includes("/")) return _("A name cannot contain '/'.");
    if (taken.includes(name)) return _("There is already a snapshot with this name.");
    return null;
}

/** "snapshot-2026-11-26-1024" in local time, with a number added if taken. */
export function defaultSnapshotName(now: Date, taken: readonly string[]): string {
    const pad = (n: number): string => String(n).padStart(2, "0");
    const base = `snapshot-${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
    let name = base;
    for (let i = 2; taken.includes(name); i++) name = `${base}-${String(i)}`;
    return name;
}

export interface SnapshotRow<T extends SnapshotInfo> {
    snapshot: T;
    /** How many ancestors it has in the list. */
    depth: number;
}

/** Oldest first, each snapshot followed by those taken from it (a tree, as virt-manager and Proxmox show it). */
export function snapshotRows<T extends SnapshotInfo>(list: readonly T[]): SnapshotRow<T>[] {
    const names = new Set(list.map(s => s.name));
    const byAge = [...list].sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
    const rows: SnapshotRow<T>[] = [];
    const placed = new Set<T>();
    const visit = (parent: string | undefined, depth: number): void => {
        for (const s of byAge) {
            // A parent missing from the list (deleted metadata) makes the snapshot a root.
            const own = s.parent !== undefined && names.has(s.parent) ? s.parent : undefined;
            if (own !== parent || placed.has(s)) continue;
            placed.add(s);
            rows.push({ snapshot: s, depth });
            visit(s.name, depth + 1);
        }
    };
    visit(undefined, 0);
    // Parents that form a loop reach no root: list them rather than lose them.
    for (const s of byAge) {
        if (!placed.has(s)) {
            placed.add(s);
            rows.push({ snapshot: s, depth: 0 });
        }
    }
    return rows;
}

/** libvirt's failures of a snapshot action, summed up as what did not happen. */
export function describeSnapshotError(failed: string): (error: unknown) => DescribedError {
    return error => {
        const described = describeError(error);
        return described.kind === "libvirt" ? { ...described, summary: failed } : described;
    };
}

/** The VM's snapshots by VM name, in the order the Snapshots tab lists them. */
export async function vmSnapshots(conn: ConnectionId, vmName: string): Promise<SnapshotRow<Snapshot>[]> {
    return snapshotRows(await listSnapshots(conn, await findVm(conn, vmName)));
}

async function snapshotNamed(conn: ConnectionId, vmName: string, name: string): Promise<Snapshot> {
    const found = (await listSnapshots(conn, await findVm(conn, vmName))).find(s => s.name === name);
    if (!found) throw invalidInput(format(_("$0 has no snapshot named $1"), vmName, name));
    return found;
}

/** What the VM runs now, for choosing how to quiesce it. */
async function liveState(vm: DomainRef, path: string): Promise<{ running: boolean; live: DomainConfig }> {
    const [state, xml] = await Promise.all([vmState(vm.connection, path, vm.name), getDomainXml(vm.connection, path)]);
    // A paused guest cannot answer its agent: it gets a snapshot of its memory as it is.
    return { running: state === "running", live: parseDomainXml(xml) };
}

export interface TakenSnapshot {
    name: string;
    consistency: SnapshotConsistency;
    /** Why it is only crash-consistent although an agent was there. */
    note?: string;
}

/** Takes a snapshot (a name is proposed when none is given), quiesced where a guest agent runs. */
export async function takeSnapshot(vm: DomainRef, name: string | undefined, description = "", now = new Date()): Promise<TakenSnapshot> {
    const path = vm.path ?? await findVm(vm.connection, vm.name);
    const taken = (await listSnapshots(vm.connection, path)).map(s => s.name);
    const chosen = name ?? defaultSnapshotName(now, taken);
    const problem = checkSnapshotName(chosen, taken);
    if (problem) throw invalidInput(problem, chosen);
    const { running, live } = await liveState(vm, path);
    const quiesced = await withQuiescedGuest(vm.connection, path, running, live, () =>
        createSnapshot(vm.connection, path, newSnapshotXml(chosen, description)).catch((error: unknown) => {
            throw new LibvirtError(describeSnapshotError(_("The snapshot could not be taken"))(error));
        }));
    return { name: chosen, consistency: quiesced.consistency, ...(quiesced.note ? { note: quiesced.note } : {}) };
}

/**
 * Back to the snapshot. A snapshot with memory taken while the guest was quiesced resumes it
 * frozen: its filesystems are thawed (a thaw of filesystems that are not frozen does nothing).
 */
export async function revertSnapshot(vm: DomainRef, snapshot: Snapshot): Promise<void> {
    await revertToSnapshot(vm.connection, snapshot.path).catch((error: unknown) => {
        throw new LibvirtError(describeSnapshotError(_("The virtual machine could not be reverted to the snapshot"))(error));
    });
    if (!snapshot.memory) return;
    const path = vm.path ?? await findVm(vm.connection, vm.name);
    await thawAfterRevert(vm.connection, path, () => liveState(vm, path));
}

export async function revertVmSnapshot(conn: ConnectionId, vmName: string, name: string): Promise<void> {
    await revertSnapshot({ connection: conn, name: vmName }, await snapshotNamed(conn, vmName, name));
}

export async function deleteVmSnapshot(conn: ConnectionId, vmName: string, name: string): Promise<void> {
    const snapshot = await snapshotNamed(conn, vmName, name);
    await deleteSnapshot(conn, snapshot.path).catch((error: unknown) => {
        throw new LibvirtError(describeSnapshotError(_("The snapshot could not be deleted"))(error));
    });
}

export interface ScheduledSnapshot extends TakenSnapshot {
    /** The schedule's older snapshots deleted to keep its last `keep`. */
    deleted: string[];
}

/** A schedule's snapshot, named after the schedule; of its snapshots only the last `keep` stay (others' are left alone). */
export async function takeScheduledSnapshot(conn: ConnectionId, vmName: string, scheduleId: string, keep: number, now = new Date()): Promise<ScheduledSnapshot> {
    const path = await findVm(conn, vmName);
    const before = (await listSnapshots(conn, path)).map(s => s.name);
    const taken = await takeSnapshot({ connection: conn, name: vmName, path }, scheduledSnapshotName(scheduleId, now, before),
                                     format(_("Taken by schedule $0"), scheduleId), now);
    const ours = (await listSnapshots(conn, path)).filter(s => isScheduledSnapshot(scheduleId, s.name))
        .sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
    const old = ours.slice(0, Math.max(0, ours.length - keep));
    for (const s of old) {
        await deleteSnapshot(conn, s.path).catch((error: unknown) => {
            throw new LibvirtError(describeSnapshotError(format(_("The old snapshot $0 could not be deleted"), s.name))(error));
        });
    }
    return { ...taken, deleted: old.map(s => s.name) };
}
