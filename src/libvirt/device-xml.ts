// XML for new devices (<disk>, <interface>) and storage volumes, and the checks on what the
// user typed (MAC address, size, target names) that must pass before libvirt is asked.
import { _, format } from "../lib/i18n.ts";
import { xmlBuilder, type XmlNode } from "./xml.ts";

export type DiskBus = "virtio" | "scsi" | "sata" | "usb" | "ide";
export type DiskFormat = "qcow2" | "raw";
export type CacheMode = "default" | "none" | "writeback" | "writethrough" | "directsync" | "unsafe";

export interface NewDisk {
    device: "disk" | "cdrom";
    /** "file" for an image file, "block" for a host block device. */
    sourceType: "file" | "block";
    /** Empty for a CD-ROM drive without media. */
    path: string;
    format: DiskFormat;
    target: string;
    bus: DiskBus;
    cache: CacheMode;
    readonly: boolean;
}

export function diskNode(disk: NewDisk): XmlNode {
    const driver: XmlNode = { "@_name": "qemu", "@_type": disk.format };
    if (disk.cache !== "default") driver["@_cache"] = disk.cache;
    const node: XmlNode = { "@_type": disk.sourceType, "@_device": disk.device, driver };
    if (disk.path) node.source = disk.sourceType === "block" ? { "@_dev": disk.path } : { "@_file": disk.path };
    node.target = { "@_dev": disk.target, "@_bus": disk.bus };
    if (disk.readonly || disk.device === "cdrom") node.readonly = "";
    return node;
}

export function diskXml(disk: NewDisk): string {
    return xmlBuilder.build({ disk: diskNode(disk) });
}

export type InterfaceType = "network" | "bridge" | "direct";
export type InterfaceModel = "virtio" | "e1000e" | "rtl8139";
export type DirectMode = "bridge" | "vepa" | "private" | "passthrough";

export interface NewInterface {
    type: InterfaceType;
    /** Network name, host bridge or host device. */
    source: string;
    /** For direct (macvtap) interfaces. */
    mode?: DirectMode;
    /** One of InterfaceModel for a new interface; an existing one may keep another (e1000). */
    model: string;
    /** Empty: libvirt chooses one. */
    mac: string;
    /** 802.1Q VLAN tag (1–4094) for network and bridge interfaces; absent: untagged. */
    vlan?: number;
}

export function interfaceNode(nic: NewInterface): XmlNode {
    const node: XmlNode = { "@_type": nic.type };
    if (nic.mac) node.mac = { "@_address": nic.mac.toLowerCase() };
    if (nic.type === "network") node.source = { "@_network": nic.source };
    else if (nic.type === "bridge") node.source = { "@_bridge": nic.source };
    else node.source = { "@_dev": nic.source, "@_mode": nic.mode ?? "bridge" };
    node.model = { "@_type": nic.model };
    if (nic.vlan !== undefined && nic.type !== "direct") node.vlan = { tag: { "@_id": String(nic.vlan) } };
    return node;
}

/** 802.1Q leaves 0 and 4095 reserved. */
export const VLAN_MIN = 1;
export const VLAN_MAX = 4094;

/** Why the text is not a VLAN tag, or null when it is one or empty (untagged). */
export function vlanProblem(text: string): string | null {
    const value = text.trim();
    if (value === "") return null;
    const tag = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(tag >= VLAN_MIN && tag <= VLAN_MAX)) return format(_("A VLAN tag is a whole number from $0 to $1."), VLAN_MIN, VLAN_MAX);
    return null;
}

export function interfaceXml(nic: NewInterface): string {
    return xmlBuilder.build({ interface: interfaceNode(nic) });
}

export function volumeXml(name: string, capacityBytes: number, volumeFormat: DiskFormat): string {
    return xmlBuilder.build({
        volume: {
            name,
            capacity: { "@_unit": "bytes", "#text": String(capacityBytes) },
            target: { format: { "@_type": volumeFormat } },
        },
    });
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** Why a MAC address cannot be used, or null when it is fine. An empty one means "automatic". */
export function macProblem(mac: string, taken: readonly string[] = []): string | null {
    const value = mac.trim();
    if (value === "") return null;
    if (!MAC_RE.test(value)) return _("A MAC address has six pairs of hexadecimal digits separated by colons, like 52:54:00:12:34:56.");
    const first = parseInt(value.slice(0, 2), 16);
    if (first % 2 === 1) return _("This is a multicast address; a network interface needs a unicast address (the first byte must be even).");
    if (/^(00:){5}00$/i.test(value)) return _("The all-zero address cannot be used.");
    if (taken.some(t => t.toLowerCase() === value.toLowerCase())) return format(_("Another interface of this virtual machine already uses $0."), value.toLowerCase());
    return null;
}

const PREFIX: Record<DiskBus, string> = { virtio: "vd", scsi: "sd", sata: "sd", usb: "sd", ide: "hd" };

function suffix(index: number): string {
    // a … z, aa … zz, as libvirt counts: 0 → a, 25 → z, 26 → aa.
    let n = index;
    let s = "";
    do {
        s = String.fromCharCode(97 + (n % 26)) + s;
        n = Math.floor(n / 26) - 1;
    } while (n >= 0);
    return s;
}

/** The first free target name (vdb, sdc, …) for a bus. */
export function nextTarget(bus: DiskBus, used: readonly string[]): string {
    const prefix = PREFIX[bus];
    for (let i = 0; ; i++) {
        const name = prefix + suffix(i);
        if (!used.includes(name)) return name;
    }
}

const SIZE_UNITS: Record<string, number> = { mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** "10" + "GiB" → bytes; NaN when the number is not a positive number. */
export function sizeToBytes(value: string, unit: string): number {
    const trimmed = value.trim().replace(",", ".");
    if (!/^\d+(\.\d+)?$/.test(trimmed)) return NaN;
    const n = Number(trimmed);
    if (n <= 0) return NaN;
    return Math.round(n * (SIZE_UNITS[unit.toLowerCase()] ?? 1));
}

/** Why a new size for a disk cannot be used, or null. Disks only grow. */
export function resizeProblem(newBytes: number, currentBytes: number): string | null {
    if (!Number.isFinite(newBytes) || newBytes <= 0) return _("Enter the new size as a positive number.");
    if (newBytes < currentBytes) return _("Disks can only grow: shrinking would destroy the data at the end of the disk. Enter a size larger than the current one.");
    if (newBytes === currentBytes) return _("The new size is the disk's current size.");
    return null;
}

/** A volume name for a new disk image: letters, digits, dot, dash, underscore. */
export function volumeNameProblem(name: string): string | null {
    if (name.trim() === "") return _("Enter a name for the new volume.");
    if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) return _("A volume name may contain letters, digits, dots, dashes and underscores, and must not start with a dot.");
    return null;
}

/** The image format a path's name suggests. */
export function formatFromPath(path: string): DiskFormat {
    return /\.qcow2?$/i.test(path) ? "qcow2" : "raw";
}
