// KVM Manager's own element in a domain's <metadata>, in a namespace of its own so that libvirt
// keeps it through other clients' edits and exports carry it:
//   <kvmm:vm xmlns:kvmm="https://kvmmanager.org/xmlns/domain/1">
//     <kvmm:template><kvmm:disk target="vda"/></kvmm:template>
//     <kvmm:tags><kvmm:tag name="web" colour="blue"/></kvmm:tags>
//     <kvmm:folder name="production"/>
//   </kvmm:vm>
// One element for everything the manager records of a VM; a writer keeps what it does not know.
// Names are attributes: the builder escapes them, and libvirt keeps them byte for byte.
import { call, type ConnectionId, DOMAIN_IFACE } from "./connection.ts";
import { attr, type XmlNode, xmlParser } from "./xml.ts";
import { attributesOf, buildElement, childrenOf, element, type OrderedNode, parseRoot, replaceChildren, tagOf } from "./xml-edit.ts";

export const KVMM_NAMESPACE = "https://kvmmanager.org/xmlns/domain/1";
export const KVMM_PREFIX = "kvmm";

export interface TemplateMark {
    /** Disk targets the conversion made read-only: converting back makes only these writable again. */
    protectedDisks: string[];
}

/** The colours of PatternFly's labels, which show tags. */
export const TAG_COLOURS = ["grey", "blue", "teal", "green", "yellow", "orange", "red", "purple"] as const;
export type TagColour = typeof TAG_COLOURS[number];

export interface VmTag {
    name: string;
    colour: TagColour;
}

export interface KvmmMetadata {
    template?: TemplateMark;
    tags?: VmTag[];
    folder?: string;
}

/** The children of ours this version writes; others are kept as they are. */
const KNOWN_CHILDREN = ["template", "tags", "folder"];

export const isTagColour = (value: string | undefined): value is TagColour => (TAG_COLOURS as readonly string[]).includes(value ?? "");

/** The local name of a (possibly prefixed) tag. */
const localName = (tag: string): string => tag.slice(tag.indexOf(":") + 1);

/**
 * Our element among the children of <metadata> as xml.ts parses it: found by its namespace, not
 * its prefix, which another writer may have chosen differently.
 */
export function findKvmmElement(metadata: XmlNode | undefined): { node: XmlNode; prefix: string } | undefined {
    for (const [tag, value] of Object.entries(metadata ?? {})) {
        if (localName(tag) !== "vm" || typeof value !== "object" || value === null) continue;
        const node = (Array.isArray(value) ? value[0] : value) as XmlNode;
        const prefix = tag.includes(":") ? tag.slice(0, tag.indexOf(":")) : "";
        if (attr(node, prefix ? `xmlns:${prefix}` : "xmlns") === KVMM_NAMESPACE) return { node, prefix };
    }
    return undefined;
}

/** A parsed child that may be there once, several times or as bare text: its elements. */
function elementsOf(value: unknown): XmlNode[] {
    const list: unknown[] = Array.isArray(value) ? value : [value];
    return list.filter((v): v is XmlNode => typeof v === "object" && v !== null);
}

/**
 * Reads our element (as xml.ts parses it) into what it records. What another writer put there in
 * a shape of its own (text, unknown colours, tags without a name) is passed over, not an error.
 */
export function parseKvmmElement(found: { node: XmlNode; prefix: string } | undefined): KvmmMetadata {
    if (!found) return {};
    const p = found.prefix ? `${found.prefix}:` : "";
    const meta: KvmmMetadata = {};
    const template = found.node[`${p}template`];
    if (template !== undefined) {
        const disks = elementsOf(template).flatMap(t => elementsOf(t[`${p}disk`]));
        meta.template = { protectedDisks: disks.map(d => attr(d, "target") ?? "").filter(Boolean) };
    }
    const tags = elementsOf(found.node[`${p}tags`]).flatMap(t => elementsOf(t[`${p}tag`]));
    const seen = new Set<string>();
    for (const tag of tags) {
        const name = attr(tag, "name");
        if (!name || seen.has(name)) continue;
        seen.add(name);
        const colour = attr(tag, "colour");
        (meta.tags ??= []).push({ name, colour: isTagColour(colour) ? colour : "grey" });
    }
    const folder = attr(elementsOf(found.node[`${p}folder`])[0], "name");
    if (folder) meta.folder = folder;
    return meta;
}

/** Our element as GetMetadata answers it: the element alone, without prefix or namespace. */
export function parseKvmmMetadataXml(xml: string): KvmmMetadata {
    const vm = elementsOf((xmlParser.parse(xml) as XmlNode).vm)[0];
    return vm ? parseKvmmElement({ node: vm, prefix: "" }) : {};
}

function isOurs(node: OrderedNode): boolean {
    const tag = tagOf(node);
    if (localName(tag) !== "vm") return false;
    const prefix = tag.includes(":") ? tag.slice(0, tag.indexOf(":")) : "";
    return attributesOf(node)[prefix ? `xmlns:${prefix}` : "xmlns"] === KVMM_NAMESPACE;
}

/** Whether the record holds anything to write. */
const isEmpty = (meta: KvmmMetadata): boolean => meta.template === undefined && !meta.tags?.length && meta.folder === undefined;

/** Our children for `meta`, with `prefix` ("" where libvirt adds the namespace itself). */
function knownChildren(meta: KvmmMetadata, prefix: string): OrderedNode[] {
    const p = prefix ? `${prefix}:` : "";
    const nodes: OrderedNode[] = [];
    if (meta.template) nodes.push(element(`${p}template`, {}, meta.template.protectedDisks.map(target => element(`${p}disk`, { target }))));
    if (meta.tags?.length) nodes.push(element(`${p}tags`, {}, meta.tags.map(tag => element(`${p}tag`, { name: tag.name, colour: tag.colour }))));
    if (meta.folder !== undefined) nodes.push(element(`${p}folder`, { name: meta.folder }));
    return nodes;
}

const unknownChildren = (previous: OrderedNode | undefined): OrderedNode[] =>
    previous ? childrenOf(previous).filter(c => !KNOWN_CHILDREN.includes(localName(tagOf(c)))) : [];

/** Our element in xml-edit's order-preserving form; children it does not know are kept from `previous`. */
function buildKvmmElement(meta: KvmmMetadata, previous: OrderedNode | undefined): OrderedNode {
    const prefix = previous ? tagOf(previous).split(":")[0] ?? KVMM_PREFIX : KVMM_PREFIX;
    return element(`${prefix}:vm`, { [`xmlns:${prefix}`]: KVMM_NAMESPACE }, [...knownChildren(meta, prefix), ...unknownChildren(previous)]);
}

/**
 * Our element for SetMetadata: without prefix or namespace (libvirt puts its own on every
 * element), children unknown to this version kept from `previousXml` (as GetMetadata gave it).
 * With nothing to record it is an empty <vm/>: libvirt-dbus cannot remove an element (it passes
 * an empty string where libvirt wants none).
 */
export function kvmmMetadataXml(meta: KvmmMetadata, previousXml?: string): string {
    const kept = previousXml ? unknownChildren(parseRoot(previousXml, "vm")) : [];
    return buildElement(element("vm", {}, [...knownChildren(meta, ""), ...kept]));
}

/**
 * Writes `meta` into the <domain> element (xml-edit form), creating <metadata> where there is
 * none and keeping every other client's metadata. An empty record removes our element.
 */
export function setKvmmMetadataIn(domain: OrderedNode, meta: KvmmMetadata): void {
    let metadata = childrenOf(domain).find(c => tagOf(c) === "metadata");
    if (!metadata) {
        metadata = element("metadata");
        // libvirt orders the element itself; after <uuid> keeps a hand-read definition tidy.
        const list = childrenOf(domain);
        const at = list.findIndex(c => !["name", "uuid", "genid", "title", "description"].includes(tagOf(c)));
        list.splice(at < 0 ? list.length : at, 0, metadata);
    }
    const previous = childrenOf(metadata).find(isOurs);
    const keepsSomething = !isEmpty(meta) || unknownChildren(previous).length > 0;
    replaceChildren(metadata, isOurs, keepsSomething ? [buildKvmmElement(meta, previous)] : []);
}

/** virDomainMetadataType ELEMENT; "metadata not found" is how libvirt says a domain has none. */
const METADATA_ELEMENT = 2;

/** Our element as libvirt holds it (see GetMetadata's flags: 0 current, 1 live, 2 saved definition); undefined when there is none. */
export async function getKvmmMetadataXml(conn: ConnectionId, path: string, flags = 0): Promise<string | undefined> {
    try {
        const [xml] = await call<[string]>(conn, path, DOMAIN_IFACE, "GetMetadata", [METADATA_ELEMENT, KVMM_NAMESPACE, flags], "isu");
        return xml;
    } catch (error) {
        if (/metadata not found|Requested metadata element is not present/i.test(error instanceof Error ? error.message : String(error))) return undefined;
        throw error;
    }
}

/** What we recorded of a domain, read through libvirt's metadata call (cheaper than its whole XML). */
export async function getKvmmMetadata(conn: ConnectionId, path: string, flags = 0): Promise<KvmmMetadata> {
    const xml = await getKvmmMetadataXml(conn, path, flags);
    return xml === undefined ? {} : parseKvmmMetadataXml(xml);
}

/** Replaces our element (from kvmmMetadataXml) in the live and/or saved definition (flags). */
export async function setKvmmMetadataXml(conn: ConnectionId, path: string, xml: string, flags: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "SetMetadata", [METADATA_ELEMENT, xml, KVMM_PREFIX, KVMM_NAMESPACE, flags], "isssu");
}
