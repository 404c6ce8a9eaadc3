// Shared folders: <filesystem> devices (virtiofs, or 9p in older definitions) and the shared
// memory backing that virtiofs needs, read from and written into the domain XML.
import { _, format } from "../lib/i18n.ts";
import { attr, child, xmlBuilder,type XmlNode } from "./xml.ts";
import { childrenOf, editXml, element, parseRoot, replaceChildren, setAttributes, tagOf } from "./xml-edit.ts";

export interface SharedFolder {
    /** The host directory. */
    hostDir: string;
    /** The mount tag the guest mounts it by. */
    tag: string;
    readOnly: boolean;
    /** virtiofs, or path/handle (9p) in definitions made elsewhere. */
    driver: string;
}

export interface NewSharedFolder {
    hostDir: string;
    tag: string;
    readOnly: boolean;
}

/** Linux takes a virtiofs tag of at most 36 bytes. */
const TAG_BYTES = 36;

export function parseSharedFolder(node: XmlNode): SharedFolder {
    return {
        hostDir: attr(child(node, "source"), "dir") ?? "",
        tag: attr(child(node, "target"), "dir") ?? "",
        readOnly: child(node, "readonly") !== undefined || node.readonly === "",
        driver: attr(child(node, "driver"), "type") ?? "path",
    };
}

/** Whether the domain's memory is shared with the host (<memoryBacking><access mode='shared'/>), as virtiofs needs. */
export function parseSharedMemory(domain: XmlNode): boolean {
    return attr(child(child(domain, "memoryBacking"), "access"), "mode") === "shared";
}

export function sharedFolderXml(folder: NewSharedFolder): string {
    const node: XmlNode = {
        "@_type": "mount", "@_accessmode": "passthrough",
        driver: { "@_type": "virtiofs" }, source: { "@_dir": folder.hostDir }, target: { "@_dir": folder.tag },
    };
    if (folder.readOnly) node.readonly = "";
    return xmlBuilder.build({ filesystem: node });
}

/** A mount tag proposed from the folder's name: its last part, with what a tag cannot hold replaced, cut to size. */
export function proposedTag(hostDir: string): string {
    let tag = (hostDir.replace(/\/+$/, "").split("/").pop() ?? "").replace(/[\s,'"\\]+/g, "-");
    while (new TextEncoder().encode(tag).length > TAG_BYTES) tag = tag.slice(0, -1);
    return tag;
}

/** Why the folder cannot be shared under this tag, or null. */
export function sharedFolderProblem(folder: NewSharedFolder, takenTags: readonly string[]): string | null {
    if (!folder.hostDir.startsWith("/")) return _("Enter the full path of a folder on the host, starting with /.");
    const tag = folder.tag;
    if (tag === "") return _("Enter a mount tag: the name the guest mounts the folder by.");
    if (new TextEncoder().encode(tag).length > TAG_BYTES) return format(_("A mount tag has at most $0 bytes."), TAG_BYTES);
    if (/[\s,'"\\]/.test(tag)) return _("A mount tag has no spaces, commas, quotes or backslashes.");
    if (takenTags.includes(tag)) return format(_("The virtual machine already shares a folder as $0."), tag);
    return null;
}

/**
 * The domain XML with its memory shared with the host (memfd unless it already has a backing
 * such as huge pages) and `folder` added, for a shut-off VM's definition.
 */
export function withSharedFolder(domainXml: string, folder: NewSharedFolder): string {
    const filesystem = parseRoot(sharedFolderXml(folder), "filesystem");
    return editXml(domainXml, "domain", domain => {
        let backing = childrenOf(domain).find(c => tagOf(c) === "memoryBacking");
        if (!backing) {
            backing = element("memoryBacking");
            replaceChildren(domain, () => false, [backing]);
        }
        const parts = childrenOf(backing);
        if (!parts.some(c => ["source", "hugepages"].includes(tagOf(c)))) parts.push(element("source", { type: "memfd" }));
        const access = parts.find(c => tagOf(c) === "access");
        if (access) setAttributes(access, { mode: "shared" });
        else parts.push(element("access", { mode: "shared" }));
        backing[tagOf(backing)] = parts;
        const devices = childrenOf(domain).find(c => tagOf(c) === "devices");
        if (!devices) throw new Error("domain XML without <devices>");
        replaceChildren(devices, () => false, [filesystem]);
    });
}
