// org.libvirt.StoragePool and the pool calls of org.libvirt.Connect.
import type { DBusSubscription } from "../lib/cockpit-types.ts";
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, POOL_IFACE, PROPERTIES_IFACE, subscribe, VOLUME_IFACE } from "./connection.ts";
import {
    type DirPoolSpec, type FoundSource, newPoolSpec, parseSourceList, parseStoragePoolXml, type PoolSpec, type PoolType, poolXml, sourceQueryXml,
    type StoragePoolConfig,
} from "./storage-pool-xml.ts";
import { asNumber, unwrapDict } from "./variant.ts";
import { attr, child, documentElement, text } from "./xml.ts";

/** virStoragePoolState */
const POOL_STATES = ["inactive", "building", "running", "degraded", "inaccessible"] as const;
export type StoragePoolState = typeof POOL_STATES[number] | "unknown";

export interface StoragePool extends StoragePoolConfig {
    /** The D-Bus object path. */
    path: string;
    active: boolean;
    persistent: boolean;
    autostart: boolean;
    state: StoragePoolState;
    /** Bytes; 0 while the pool is inactive. */
    capacity: number;
    allocation: number;
    available: number;
}

export async function listStoragePools(conn: ConnectionId): Promise<string[]> {
    const [paths] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListStoragePools", [0], "u");
    return paths;
}

export async function lookupStoragePool(conn: ConnectionId, name: string): Promise<string> {
    const [path] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "StoragePoolLookupByName", [name], "s");
    return path;
}

/** Properties, XML and sizes of one pool. */
export async function getStoragePool(conn: ConnectionId, path: string): Promise<StoragePool> {
    const [[raw], [xml], [info]] = await Promise.all([
        call<[unknown]>(conn, path, PROPERTIES_IFACE, "GetAll", [POOL_IFACE], "s"),
        call<[string]>(conn, path, POOL_IFACE, "GetXMLDesc", [0], "u"),
        call<[[number, number, number, number]]>(conn, path, POOL_IFACE, "GetInfo", [], ""),
    ]);
    const props = unwrapDict(raw);
    const [state, capacity, allocation, available] = info;
    return {
        ...parseStoragePoolXml(xml),
        path,
        active: props.Active === true,
        persistent: props.Persistent === true,
        autostart: props.Autostart === true,
        state: POOL_STATES[state] ?? "unknown",
        capacity: asNumber(capacity) ?? 0,
        allocation: asNumber(allocation) ?? 0,
        available: asNumber(available) ?? 0,
    };
}

export async function startStoragePool(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, POOL_IFACE, "Create", [0], "u");
}

export async function stopStoragePool(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, POOL_IFACE, "Destroy", [], "");
}

export async function refreshStoragePool(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, POOL_IFACE, "Refresh", [0], "u");
}

export async function setStoragePoolAutostart(conn: ConnectionId, path: string, autostart: boolean): Promise<void> {
    await call(conn, path, PROPERTIES_IFACE, "Set", [POOL_IFACE, "Autostart", { t: "b", v: autostart }], "ssv");
}

/** virStoragePoolBuildFlags */
const BUILD_OVERWRITE = 8;
/** Kinds whose Build only makes the target directory unless asked to format. */
const MKDIR_BUILD: ReadonlySet<PoolType> = new Set(["dir", "fs", "netfs"]);

/**
 * Defines a pool, builds it (its directory; with `spec.build` also the file system, volume group
 * or partition table, erasing what was there), starts it and starts it at boot. When a step
 * after the definition fails, the definition is removed again so nothing is left half-made.
 */
export async function createPool(conn: ConnectionId, spec: PoolSpec): Promise<string> {
    const [path] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "StoragePoolDefineXML", [poolXml(spec), 0], "su");
    try {
        if (spec.build) await call(conn, path, POOL_IFACE, "Build", [spec.type === "dir" ? 0 : BUILD_OVERWRITE], "u", 300_000);
        else if (MKDIR_BUILD.has(spec.type)) await call(conn, path, POOL_IFACE, "Build", [0], "u");
        await startStoragePool(conn, path);
    } catch (error) {
        await call(conn, path, POOL_IFACE, "Undefine", [], "").catch(() => undefined);
        throw error;
    }
    await setStoragePoolAutostart(conn, path, true);
    return path;
}

/** Defines, builds, starts and autostarts a directory pool. */
export function createDirPool(conn: ConnectionId, spec: DirPoolSpec): Promise<string> {
    return createPool(conn, { ...newPoolSpec("dir"), ...spec, build: true });
}

/** The NFS exports of `host`, the iSCSI targets of portal `host`, or the host's LVM volume groups. */
export async function findPoolSources(conn: ConnectionId, type: "netfs" | "iscsi" | "logical", host: string): Promise<FoundSource[]> {
    const query = type === "logical" ? "" : sourceQueryXml(host);
    const [xml] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "FindStoragePoolSources", [type, query, 0], "ssu", 60_000);
    return parseSourceList(xml);
}

/** Object paths of the volumes of a running pool. */
export async function listPoolVolumes(conn: ConnectionId, path: string): Promise<string[]> {
    await refreshStoragePool(conn, path);
    const [volumes] = await call<[string[]]>(conn, path, POOL_IFACE, "ListStorageVolumes", [0], "u");
    return volumes;
}

/**
 * Removes a pool from libvirt: stopped first when it runs, undefined when it is persistent.
 * With its volumes, every volume is deleted first (the pool is started for that when it is
 * stopped) and then a directory pool's directory, when nothing else is left in it.
 */
export async function deleteStoragePool(conn: ConnectionId, pool: Pick<StoragePool, "path" | "type" | "active" | "persistent">,
    withVolumes: boolean): Promise<void> {
    const { path } = pool;
    let active = pool.active;
    if (withVolumes) {
        if (!active) await startStoragePool(conn, path);
        active = true;
        for (const volume of await listPoolVolumes(conn, path)) await call(conn, volume, VOLUME_IFACE, "Delete", [0], "u");
    }
    if (active) await stopStoragePool(conn, path);
    // rmdir: it fails, and the directory stays, when files libvirt does not count as volumes remain.
    if (withVolumes && pool.type === "dir" && pool.persistent) await call(conn, path, POOL_IFACE, "Delete", [0], "u").catch(() => undefined);
    // A transient pool is gone once stopped.
    if (pool.persistent) await call(conn, path, POOL_IFACE, "Undefine", [], "");
}

/** virStoragePoolEventLifecycleType */
export const PoolEvent = { Defined: 0, Undefined: 1, Started: 2, Stopped: 3, Created: 4, Deleted: 5 } as const;

/** Lifecycle events of every pool, and the Refresh signal a pool sends after a re-scan. */
export function subscribeStoragePoolEvents(conn: ConnectionId, handler: (path: string, event: number) => void): DBusSubscription[] {
    return [
        subscribe(conn, CONNECT_IFACE, "StoragePoolEvent", (_path, _iface, _signal, args) => {
            const [pool, event] = args as [string, number];
            handler(pool, event);
        }),
        subscribe(conn, POOL_IFACE, "Refresh", path => handler(path, -1)),
    ];
}

export interface PoolSummary {
    /** D-Bus object path. */
    object: string;
    name: string;
    active: boolean;
    type: string;
    /** Directory (or device) the pool keeps its volumes in. */
    targetPath: string;
}

export async function listPools(conn: ConnectionId): Promise<PoolSummary[]> {
    const [objects] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListStoragePools", [0], "u");
    const pools = await Promise.all(objects.map(async object => {
        const [raw] = await call<[unknown]>(conn, object, PROPERTIES_IFACE, "GetAll", [POOL_IFACE], "s");
        const props = unwrapDict(raw);
        const [xml] = await call<[string]>(conn, object, POOL_IFACE, "GetXMLDesc", [0], "u");
        const pool = documentElement(xml, "pool");
        return {
            object,
            name: typeof props.Name === "string" ? props.Name : "",
            active: props.Active === true,
            type: attr(pool, "type") ?? "",
            targetPath: text(child(child(pool, "target"), "path")) ?? "",
        };
    }));
    return pools.sort((a, b) => a.name.localeCompare(b.name));
}


/** Re-scans every active pool, so images made outside libvirt become known volumes. */
export async function refreshActivePools(conn: ConnectionId): Promise<void> {
    const ACTIVE = 2;
    const [pools] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListStoragePools", [ACTIVE], "u");
    await Promise.all(pools.map(pool => call(conn, pool, POOL_IFACE, "Refresh", [0], "u").catch(() => undefined)));
}
