// KVM Manager's own element in a domain's <metadata>, in a namespace of its own so that libvirt
// keeps it through other clients' edits and exports carry it:
//   <kvmm:vm xmlns:kvmm="https://kvmmanager.org/xmlns/domain/1">
//     <kvmm:template><kvmm:disk target="vda"/></kvmm:template>
//   </kvmm:vm>
// One element for everything the manager records of a VM, so that later marks (tags, a folder)
// go beside <kvmm:template> and a writer keeps what it does not know.
import { call, type ConnectionId, DOMAIN_IFACE } from "./connection.ts";
import { attr, child, children, type XmlNode, xmlParser } from "./xml.ts";
import { attributesOf, childrenOf, element, type OrderedNode, replaceChildren, tagOf } from "./xml-edit.ts";

export const KVMM_NAMESPACE = "https://kvmmanager.org/xmlns/domain/1";
export const KVMM_PREFIX = "kvmm";

export interface TemplateMark {
    /** Disk targets the conversion made read-only: converting back makes only these writable again. */
    protectedDisks: string[];
}

export interface KvmmMetadata {
    template?: TemplateMark;
}

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

/** Reads our element (as xml.ts parses it) into what it records. */
export function parseKvmmElement(found: { node: XmlNode; prefix: string } | undefined): KvmmMetadata {
    if (!found) return {};
    const p = found.prefix ? `${found.prefix}:` : "";
    const template = found.node[`${p}template`];
    if (template === undefined) return {};
    const disks = children(typeof template === "object" ? template : {}, `${p}disk`);
    const single = typeof template === "object" && template !== null ? (template as XmlNode)[`${p}disk`] : undefined;
    const nodes = disks.length ? disks : (typeof single === "object" && single !== null ? [single as XmlNode] : []);
    return { template: { protectedDisks: nodes.map(d => attr(d, "target") ?? "").filter(Boolean) } };
}

/** Our element as GetMetadata answers it: the element alone, without prefix or namespace. */
export function parseKvmmMetadataXml(xml: string): KvmmMetadata {
    const vm = child(xmlParser.parse(xml) as XmlNode, "vm");
    return vm ? parseKvmmElement({ node: vm, prefix: "" }) : {};
}

function isOurs(node: OrderedNode): boolean {
    const tag = tagOf(node);
    if (localName(tag) !== "vm") return false;
    const prefix = tag.includes(":") ? tag.slice(0, tag.indexOf(":")) : "";
    return attributesOf(node)[prefix ? `xmlns:${prefix}` : "xmlns"] === KVMM_NAMESPACE;
}

/** Our element in xml-edit's order-preserving form; children it does not know are kept from `previous`. */
function buildKvmmElement(meta: KvmmMetadata, previous: OrderedNode | undefined): OrderedNode {
    const prefix = previous ? tagOf(previous).split(":")[0] ?? KVMM_PREFIX : KVMM_PREFIX;
    const kept = previous ? childrenOf(previous).filter(c => localName(tagOf(c)) !== "template") : [];
    const template = meta.template
        ? [element(`${prefix}:template`, {}, meta.template.protectedDisks.map(target => element(`${prefix}:disk`, { target })))]
        : [];
    return element(`${prefix}:vm`, { [`xmlns:${prefix}`]: KVMM_NAMESPACE }, [...template, ...kept]);
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
    const keepsSomething = meta.template !== undefined || (previous !== undefined && childrenOf(previous).some(c => localName(tagOf(c)) !== "template"));
    replaceChildren(metadata, isOurs, keepsSomething ? [buildKvmmElement(meta, previous)] : []);
}

/** virDomainMetadataType ELEMENT; "metadata not found" is how libvirt says a domain has none. */
const METADATA_ELEMENT = 2;

/** What we recorded of a domain, read through libvirt's metadata call (cheaper than its whole XML). */
export async function getKvmmMetadata(conn: ConnectionId, path: string, flags = 0): Promise<KvmmMetadata> {
    try {
        const [xml] = await call<[string]>(conn, path, DOMAIN_IFACE, "GetMetadata", [METADATA_ELEMENT, KVMM_NAMESPACE, flags], "isu");
        return parseKvmmMetadataXml(xml);
    } catch (error) {
        if (/metadata not found|Requested metadata element is not present/i.test(error instanceof Error ? error.message : String(error))) return {};
        throw error;
    }
}
