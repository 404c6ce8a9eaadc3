// Domain XML → typed objects.
import { attr, child, children, text, xmlParser } from "./xml.ts";

export type DiskSourceType = "file" | "block" | "volume" | "network" | "dir" | "unknown";

export interface DomainDisk {
    device: "disk" | "cdrom" | "floppy" | "lun";
    target: string;
    bus?: string;
    sourceType: DiskSourceType;
    /** Host path for file and block disks. */
    path?: string;
    pool?: string;
    volume?: string;
    format?: string;
    readonly: boolean;
}

export interface DomainConfig {
    name: string;
    uuid: string;
    title?: string;
    description?: string;
    memoryKiB: number;
    vcpus: number;
    disks: DomainDisk[];
}

const UNIT_FACTORS: Record<string, number> = {
    b: 1 / 1024, bytes: 1 / 1024, k: 1, kib: 1, kb: 1000 / 1024, m: 1024, mib: 1024, mb: 1e6 / 1024,
    g: 1024 ** 2, gib: 1024 ** 2, gb: 1e9 / 1024, t: 1024 ** 3, tib: 1024 ** 3, tb: 1e12 / 1024,
};

/** A libvirt scaled integer (<memory unit='MiB'>512</memory>) in KiB. */
export function toKiB(node: unknown): number {
    const value = Number(text(node) ?? 0);
    const unit = (attr(typeof node === "object" && node !== null ? node as Record<string, unknown> : undefined, "unit") ?? "KiB").toLowerCase();
    return Math.round(value * (UNIT_FACTORS[unit] ?? 1));
}

function parseDisk(node: Record<string, unknown>): DomainDisk {
    const type = attr(node, "type") ?? "unknown";
    const source = child(node, "source");
    const device = (attr(node, "device") ?? "disk") as DomainDisk["device"];
    const disk: DomainDisk = {
        device,
        target: attr(child(node, "target"), "dev") ?? "",
        sourceType: (["file", "block", "volume", "network", "dir"].includes(type) ? type : "unknown") as DiskSourceType,
        readonly: child(node, "readonly") !== undefined || node.readonly === "",
    };
    const bus = attr(child(node, "target"), "bus");
    if (bus) disk.bus = bus;
    const path = attr(source, "file") ?? attr(source, "dev") ?? attr(source, "dir");
    if (path) disk.path = path;
    const pool = attr(source, "pool");
    if (pool) disk.pool = pool;
    const volume = attr(source, "volume");
    if (volume) disk.volume = volume;
    const format = attr(child(node, "driver"), "type");
    if (format) disk.format = format;
    return disk;
}

export function parseDomainXml(xml: string): DomainConfig {
    const doc = xmlParser.parse(xml) as Record<string, unknown>;
    const domain = child(doc, "domain");
    if (!domain) throw new Error("not a domain XML document");
    const config: DomainConfig = {
        name: text(domain.name) ?? "",
        uuid: text(domain.uuid) ?? "",
        memoryKiB: toKiB(domain.currentMemory ?? domain.memory),
        vcpus: Number(text(domain.vcpu) ?? 1),
        disks: children(child(domain, "devices"), "disk").map(parseDisk),
    };
    const title = text(domain.title);
    if (title) config.title = title;
    const description = text(domain.description);
    if (description) config.description = description;
    return config;
}
