// Shared fast-xml-parser set-up for libvirt XML: attributes kept with an "@_" prefix, and the
// elements that may repeat always parsed as arrays so callers need not guess.
import XMLBuilder from "fast-xml-builder";
import { XMLParser } from "fast-xml-parser";

const ALWAYS_ARRAYS = new Set(["disk", "interface", "channel", "serial", "console", "graphics", "boot", "hostdev", "controller", "video", "sound", "filesystem", "redirdev", "ip", "volume", "pool", "feature", "enum"]);

export const xmlParser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // libvirt writes non-ASCII characters in attributes as character references (&#xFC;).
    htmlEntities: true,
    isArray: (name) => ALWAYS_ARRAYS.has(name),
});

export const xmlBuilder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    suppressEmptyNode: true,
});

export type XmlNode = Record<string, unknown>;

export function child(node: unknown, name: string): XmlNode | undefined {
    if (typeof node !== "object" || node === null) return undefined;
    const value = (node as XmlNode)[name];
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as XmlNode;
    if (typeof value === "string") return { "#text": value };
    return undefined;
}

export function children(node: unknown, name: string): XmlNode[] {
    if (typeof node !== "object" || node === null) return [];
    const value = (node as XmlNode)[name];
    if (Array.isArray(value)) return value.filter((v): v is XmlNode => typeof v === "object" && v !== null);
    return [];
}

/** The document element; where the parser reads the tag as an array ("pool", "volume"), its first. */
export function documentElement(xml: string, name: string): XmlNode | undefined {
    const doc = xmlParser.parse(xml) as XmlNode;
    return child(doc, name) ?? children(doc, name)[0];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
    const value = node?.[`@_${name}`];
    return typeof value === "string" ? value : undefined;
}

export function text(node: unknown): string | undefined {
    if (typeof node === "string") return node;
    if (typeof node === "number") return String(node);
    if (typeof node === "object" && node !== null) {
        const value = (node as XmlNode)["#text"];
        if (typeof value === "string" || typeof value === "number") return String(value);
    }
    return undefined;
}
