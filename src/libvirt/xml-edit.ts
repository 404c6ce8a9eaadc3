// Edits of a whole XML document that keep everything else as it was: element order, unknown
// elements and attributes survive the round trip (fast-xml-parser's order-preserving form).
import XMLBuilder from "fast-xml-builder";
import { XMLParser } from "fast-xml-parser";

/** One element in order-preserving form: { tag: children, ":@"?: attributes }. */
export type OrderedNode = Record<string, unknown>;

const OPTIONS = { ignoreAttributes: false, attributeNamePrefix: "@_", preserveOrder: true, trimValues: true, parseTagValue: false, parseAttributeValue: false } as const;
const parser = new XMLParser(OPTIONS);
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

/** Parses `xml`, lets `edit` change the root element's children in place, and builds it again. */
export function editXml(xml: string, rootTag: string, edit: (root: OrderedNode) => void): string {
    const doc = parser.parse(xml) as OrderedNode[];
    const root = doc.find(n => tagOf(n) === rootTag);
    if (!root) throw new Error(`not a ${rootTag} XML document`);
    edit(root);
    return builder.build(doc);
}

/** Replaces the children of `parent` for which `drop` is true by `insert` (at the first dropped place, or the end). */
export function replaceChildren(parent: OrderedNode, drop: (child: OrderedNode) => boolean, insert: OrderedNode[]): void {
    const list = childrenOf(parent);
    const first = list.findIndex(drop);
    const kept = list.filter(c => !drop(c));
    kept.splice(first < 0 ? kept.length : first, 0, ...insert);
    parent[tagOf(parent)] = kept;
}
