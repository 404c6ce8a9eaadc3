// A domain definition turned into a template and back. A template's writable disks become
// <readonly/>: QEMU then opens them read-only, so even a start by another client (virsh) cannot
// write to the image its linked clones are backed by. Which disks this made read-only is
// recorded, so that converting back leaves disks that were read-only before as they were.
import { findKvmmElement, type KvmmMetadata, parseKvmmElement, setKvmmMetadataIn } from "./kvmm-metadata.ts";
import { child, type XmlNode, xmlParser } from "./xml.ts";
import { attributesOf, childrenOf, editXml, element, type OrderedNode, replaceChildren, tagOf } from "./xml-edit.ts";

/** What our metadata in a whole domain XML records. */
export function kvmmMetadataOf(domainXml: string): KvmmMetadata {
    const domain = child(xmlParser.parse(domainXml) as XmlNode, "domain");
    return parseKvmmElement(findKvmmElement(child(domain, "metadata")));
}

function disksOf(domain: OrderedNode): OrderedNode[] {
    const devices = childrenOf(domain).find(c => tagOf(c) === "devices");
    return devices ? childrenOf(devices).filter(c => tagOf(c) === "disk") : [];
}

function targetOf(disk: OrderedNode): string {
    const target = childrenOf(disk).find(c => tagOf(c) === "target");
    return target ? attributesOf(target).dev ?? "" : "";
}

const isReadonly = (disk: OrderedNode): boolean => childrenOf(disk).some(c => tagOf(c) === "readonly");

/** The definition as a template: writable disks made read-only, and the mark in our metadata. */
export function templateXml(domainXml: string): string {
    const marks = kvmmMetadataOf(domainXml);
    return editXml(domainXml, "domain", domain => {
        const protectedDisks: string[] = [];
        for (const disk of disksOf(domain)) {
            if (isReadonly(disk)) continue;
            // libvirt's order puts <readonly/> after <target>; it sorts the rest itself.
            childrenOf(disk).push(element("readonly"));
            protectedDisks.push(targetOf(disk));
        }
        setKvmmMetadataIn(domain, { ...marks, template: { protectedDisks } });
    });
}

/** The template's definition as an ordinary VM's: the disks it protected writable again, the mark gone. */
export function vmXml(domainXml: string): string {
    const { template, ...otherMarks } = kvmmMetadataOf(domainXml);
    const protectedDisks = new Set(template?.protectedDisks ?? []);
    return editXml(domainXml, "domain", domain => {
        for (const disk of disksOf(domain))
            if (protectedDisks.has(targetOf(disk))) replaceChildren(disk, c => tagOf(c) === "readonly", []);
        // Tags and the folder stay; marks this version does not know are kept by the writer.
        setKvmmMetadataIn(domain, otherMarks);
    });
}
