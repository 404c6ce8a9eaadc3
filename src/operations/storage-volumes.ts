// A pool's volumes: listed with the VMs that use each, created, grown, cloned and deleted, each
// refused before libvirt is asked when the name is wrong or taken, the size does not fit the
// pool's free space, or (deleting) a VM or another volume still needs it. Shared by page and kvmm.
import { mapLimit } from "../lib/concurrency.ts";
import { formatBytes } from "../lib/format-bytes.ts";
import { _, format } from "../lib/i18n.ts";
import { overlayVolumeXml } from "../libvirt/clone-xml.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { volumeNameProblem as diskVolumeNameProblem } from "../libvirt/device-xml.ts";
import { getDomainXml, listDomains } from "../libvirt/domain-api.ts";
import { parseDomainXml } from "../libvirt/domain-xml.ts";
import { invalidInput } from "../libvirt/errors.ts";
import type { StoragePool } from "../libvirt/storage-pool-api.ts";
import { cloneVolume, createVolume, deleteVolume, listVolumes, resizeVolumeObject, type VolumeSummary } from "../libvirt/storage-volume-api.ts";
import { newVolumeXml, type VolumeFormat } from "../libvirt/volume-xml.ts";
import { activePool, FILE_POOLS } from "./pools.ts";

export interface PoolVolume extends VolumeSummary {
    /** Names of the VMs with a disk on it, sorted. */
    usedBy: string[];
    /** Volumes of this pool that are overlays on it. */
    overlays: string[];
}

const READ_CONCURRENCY = 8;

/** Host path → names of the VMs with a disk there; a disk given as pool/volume counts under that key. */
export async function diskUsers(conn: ConnectionId): Promise<Map<string, string[]>> {
    const users = new Map<string, string[]>();
    const add = (key: string, vm: string): void => {
        const list = users.get(key) ?? [];
        if (!list.includes(vm)) list.push(vm);
        users.set(key, list);
    };
    await mapLimit(await listDomains(conn), READ_CONCURRENCY, async path => {
        const config = await getDomainXml(conn, path).then(parseDomainXml, () => null);
        for (const disk of config?.disks ?? []) {
            if (disk.path) add(disk.path, config?.name ?? "");
            if (disk.pool && disk.volume) add(`${disk.pool}/${disk.volume}`, config?.name ?? "");
        }
    });
    for (const list of users.values()) list.sort((a, b) => a.localeCompare(b));
    return users;
}

/** The pool's volumes with who uses each. */
export function withUsers(pool: string, volumes: readonly VolumeSummary[], users: ReadonlyMap<string, string[]>): PoolVolume[] {
    return volumes.map(volume => ({
        ...volume,
        usedBy: [...new Set([...users.get(volume.path) ?? [], ...users.get(`${pool}/${volume.name}`) ?? []])].sort((a, b) => a.localeCompare(b)),
        overlays: volumes.filter(v => v.backingPath === volume.path).map(v => v.name),
    }));
}

export async function poolVolumes(conn: ConnectionId, pool: Pick<StoragePool, "name" | "path">): Promise<PoolVolume[]> {
    const [volumes, users] = await Promise.all([listVolumes(conn, pool.path), diskUsers(conn)]);
    return withUsers(pool.name, volumes, users);
}

/** Why a new volume cannot have this name, or null. */
export function volumeNameProblem(name: string, taken: readonly string[]): string | null {
    const problem = diskVolumeNameProblem(name);
    if (problem) return problem;
    if (name.length > 255) return _("A name has at most 255 characters.");
    if (taken.includes(name)) return format(_("The pool already has a volume named $0."), name);
    return null;
}

/** Why `bytes` more cannot be taken from a pool with `available` free, or null. */
export function spaceProblem(bytes: number, available: number): string | null {
    if (!Number.isFinite(bytes) || bytes <= 0) return _("Enter a size greater than zero.");
    if (bytes > available) return format(_("$0 does not fit: the pool has $1 free"), formatBytes(bytes), formatBytes(available));
    return null;
}

export interface NewVolumeRequest {
    pool: string;
    name: string;
    format: VolumeFormat;
    capacity: number;
    /** Name of a volume of the same pool to put a qcow2 overlay on. */
    backing?: string | undefined;
}

export async function createPoolVolume(conn: ConnectionId, request: NewVolumeRequest): Promise<VolumeSummary> {
    const pool = await activePool(conn, request.pool);
    const volumes = await listVolumes(conn, pool.path);
    const problem = volumeNameProblem(request.name, volumes.map(v => v.name)) ?? spaceProblem(request.capacity, pool.available);
    if (problem) throw invalidInput(problem);
    const sparse = FILE_POOLS.includes(pool.type);
    if (request.backing) {
        if (request.format !== "qcow2") throw invalidInput(_("Only a qcow2 volume can have a backing volume"));
        const base = volumes.find(v => v.name === request.backing);
        if (!base) throw invalidInput(format(_("The pool has no volume named $0"), request.backing));
        if (request.capacity < base.capacity) throw invalidInput(format(_("An overlay must be at least as large as its backing volume ($0)"), formatBytes(base.capacity)));
        return createVolume(conn, pool.path, overlayVolumeXml(request.name, request.capacity, { path: base.path, format: base.format || "raw" }));
    }
    return createVolume(conn, pool.path, newVolumeXml({ ...request, sparse }));
}

async function findVolume(conn: ConnectionId, poolName: string, name: string): Promise<{ pool: StoragePool; volume: PoolVolume; all: PoolVolume[] }> {
    const pool = await activePool(conn, poolName);
    const all = await poolVolumes(conn, pool);
    const volume = all.find(v => v.name === name);
    if (!volume) throw invalidInput(format(_("The storage pool $0 has no volume named $1"), poolName, name));
    return { pool, volume, all };
}

/** Deletes the volume unless a VM uses it or an overlay reads from it. */
export async function deletePoolVolume(conn: ConnectionId, poolName: string, name: string): Promise<void> {
    const { volume } = await findVolume(conn, poolName, name);
    if (volume.usedBy.length > 0)
        throw invalidInput(format(_("$0 is in use by $1: remove it from those virtual machines first"), name, volume.usedBy.join(", ")));
    if (volume.overlays.length > 0)
        throw invalidInput(format(_("$0 is the backing volume of $1: delete those first"), name, volume.overlays.join(", ")));
    await deleteVolume(conn, volume.object);
}

/** Grows the volume to `capacity` bytes; shrinking is refused (it would cut the guest's data). */
export async function growPoolVolume(conn: ConnectionId, poolName: string, name: string, capacity: number): Promise<void> {
    const { pool, volume } = await findVolume(conn, poolName, name);
    if (!Number.isFinite(capacity) || capacity <= volume.capacity)
        throw invalidInput(format(_("The new size must be larger than $0 (volumes are only grown)"), formatBytes(volume.capacity)));
    const problem = spaceProblem(capacity - volume.capacity, pool.available);
    if (problem) throw invalidInput(problem);
    await resizeVolumeObject(conn, volume.object, capacity);
}

/** A full copy of the volume in the same pool, under `newName`, in the source's format. */
export async function clonePoolVolume(conn: ConnectionId, poolName: string, name: string, newName: string): Promise<VolumeSummary> {
    const { pool, volume, all } = await findVolume(conn, poolName, name);
    const problem = volumeNameProblem(newName, all.map(v => v.name))
        ?? spaceProblem(FILE_POOLS.includes(pool.type) ? Math.max(volume.allocation, 1) : volume.capacity, pool.available);
    if (problem) throw invalidInput(problem);
    const copyFormat: VolumeFormat = volume.format === "qcow2" ? "qcow2" : "raw";
    const { object } = await cloneVolume(conn, pool.path, volume.object,
                                         newVolumeXml({ name: newName, format: copyFormat, capacity: volume.capacity, sparse: FILE_POOLS.includes(pool.type) }));
    return (await listVolumes(conn, pool.path)).find(v => v.object === object) ?? volume;
}
