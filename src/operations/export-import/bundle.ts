// Our export bundle: a tar of the domain XML as libvirt keeps it, one qcow2 file per disk named
// after the disk's target (vda.qcow2), and a manifest of their SHA-256 sums. On import the XML is
// given the new name and the new volumes; its identity (UUID, MAC addresses, NVRAM file) is left
// for libvirt to make afresh, so the copy can live beside the original.
import { attributesOf, childrenOf, editXml, type OrderedNode, replaceChildren, setAttributes, tagOf } from "../../libvirt/xml-edit.ts";

export const BUNDLE_DOMAIN_XML = "domain.xml";
export const BUNDLE_MANIFEST = "manifest.mf";

export function bundleDiskFile(target: string): string {
    return `${target.replace(/[^\w.-]+/g, "_")}.qcow2`;
}

export interface BundleRewrite {
    name: string;
    /** Disk target → the new image and its format. */
    disks: ReadonlyMap<string, { path: string; format: string }>;
    /** Virtual network for the VM's network-type interfaces; unchanged when undefined. */
    network?: string | undefined;
}

const byTag = (parent: OrderedNode, tag: string): OrderedNode[] => childrenOf(parent).filter(c => tagOf(c) === tag);

function rewriteDisk(disk: OrderedNode, disks: BundleRewrite["disks"]): void {
    const target = byTag(disk, "target")[0];
    const replacement = target && attributesOf(disk).device !== "cdrom" ? disks.get(attributesOf(target).dev ?? "") : undefined;
    if (!replacement) return;
    setAttributes(disk, { type: "file" });
    for (const driver of byTag(disk, "driver")) setAttributes(driver, { type: replacement.format });
    replaceChildren(disk, c => tagOf(c) === "source", [{ source: [], ":@": { "@_file": replacement.path } }]);
    // A backing chain or a pool volume of the original means nothing for the flattened copy.
    replaceChildren(disk, c => tagOf(c) === "backingStore", []);
}

function rewriteInterface(nic: OrderedNode, network: string | undefined): void {
    replaceChildren(nic, c => tagOf(c) === "mac" || tagOf(c) === "target", []);
    if (network !== undefined && attributesOf(nic).type === "network") {
        for (const source of byTag(nic, "source")) setAttributes(source, { network });
    }
}

/** Logs named after the VM (a serial console's log file) follow the new name. */
function renameLogs(devices: OrderedNode, oldName: string, name: string): void {
    for (const device of childrenOf(devices)) {
        for (const log of byTag(device, "log")) {
            const file = attributesOf(log).file;
            if (file?.includes(oldName)) setAttributes(log, { file: file.split(oldName).join(name) });
        }
    }
}

export function rewriteBundleXml(xml: string, change: BundleRewrite): string {
    return editXml(xml, "domain", root => {
        const nameNode = byTag(root, "name")[0];
        const oldName = nameNode ? childrenOf(nameNode).map(c => (typeof c["#text"] === "string" ? c["#text"] : "")).join("") : "";
        replaceChildren(root, c => tagOf(c) === "name", [{ name: [{ "#text": change.name }] }]);
        replaceChildren(root, c => tagOf(c) === "uuid", []);
        for (const os of byTag(root, "os")) replaceChildren(os, c => tagOf(c) === "nvram", []);
        for (const devices of byTag(root, "devices")) {
            for (const disk of byTag(devices, "disk")) rewriteDisk(disk, change.disks);
            for (const nic of byTag(devices, "interface")) rewriteInterface(nic, change.network);
            if (oldName) renameLogs(devices, oldName, change.name);
        }
    });
}
