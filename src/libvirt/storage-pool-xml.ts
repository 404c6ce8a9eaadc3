// Storage pool XML: what the pages show of a pool (type, source, target, type-specific settings),
// the XML of a new pool of each kind the page makes, and the sources FindStoragePoolSources finds.
import { attr, child, children, text, xmlBuilder, type XmlNode,xmlParser } from "./xml.ts";

export interface StoragePoolConfig {
    name: string;
    uuid: string;
    /** dir, fs, logical, netfs, iscsi, … */
    type: string;
    /** Where the pool's volumes appear on the host (its <target><path>). */
    targetPath?: string;
    /** Device, host or pool name the pool is made from, when it has one. */
    source?: string;
    /** The details of its <source>. */
    sourceDetails: PoolSource;
}

export interface PoolSource {
    /** Block devices (fs, disk, logical) or nothing. */
    devices: string[];
    /** NFS server or iSCSI portal host. */
    host?: string;
    port?: string;
    /** NFS export. */
    dir?: string;
    /** Volume group (logical). */
    name?: string;
    /** File system (fs, netfs: auto, ext4, nfs…) or partition table (disk: dos, gpt). */
    format?: string;
    /** iSCSI initiator IQN. */
    initiator?: string;
}

function parseSource(source: XmlNode | undefined): PoolSource {
    const host = child(source, "host");
    const parsed: PoolSource = { devices: [] };
    // <device> repeats (a VG on several PVs); with one it is an object, with several an array.
    const deviceNodes = source?.device;
    const devices = Array.isArray(deviceNodes) ? deviceNodes as XmlNode[] : deviceNodes ? [deviceNodes as XmlNode] : [];
    parsed.devices = devices.map(d => attr(d, "path")).filter((p): p is string => p !== undefined);
    const values: [keyof Omit<PoolSource, "devices">, string | undefined][] = [
        ["host", attr(host, "name")],
        ["port", attr(host, "port")],
        ["dir", attr(child(source, "dir"), "path")],
        ["name", text(child(source, "name"))],
        ["format", attr(child(source, "format"), "type")],
        ["initiator", attr(child(child(source, "initiator"), "iqn"), "name")],
    ];
    for (const [key, value] of values) if (value) parsed[key] = value;
    return parsed;
}

export function parseStoragePoolXml(xml: string): StoragePoolConfig {
    const doc = xmlParser.parse(xml) as Record<string, unknown>;
    // "pool" is parsed as a list everywhere (it repeats in other documents).
    const pool = children(doc, "pool")[0] ?? child(doc, "pool");
    if (!pool) throw new Error("not a storage pool XML document");
    const source = child(pool, "source");
    const config: StoragePoolConfig = {
        name: text(pool.name) ?? "",
        uuid: text(pool.uuid) ?? "",
        type: attr(pool, "type") ?? "",
        sourceDetails: parseSource(source),
    };
    const targetPath = text(child(child(pool, "target"), "path"));
    if (targetPath) config.targetPath = targetPath;
    const sourceText = attr(child(source, "device"), "path") ?? attr(child(source, "host"), "name") ?? text(child(source, "name"));
    if (sourceText) config.source = sourceText;
    return config;
}

export interface DirPoolSpec {
    name: string;
    path: string;
}

/** The pool kinds the page creates. */
export const POOL_TYPES = ["dir", "fs", "netfs", "logical", "iscsi", "disk"] as const;
export type PoolType = typeof POOL_TYPES[number];

/** A new pool of any kind: which fields count depends on `type`. */
export interface PoolSpec extends DirPoolSpec {
    type: PoolType;
    /** fs, disk: the block device; logical: the physical volumes (one is enough here). */
    device: string;
    /** netfs: NFS server; iscsi: portal host. */
    host: string;
    /** netfs: exported directory. */
    exportPath: string;
    /** logical: volume group; empty for the pool's name. */
    volumeGroup: string;
    /** iscsi: target IQN. */
    iqn: string;
    /** Format (mkfs, vgcreate, a partition table) the source first: erases it. */
    build: boolean;
}

export function newPoolSpec(type: PoolType = "dir"): PoolSpec {
    return { type, name: "", path: "", device: "", host: "", exportPath: "", volumeGroup: "", iqn: "", build: false };
}

/** Where libvirt shows an iSCSI LUN or a disk's partitions: stable names rather than sdX. */
const BY_PATH = "/dev/disk/by-path";

function sourceNode(spec: PoolSpec): XmlNode | undefined {
    switch (spec.type) {
    case "dir":
        return undefined;
    case "fs":
        // Building runs mkfs, which needs a real type; mounting finds the type by itself.
        return { device: { "@_path": spec.device }, format: { "@_type": spec.build ? "ext4" : "auto" } };
    case "netfs":
        return { host: { "@_name": spec.host }, dir: { "@_path": spec.exportPath }, format: { "@_type": "nfs" } };
    case "logical":
        return { ...(spec.device ? { device: { "@_path": spec.device } } : {}), name: spec.volumeGroup || spec.name, format: { "@_type": "lvm2" } };
    case "iscsi":
        return { host: { "@_name": spec.host }, device: { "@_path": spec.iqn } };
    case "disk":
        return { device: { "@_path": spec.device }, format: { "@_type": "gpt" } };
    }
}

function targetPath(spec: PoolSpec): string {
    if (spec.type === "logical") return `/dev/${spec.volumeGroup || spec.name}`;
    if (spec.type === "iscsi") return BY_PATH;
    if (spec.type === "disk") return "/dev";
    return spec.path;
}

/** A new pool's XML (`dir` like virt-install's and cockpit-machines' `default` pool). */
export function poolXml(spec: PoolSpec): string {
    const source = sourceNode(spec);
    return xmlBuilder.build({
        pool: {
            "@_type": spec.type,
            name: spec.name,
            ...(source ? { source } : {}),
            target: { path: targetPath(spec) },
        },
    });
}

export function dirPoolXml(spec: DirPoolSpec): string {
    return poolXml({ ...newPoolSpec("dir"), ...spec });
}

/** What FindStoragePoolSources offers: an NFS export, an iSCSI target or a volume group. */
export interface FoundSource {
    host?: string;
    dir?: string;
    /** iSCSI target IQN (its <device path>) or the PV of a VG. */
    devices: string[];
    name?: string;
}

export function parseSourceList(xml: string): FoundSource[] {
    const doc = xmlParser.parse(xml) as XmlNode;
    const list = child(doc, "sources");
    const raw = list?.source;
    const sources = Array.isArray(raw) ? raw as XmlNode[] : raw ? [raw as XmlNode] : [];
    return sources.map(node => {
        const parsed = parseSource(node);
        const found: FoundSource = { devices: parsed.devices };
        if (parsed.host) found.host = parsed.host;
        if (parsed.dir) found.dir = parsed.dir;
        if (parsed.name) found.name = parsed.name;
        return found;
    });
}

/** The <source> FindStoragePoolSources wants: the host to ask (NFS, iSCSI), nothing for LVM. */
export function sourceQueryXml(host: string): string {
    return xmlBuilder.build({ source: { host: { "@_name": host } } });
}
