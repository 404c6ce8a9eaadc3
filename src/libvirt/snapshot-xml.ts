// Domain snapshot XML: what libvirt says of a snapshot, and the XML that asks for a new one.
import { attr, child, text, xmlBuilder, xmlParser } from "./xml.ts";

export interface SnapshotInfo {
    name: string;
    description: string;
    /** The VM's state when it was taken, as libvirt names it: running, shutoff, paused… */
    state: string;
    /** Seconds since the epoch. */
    createdAt: number;
    parent?: string;
    /** The VM's memory was saved too: reverting resumes the guest where it was. */
    memory: boolean;
}

export function parseSnapshotXml(xml: string): SnapshotInfo {
    const doc = xmlParser.parse(xml) as Record<string, unknown>;
    const snapshot = child(doc, "domainsnapshot");
    if (!snapshot) throw new Error("not a domain snapshot description");
    const info: SnapshotInfo = {
        name: text(snapshot.name) ?? "",
        description: text(snapshot.description) ?? "",
        state: text(snapshot.state) ?? "",
        createdAt: Number(text(snapshot.creationTime) ?? 0),
        memory: ["internal", "external"].includes(attr(child(snapshot, "memory"), "snapshot") ?? ""),
    };
    const parent = text(child(snapshot, "parent")?.name);
    if (parent) info.parent = parent;
    return info;
}

/** The XML for virDomainSnapshotCreateXML: libvirt fills in the rest (all disks, and memory when running). */
export function newSnapshotXml(name: string, description: string): string {
    return xmlBuilder.build({ domainsnapshot: { name, ...(description ? { description } : {}) } });
}
