// The XML a clone needs: its domain definition made from the source's (or a snapshot's), with
// what must differ between two machines taken out or replaced, and its disks' volumes.
import { xmlBuilder } from "./xml.ts";
import { buildElement, childrenOf, editXml, element, type OrderedNode, parseRoot, setAttributes, tagOf } from "./xml-edit.ts";

/** A disk of the clone: its target (vda, sdb…) and the new image behind it. */
export interface ClonedDisk {
    target: string;
    path: string;
    format: string;
    /** A block device (a volume of an LVM or disk pool) rather than a file. */
    block?: boolean;
}

export interface CloneXmlSpec {
    /** The source's name: files named after it (serial logs) are named after the clone. */
    sourceName: string;
    name: string;
    /** Disks given a new image; every other disk (CD-ROMs, shared read-only images) stays as it is. */
    disks: readonly ClonedDisk[];
    /** The clone's own UEFI variable store, where the source has one. */
    nvram?: string;
}

/** Where libvirt puts the sockets of channels it names itself: a path of the source's would be shared. */
const GENERATED_CHANNEL_DIRS = ["/var/lib/libvirt/qemu/channel/", "/run/libvirt/qemu/channel/"];

function childByTag(parent: OrderedNode, tag: string): OrderedNode | undefined {
    return childrenOf(parent).find(c => tagOf(c) === tag);
}

function withoutChildren(parent: OrderedNode, tags: readonly string[]): void {
    parent[tagOf(parent)] = childrenOf(parent).filter(c => !tags.includes(tagOf(c)));
}

function attribute(node: OrderedNode | undefined, name: string): string | undefined {
    const value = (node?.[":@"] as Record<string, string> | undefined)?.[`@_${name}`];
    return typeof value === "string" ? value : undefined;
}

function removeAttribute(node: OrderedNode, name: string): void {
    const attributes = Object.entries((node[":@"] ?? {}) as Record<string, string>).filter(([k]) => k !== `@_${name}`);
    if (attributes.length) node[":@"] = Object.fromEntries(attributes);
    else delete node[":@"];
}

function setText(node: OrderedNode, value: string): void {
    node[tagOf(node)] = [{ "#text": value }];
}

/** The disk gets an image of its own: the new path and format; what described the old image goes. */
function rewriteDisk(disk: OrderedNode, change: ClonedDisk): void {
    setAttributes(disk, { type: change.block === true ? "block" : "file" });
    const list = childrenOf(disk).filter(c => tagOf(c) !== "backingStore");
    const driver = list.find(c => tagOf(c) === "driver");
    if (driver) setAttributes(driver, { type: change.format });
    else list.unshift(element("driver", { name: "qemu", type: change.format }));
    const source = element("source", change.block === true ? { dev: change.path } : { file: change.path });
    const at = list.findIndex(c => tagOf(c) === "source");
    if (at >= 0) list[at] = source;
    else list.splice(list.findIndex(c => tagOf(c) === "driver") + 1, 0, source);
    disk[tagOf(disk)] = list;
}

/** A serial log named after the source is named after the clone; another gets the clone's name in front. */
function renameLogFile(path: string, sourceName: string, name: string): string {
    const cut = path.lastIndexOf("/") + 1;
    const file = path.slice(cut);
    const renamed = file.includes(sourceName) ? file.split(sourceName).join(name) : `${name}-${file}`;
    return path.slice(0, cut) + renamed;
}

function editDevices(devices: OrderedNode, spec: CloneXmlSpec): void {
    for (const device of childrenOf(devices)) {
        const tag = tagOf(device);
        if (tag === "disk") {
            const target = attribute(childByTag(device, "target"), "dev");
            const change = spec.disks.find(d => d.target === target);
            if (change) rewriteDisk(device, change);
        } else if (tag === "interface") {
            // libvirt gives each interface a new MAC; the host-side device name is the source's.
            withoutChildren(device, ["mac", "target", "alias"]);
        } else if (tag === "graphics" && attribute(device, "autoport") !== "yes" && attribute(device, "port") !== undefined && attribute(device, "port") !== "-1") {
            // Two machines cannot listen on one port.
            removeAttribute(device, "port");
            removeAttribute(device, "websocket");
            setAttributes(device, { autoport: "yes" });
        } else if (tag === "channel") {
            const source = childByTag(device, "source");
            const path = attribute(source, "path") ?? "";
            if (GENERATED_CHANNEL_DIRS.some(dir => path.startsWith(dir))) withoutChildren(device, ["source"]);
        }
        if (tag === "serial" || tag === "console") {
            const log = childByTag(device, "log");
            const file = attribute(log, "file");
            if (log && file) setAttributes(log, { file: renameLogFile(file, spec.sourceName, spec.name) });
        }
    }
}

/**
 * The clone's definition: the source's with the new name, no UUID (libvirt makes one), no MACs
 * (libvirt makes new ones), the new disk images and its own NVRAM file (the clone operation
 * fills it with a copy of the source's).
 */
export function cloneDomainXml(sourceXml: string, spec: CloneXmlSpec): string {
    return editXml(sourceXml, "domain", root => {
        withoutChildren(root, ["uuid"]);
        const name = childByTag(root, "name");
        if (name) setText(name, spec.name);
        else root[tagOf(root)] = [element("name", {}, [{ "#text": spec.name }]), ...childrenOf(root)];
        const os = childByTag(root, "os");
        const nvram = os && childByTag(os, "nvram");
        // Without a path of its own, libvirt names one after the clone: the source's is never shared.
        if (nvram) nvram[tagOf(nvram)] = spec.nvram === undefined ? [] : [{ "#text": spec.nvram }];
        const devices = childByTag(root, "devices");
        if (devices) editDevices(devices, spec);
    });
}

/** The VM's UEFI variable store (<os><nvram>), if it has one. */
export function nvramPath(domainXml: string): string | undefined {
    const os = childByTag(parseRoot(domainXml, "domain"), "os");
    const nvram = os && childByTag(os, "nvram");
    const value = nvram && childrenOf(nvram).find(c => "#text" in c)?.["#text"];
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** The VM has a TPM emulated by swtpm, whose state lives in a directory of the host. */
export function hasEmulatedTpm(domainXml: string): boolean {
    const devices = childByTag(parseRoot(domainXml, "domain"), "devices");
    return childrenOf(devices ?? {}).some(d => tagOf(d) === "tpm" && childrenOf(d).some(b => tagOf(b) === "backend" && attribute(b, "type") === "emulator"));
}

/**
 * The VM as a snapshot recorded it: libvirt keeps the saved configuration of a running VM as
 * <inactiveDomain> next to the live one (<domain>, with the run's own ports and paths).
 */
export function snapshotDomainXml(snapshotXml: string): string {
    const snapshot = parseRoot(snapshotXml, "domainsnapshot");
    const saved = childByTag(snapshot, "inactiveDomain") ?? childByTag(snapshot, "domain");
    if (!saved) throw new Error("the snapshot holds no domain definition");
    const domain: OrderedNode = { domain: childrenOf(saved) };
    if (saved[":@"]) domain[":@"] = saved[":@"];
    return buildElement(domain);
}

/** A qcow2 volume on top of `backing`: what the clone writes goes into it, the rest is read from the backing image. */
export function overlayVolumeXml(name: string, capacityBytes: number, backing: { path: string; format: string }): string {
    return xmlBuilder.build({
        volume: {
            name,
            capacity: { "@_unit": "bytes", "#text": String(capacityBytes) },
            target: { format: { "@_type": "qcow2" } },
            backingStore: { path: backing.path, format: { "@_type": backing.format } },
        },
    });
}
