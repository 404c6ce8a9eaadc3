// Adds a VNC display to a domain XML document. The XML goes through an order-preserving
// parse so that nothing else in it moves or changes.
import XMLBuilder from "fast-xml-builder";
import { XMLParser } from "fast-xml-parser";

import { _ } from "../lib/i18n.ts";

import { LibvirtError } from "./errors.ts";

const ATTRS = ":@";
type OrderedNode = Record<string, unknown>;

const orderedOptions = {
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    preserveOrder: true,
    commentPropName: "#comment",
    cdataPropName: "#cdata",
} as const;

const orderedParser = new XMLParser({ ...orderedOptions, parseTagValue: false, parseAttributeValue: false, trimValues: false });
const orderedBuilder = new XMLBuilder({ ...orderedOptions, suppressEmptyNode: true, format: false });

function tagName(node: OrderedNode): string | undefined {
    return Object.keys(node).find(key => key !== ATTRS);
}

function childNodes(node: OrderedNode): OrderedNode[] {
    const name = tagName(node);
    const value = name === undefined ? undefined : node[name];
    return Array.isArray(value) ? value as OrderedNode[] : [];
}

function attribute(node: OrderedNode, name: string): string | undefined {
    const attrs = node[ATTRS] as Record<string, unknown> | undefined;
    const value = attrs?.[`@_${name}`];
    return typeof value === "string" ? value : undefined;
}

function element(name: string, attrs: Record<string, string>, content: OrderedNode[] = []): OrderedNode {
    const node: OrderedNode = { [name]: content };
    if (Object.keys(attrs).length) node[ATTRS] = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`@_${k}`, v]));
    return node;
}

/**
 * The domain XML with `<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>` added, and a
 * VGA video device when it has none. Throws when it already has a VNC display.
 */
export function addVncToDomainXml(xml: string): string {
    const doc = orderedParser.parse(xml) as OrderedNode[];
    const domain = doc.find(n => tagName(n) === "domain");
    if (!domain) throw new Error("not a domain XML document");
    const domainChildren = childNodes(domain);
    let devices = domainChildren.find(n => tagName(n) === "devices");
    if (!devices) {
        devices = element("devices", {});
        domainChildren.push(devices);
    }
    const deviceList = childNodes(devices);
    if (deviceList.some(n => tagName(n) === "graphics" && attribute(n, "type") === "vnc"))
        throw new LibvirtError({ kind: "libvirt", summary: _("This virtual machine already has a VNC display"), detail: "" });
    deviceList.push(element("graphics", { type: "vnc", autoport: "yes", listen: "127.0.0.1" }));
    if (!deviceList.some(n => tagName(n) === "video"))
        deviceList.push(element("video", {}, [element("model", { type: "vga" })]));
    return orderedBuilder.build(doc);
}
