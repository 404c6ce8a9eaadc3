// Domain XML → typed objects.
import {
    type DomainChannel, type DomainGraphics, type DomainInterface, type DomainSerial,
    parseChannel, parseGraphics, parseInterface, parseSerial,
} from "./domain-devices-xml.ts";
import { type DomainHostDevice, parseDomainHostDevices } from "./host-device-xml.ts";
import { findKvmmElement, parseKvmmElement, type TemplateMark } from "./kvmm-metadata.ts";
import { parseSharedFolder, parseSharedMemory, type SharedFolder } from "./shared-folder-xml.ts";
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
    /** Host cache mode (driver cache=…); absent means the hypervisor default. */
    cache?: string;
    readonly: boolean;
}

export interface DomainCpu {
    /** vCPUs plugged now, and the most the VM can have. */
    current: number;
    maximum: number;
    sockets?: number;
    cores?: number;
    threads?: number;
    mode?: string;
    model?: string;
}

export interface DomainFirmware {
    kind: "bios" | "efi";
    secureBoot: boolean;
    machine?: string;
    arch?: string;
}

export interface DomainConfig {
    name: string;
    uuid: string;
    type: string;
    title?: string;
    description?: string;
    /** KiB: what the guest has now, and the most it can have. */
    memoryKiB: number;
    maxMemoryKiB: number;
    /** Kept for callers that only need the count. */
    vcpus: number;
    cpu: DomainCpu;
    firmware: DomainFirmware;
    /** Has a TPM (emulated or passed through). */
    tpm: boolean;
    /** Boot devices in order (hd, cdrom, network, fd) from <os><boot dev=…/>. */
    bootOrder: string[];
    /** libosinfo OS id from the metadata, e.g. http://debian.org/debian/12. */
    osId?: string;
    /** Direct kernel boot (<os><kernel>, <initrd>): host paths. */
    kernel?: string;
    initrd?: string;
    disks: DomainDisk[];
    interfaces: DomainInterface[];
    graphics: DomainGraphics[];
    serials: DomainSerial[];
    channels: DomainChannel[];
    /** A virtio-serial controller exists: channels can be hot-plugged (libvirt cannot hot-plug the controller itself). */
    virtioSerial: boolean;
    /** A balloon device (libvirt adds a virtio one unless told model='none'): memory can change while it runs. */
    balloon: boolean;
    /** Host folders shared with the guest (<filesystem>). */
    sharedFolders: SharedFolder[];
    /** Its memory is shared with the host, as virtiofs needs. */
    sharedMemory: boolean;
    /** Host PCI and USB devices given to it (<hostdev mode='subsystem'>). */
    hostDevices: DomainHostDevice[];
    /** Set on a template (our metadata records it): not started, disks read-only. */
    template?: TemplateMark;
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
    const cache = attr(child(node, "driver"), "cache");
    if (cache) disk.cache = cache;
    return disk;
}

export function parseDomainXml(xml: string): DomainConfig {
    const doc = xmlParser.parse(xml) as Record<string, unknown>;
    const domain = child(doc, "domain");
    if (!domain) throw new Error("not a domain XML document");
    const devices = child(domain, "devices");
    const vcpu = child(domain, "vcpu");
    const maximum = Number(text(domain.vcpu) ?? 1);
    const cpuNode = child(domain, "cpu");
    const topology = child(cpuNode, "topology");
    const cpu: DomainCpu = { maximum, current: Number(attr(vcpu, "current") ?? maximum) };
    for (const key of ["sockets", "cores", "threads"] as const) {
        const value = attr(topology, key);
        if (value) cpu[key] = Number(value);
    }
    const mode = attr(cpuNode, "mode");
    if (mode) cpu.mode = mode;
    const model = text(child(cpuNode, "model"));
    if (model) cpu.model = model;

    const os = child(domain, "os");
    const loader = child(os, "loader");
    const firmwareFeatures = children(child(os, "firmware"), "feature");
    const firmware: DomainFirmware = {
        kind: attr(os, "firmware") === "efi" || attr(loader, "type") === "pflash" ? "efi" : "bios",
        secureBoot: attr(loader, "secure") === "yes" ||
            firmwareFeatures.some(f => attr(f, "name") === "secure-boot" && attr(f, "enabled") === "yes"),
    };
    const osType = child(os, "type");
    const machine = attr(osType, "machine");
    if (machine) firmware.machine = machine;
    const arch = attr(osType, "arch");
    if (arch) firmware.arch = arch;

    const config: DomainConfig = {
        name: text(domain.name) ?? "",
        uuid: text(domain.uuid) ?? "",
        type: attr(domain, "type") ?? "",
        memoryKiB: toKiB(domain.currentMemory ?? domain.memory),
        maxMemoryKiB: toKiB(domain.memory),
        vcpus: maximum,
        cpu,
        firmware,
        tpm: child(devices, "tpm") !== undefined || children(devices, "tpm").length > 0,
        bootOrder: children(os, "boot").map(b => attr(b, "dev") ?? "").filter(Boolean),
        disks: children(devices, "disk").map(parseDisk),
        interfaces: children(devices, "interface").map(parseInterface),
        graphics: children(devices, "graphics").map(parseGraphics),
        serials: [
            ...children(devices, "serial").map(n => parseSerial(n, "serial")),
            ...children(devices, "console").map(n => parseSerial(n, "console")),
        ],
        channels: children(devices, "channel").map(parseChannel),
        virtioSerial: children(devices, "controller").some(c => attr(c, "type") === "virtio-serial"),
        balloon: attr(child(devices, "memballoon"), "model") !== "none",
        sharedFolders: children(devices, "filesystem").map(parseSharedFolder),
        sharedMemory: parseSharedMemory(domain),
        hostDevices: parseDomainHostDevices(devices),
    };
    const metadata = child(domain, "metadata");
    const osId = attr(child(child(metadata, "libosinfo:libosinfo"), "libosinfo:os"), "id");
    if (osId) config.osId = osId;
    const { template } = parseKvmmElement(findKvmmElement(metadata));
    if (template) config.template = template;
    const kernel = text(child(os, "kernel"));
    if (kernel) config.kernel = kernel;
    const initrd = text(child(os, "initrd"));
    if (initrd) config.initrd = initrd;
    const title = text(domain.title);
    if (title) config.title = title;
    const description = text(domain.description);
    if (description) config.description = description;
    return config;
}
