// Changes to a device that exists: take its element out of the domain XML as libvirt wrote it,
// change one thing (CD media, link state), and hand the whole element back to UpdateDevice,
// so that nothing else (model, address, driver) looks changed to libvirt.
import { attr, child, children, xmlBuilder, type XmlNode,xmlParser } from "./xml.ts";

export type DeviceKind = "disk" | "interface";

function devices(domainXml: string): XmlNode | undefined {
    const doc = xmlParser.parse(domainXml) as XmlNode;
    return child(child(doc, "domain"), "devices");
}

export function findDisk(domainXml: string, target: string): XmlNode | undefined {
    return children(devices(domainXml), "disk").find(d => attr(child(d, "target"), "dev") === target);
}

export function findInterface(domainXml: string, mac: string): XmlNode | undefined {
    return children(devices(domainXml), "interface")
            .find(i => attr(child(i, "mac"), "address")?.toLowerCase() === mac.toLowerCase());
}

export function deviceXml(kind: DeviceKind, node: XmlNode): string {
    return xmlBuilder.build({ [kind]: node });
}

/** The disk with new media (a file path), or with none (ejected). */
export function withMedia(disk: XmlNode, path: string | null): XmlNode {
    const copy: XmlNode = { ...disk };
    delete copy.source;
    // Keep the elements in libvirt's order: <source> before <target>.
    const ordered: XmlNode = {};
    for (const [key, value] of Object.entries(copy)) {
        if (key === "target" && path) ordered.source = { "@_file": path };
        ordered[key] = value;
    }
    if (path && !ordered.source) ordered.source = { "@_file": path };
    if (path) ordered["@_type"] = "file";
    return ordered;
}

export function withLinkState(nic: XmlNode, up: boolean): XmlNode {
    return { ...nic, link: { "@_state": up ? "up" : "down" } };
}

export function diskTargets(domainXml: string): string[] {
    return children(devices(domainXml), "disk").map(d => attr(child(d, "target"), "dev") ?? "").filter(Boolean);
}
