// Storage pool XML: what the pages show of a pool, and the XML of a new directory pool.
import { attr, child, children, text, xmlBuilder, xmlParser } from "./xml.ts";

export interface StoragePoolConfig {
    name: string;
    uuid: string;
    /** dir, fs, logical, netfs, iscsi, … */
    type: string;
    /** Where the pool's volumes appear on the host (its <target><path>). */
    targetPath?: string;
    /** Device, host or pool name the pool is made from, when it has one. */
    source?: string;
}

export function parseStoragePoolXml(xml: string): StoragePoolConfig {
    const doc = xmlParser.parse(xml) as Record<string, unknown>;
    // "pool" is parsed as a list everywhere (it repeats in other documents).
    const pool = children(doc, "pool")[0] ?? child(doc, "pool");
    if (!pool) throw new Error("not a storage pool XML document");
    const config: StoragePoolConfig = {
        name: text(pool.name) ?? "",
        uuid: text(pool.uuid) ?? "",
        type: attr(pool, "type") ?? "",
    };
    const targetPath = text(child(child(pool, "target"), "path"));
    if (targetPath) config.targetPath = targetPath;
    const source = child(pool, "source");
    const sourceText = attr(child(source, "device"), "path") ?? attr(child(source, "host"), "name") ?? text(child(source, "name"));
    if (sourceText) config.source = sourceText;
    return config;
}

export interface DirPoolSpec {
    name: string;
    path: string;
}

/** A directory pool, like virt-install's and cockpit-machines' `default` pool. */
export function dirPoolXml(spec: DirPoolSpec): string {
    return xmlBuilder.build({
        pool: {
            "@_type": "dir",
            name: spec.name,
            target: { path: spec.path },
        },
    });
}
