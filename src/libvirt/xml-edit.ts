// Edits of a whole XML document that keep everything else as it was: element order, unknown
// elements and attributes survive the round trip (fast-xml-parser's order-preserving form).
import XMLBuilder from "fast-xml-builder";
import { XMLParser } from "fast-xml-parser";

/** One element in order-preserving form: { tag: children, ":@"?: attributes }. */
export type OrderedNode = Record<string, unknown>;

// Comments and CDATA are kept too: a hand-written definition keeps its notes.
const OPTIONS = {
    ignoreAttributes: false, attributeNamePrefix: "@_", preserveOrder: true, commentPropName: "#comment", cdataPropName: "#cdata",
    trimValues: true, parseTagValue: false, parseAttributeValue: false,
} as const;
// libvirt writes non-ASCII characters in attributes as character references (&#xFC;): read them
// as the characters they stand for (the builder writes them as UTF-8).
const parser = new XMLParser({ ...OPTIONS, htmlEntities: true });
const builder = new XMLBuilder({ ...OPTIONS, format: true, suppressEmptyNode: true });

export function tagOf(node: OrderedNode): string {
    return Object.keys(node).find(k => k !== ":@") ?? "";
}

export function childrenOf(node: OrderedNode): OrderedNode[] {
    const value = node[tagOf(node)];
    return Array.isArray(value) ? value as OrderedNode[] : [];
}

export function element(tag: string, attributes: Record<string, string> = {}, children: OrderedNode[] = []): OrderedNode {
    const node: OrderedNode = { [tag]: children };
    if (Object.keys(attributes).length) node[":@"] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`@_${k}`, v]));
    return node;
}

function rootOf(doc: OrderedNode[], rootTag: string): OrderedNode {
    const root = doc.find(n => tagOf(n) === rootTag);
    if (!root) throw new Error(`not a ${rootTag} XML document`);
    return root;
}

/** Parses `xml`, lets `edit` change the root element's children in place, and builds it again. */
export function editXml(xml: string, rootTag: string, edit: (root: OrderedNode) => void): string {
    const doc = parser.parse(xml) as OrderedNode[];
    edit(rootOf(doc, rootTag));
    return builder.build(doc);
}

/** The root element of `xml`, to read or to take parts of. */
export function parseRoot(xml: string, rootTag: string): OrderedNode {
    return rootOf(parser.parse(xml) as OrderedNode[], rootTag);
}

/** One element as XML of its own (a device for UpdateDevice). */
export function buildElement(node: OrderedNode): string {
    return builder.build([node]);
}

export function attributesOf(node: OrderedNode): Record<string, string> {
    const raw = (node[":@"] ?? {}) as Record<string, string>;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/^@_/, ""), v]));
}

export function setAttributes(node: OrderedNode, attributes: Record<string, string>): void {
    node[":@"] = { ...(node[":@"] as Record<string, string> | undefined), ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`@_${k}`, v])) };
}

/** Replaces the children of `parent` for which `drop` is true by `insert` (at the first dropped place, or the end). */
export function replaceChildren(parent: OrderedNode, drop: (child: OrderedNode) => boolean, insert: OrderedNode[]): void {
    const list = childrenOf(parent);
    const first = list.findIndex(drop);
    const kept = list.filter(c => !drop(c));
    kept.splice(first < 0 ? kept.length : first, 0, ...insert);
    parent[tagOf(parent)] = kept;
}
