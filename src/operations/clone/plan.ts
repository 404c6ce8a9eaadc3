// Before anything is made: what the clone is made from (the source's definition or a snapshot's),
// which disks are copied into which pool under which names, and everything that rules it out.
import { nvramDirectory } from "../../host/clone-files.ts";
import { parentDirectory } from "../../host/host-files.ts";
import { imageInfo } from "../../host/qemu-img.ts";
import { _, format } from "../../lib/i18n.ts";
import { freeFileStem } from "../../lib/vm-file-names.ts";
import { nvramPath } from "../../libvirt/clone-xml.ts";
import { snapshotDomainXml } from "../../libvirt/clone-xml.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import type { DiskFormat } from "../../libvirt/device-xml.ts";
import { getDomainProperties, getDomainXml, lookupDomainByName, XmlFlags } from "../../libvirt/domain-api.ts";
import { type DomainDisk, parseDomainXml } from "../../libvirt/domain-xml.ts";
import { describeError } from "../../libvirt/errors.ts";
import { getSnapshotXml, listSnapshots } from "../../libvirt/snapshot-api.ts";
import { listPools, type PoolSummary } from "../../libvirt/storage-pool-api.ts";
import { listVolumes, volumeByName } from "../../libvirt/storage-volume-api.ts";
import { kvmmMetadataOf, vmXml } from "../../libvirt/template-xml.ts";
import { FILE_POOLS } from "../pools.ts";
import { snapshotBlocker } from "../snapshots.ts";
import { findVm } from "../vms.ts";
import { checkCloneChoices, checkCloneName, type CloneOptions } from "./options.ts";
import { isSeedPath, SEED_SUFFIX } from "./seed.ts";


export interface PoolChoice {
    name: string;
    /** D-Bus object path. */
    object: string;
    type: string;
}

export interface DiskCopy {
    target: string;
    source: string;
    sourceFormat: string;
    /** Bytes the guest sees. */
    virtualSize: number;
    pool: PoolChoice;
    volumeName: string;
    format: DiskFormat;
}

export interface SeedCopy {
    target: string;
    source: string;
    pool: PoolChoice;
    volumeName: string;
}

export interface ClonePlan {
    sourcePath: string;
    sourceUuid: string;
    /** The domain XML the clone's is made from: the source's saved configuration, or the snapshot's. */
    baseXml: string;
    /** The internal snapshot the disks are read from (an existing one, or the one taken for the clone). */
    snapshot?: string;
    /** The snapshot to take first and delete afterwards (a running source). */
    temporarySnapshot?: string;
    disks: DiskCopy[];
    seed?: SeedCopy;
    /** The source's UEFI variable store. */
    nvram?: string;
}

interface Context {
    conn: ConnectionId;
    options: CloneOptions;
    pools: PoolSummary[];
    chosenPool: PoolSummary | undefined;
    problems: string[];
}

function poolOf(ctx: Context, path: string): PoolChoice | undefined {
    const pool = ctx.chosenPool ?? ctx.pools.find(p => p.active && p.targetPath === parentDirectory(path));
    return pool && { name: pool.name, object: pool.object, type: pool.type };
}

async function diskPath(ctx: Context, disk: DomainDisk): Promise<string | undefined> {
    if (disk.sourceType !== "volume" || !disk.pool || !disk.volume) return disk.path;
    return (await volumeByName(ctx.conn, disk.pool, disk.volume)).path;
}

function copyFormat(pool: PoolChoice, sourceFormat: string, linked: boolean): DiskFormat {
    if (linked) return "qcow2";
    if (!FILE_POOLS.includes(pool.type)) return "raw";
    return sourceFormat === "raw" ? "raw" : "qcow2";
}

/** One writable disk: its image, read by qemu-img, and where its copy goes; undefined (with a problem said) when it cannot be. */
async function planDisk(ctx: Context, disk: DomainDisk): Promise<Omit<DiskCopy, "volumeName"> | undefined> {
    const { options, problems } = ctx;
    if (!["file", "block", "volume"].includes(disk.sourceType)) {
        problems.push(format(_("Disk $0 is not an image file or block device of this host ($1 storage), so it cannot be copied."), disk.target, disk.sourceType));
        return undefined;
    }
    const source = await diskPath(ctx, disk);
    if (source === undefined) return undefined;
    let info;
    try {
        info = await imageInfo(ctx.conn, source);
    } catch (error) {
        const e = describeError(error);
        if (e.kind === "permission") throw error;
        problems.push(format(_("The image of disk $0 ($1) could not be read: $2"), disk.target, source, e.detail || e.summary));
        return undefined;
    }
    if (options.snapshot !== undefined && !info.snapshots.includes(options.snapshot)) {
        problems.push(format(_("Disk $0 holds no data of snapshot $1 (it was added later, or is not in qcow2 format)."), disk.target, options.snapshot));
        return undefined;
    }
    const pool = poolOf(ctx, source);
    if (!pool) {
        problems.push(format(_("Disk $0 ($1) is not in an active storage pool: choose the storage pool for the copies."), disk.target, source));
        return undefined;
    }
    if (options.linked && !FILE_POOLS.includes(pool.type)) {
        problems.push(format(_("A linked clone needs qcow2 overlay images, which the storage pool $0 ($1) cannot hold: choose a directory pool."), pool.name, pool.type));
        return undefined;
    }
    return { target: disk.target, source, sourceFormat: info.format, virtualSize: info.virtualSize, pool, format: copyFormat(pool, info.format, options.linked) };
}

/** The seed goes where the disks go when that pool holds files, else next to the source's seed. */
function seedPool(ctx: Context, disks: readonly Omit<DiskCopy, "volumeName">[], source: string): PoolChoice | undefined {
    const first = disks[0]?.pool;
    if (first && FILE_POOLS.includes(first.type)) return first;
    const own = ctx.pools.find(p => p.active && p.targetPath === parentDirectory(source));
    if (own && FILE_POOLS.includes(own.type)) return { name: own.name, object: own.object, type: own.type };
    ctx.problems.push(_("The clone's cloud-init seed image needs a directory storage pool: choose one for the copies."));
    return undefined;
}

/** The file names of the copies, free in every pool they go to: "<name>.qcow2", "<name>-vdb.qcow2", "<name>-cidata.iso". */
async function nameVolumes(ctx: Context, disks: Omit<DiskCopy, "volumeName">[], seed: Omit<SeedCopy, "volumeName"> | undefined):
    Promise<{ disks: DiskCopy[]; seed?: SeedCopy }> {
    const suffixes = disks.map((d, i) => `${i === 0 ? "" : `-${d.target}`}.${d.format}`);
    const pools = new Map([...disks.map(d => d.pool), ...seed ? [seed.pool] : []].map(p => [p.object, p]));
    const taken = new Set<string>();
    for (const pool of pools.values()) for (const v of await listVolumes(ctx.conn, pool.object)) taken.add(v.name);
    const stem = freeFileStem(ctx.options.name, seed ? [...suffixes, SEED_SUFFIX] : suffixes, taken);
    return {
        disks: disks.map((d, i) => ({ ...d, volumeName: stem + (suffixes[i] ?? "") })),
        ...seed ? { seed: { ...seed, volumeName: stem + SEED_SUFFIX } } : {},
    };
}

async function baseXml(ctx: Context, sourcePath: string, persistent: boolean): Promise<string | undefined> {
    const { options } = ctx;
    if (options.snapshot === undefined)
        return getDomainXml(ctx.conn, sourcePath, XmlFlags.Secure | (persistent ? XmlFlags.Inactive : 0));
    const found = (await listSnapshots(ctx.conn, sourcePath)).find(s => s.name === options.snapshot);
    if (!found) {
        ctx.problems.push(format(_("$0 has no snapshot named $1."), options.source, options.snapshot));
        return undefined;
    }
    return snapshotDomainXml(await getSnapshotXml(ctx.conn, found.path));
}

async function nameTaken(conn: ConnectionId, name: string): Promise<boolean> {
    try {
        await lookupDomainByName(conn, name);
        return true;
    } catch (error) {
        if (describeError(error).kind === "not-found") return false;
        throw error;
    }
}

/** Looks at the source, its disks and the pools; resolves with what rules the clone out, and the plan when nothing does. */
export async function planClone(conn: ConnectionId, options: CloneOptions): Promise<{ problems: string[]; plan?: ClonePlan }> {
    const sourcePath = await findVm(conn, options.source);
    const [props, pools] = await Promise.all([getDomainProperties(conn, sourcePath), listPools(conn)]);
    const chosenPool = options.pool === undefined ? undefined : pools.find(p => p.name === options.pool);
    const ctx: Context = { conn, options, pools, chosenPool, problems: [] };
    const nameProblem = checkCloneName(options.name, await nameTaken(conn, options.name) ? [options.name] : []);
    if (nameProblem) ctx.problems.push(nameProblem);
    ctx.problems.push(...checkCloneChoices(options, props.active));
    if (options.pool !== undefined && !chosenPool) ctx.problems.push(format(_("There is no storage pool named $0."), options.pool));
    else if (chosenPool && !chosenPool.active) ctx.problems.push(format(_("The storage pool $0 is not active: start it first."), chosenPool.name));
    const saved = await baseXml(ctx, sourcePath, props.persistent);
    if (saved === undefined || ctx.problems.length > 0) return { problems: ctx.problems };
    // A template's clone is an ordinary VM: the disks the template protected writable, its mark left out.
    const xml = kvmmMetadataOf(saved).template ? vmXml(saved) : saved;

    const config = parseDomainXml(xml);
    if (options.newSnapshot === true) {
        const blocker = snapshotBlocker(config);
        if (blocker) ctx.problems.push(blocker);
    }
    const temporarySnapshot = options.newSnapshot === true ? `clone-${options.name}-${Date.now().toString(36)}` : undefined;
    const snapshot = options.snapshot ?? temporarySnapshot;
    const writable = config.disks.filter(d => d.device === "disk" && !d.readonly);
    const planned = [];
    for (const disk of writable) {
        const copy = await planDisk(ctx, disk);
        if (copy) planned.push(copy);
    }
    const seedDisk = config.disks.find(d => d.device === "cdrom" && isSeedPath(d.path));
    const seedSource = seedDisk?.path;
    const pool = seedDisk && seedSource !== undefined ? seedPool(ctx, planned, seedSource) : undefined;
    if (options.userData !== undefined && !seedDisk)
        ctx.problems.push(format(_("$0 has no cloud-init seed image (a CD-ROM named …$1) for the clone's user data."), options.source, SEED_SUFFIX));
    if (ctx.problems.length > 0) return { problems: ctx.problems };
    const named = await nameVolumes(ctx, planned, seedDisk && seedSource !== undefined && pool ? { target: seedDisk.target, source: seedSource, pool } : undefined);
    // libvirt's firmware autoselection keeps the varstore's path out of the saved definition: it is its default one.
    const nvram = nvramPath(xml) ?? (config.firmware.kind === "efi" ? `${await nvramDirectory(conn)}/${options.source}_VARS.fd` : undefined);
    return {
        problems: [],
        plan: {
            sourcePath, sourceUuid: props.uuid, baseXml: xml, disks: named.disks,
            ...snapshot !== undefined ? { snapshot } : {},
            ...temporarySnapshot !== undefined ? { temporarySnapshot } : {},
            ...named.seed ? { seed: named.seed } : {},
            ...nvram !== undefined ? { nvram } : {},
        },
    };
}
