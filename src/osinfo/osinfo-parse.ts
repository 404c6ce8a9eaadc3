// libosinfo's OS database (the osinfo-db package's XML) → the facts a new VM's defaults need:
// recommended memory, disk and vCPUs, virtio support and firmware.
import { XMLParser } from "fast-xml-parser";

export interface OsResources {
    ramBytes?: number;
    storageBytes?: number;
    cpus?: number;
}

export interface OsInfo {
    id: string;
    shortId: string;
    name: string;
    version?: string;
    vendor?: string;
    family?: string;
    distro?: string;
    /** YYYY-MM-DD */
    releaseDate?: string;
    eolDate?: string;
    /** Ids this entry inherits unset facts from (derives-from, upgrades). */
    parents: string[];
    minimum: OsResources;
    recommended: OsResources;
    /** Has virtio device drivers (virtio-net/-blk/…) built in. */
    virtio?: boolean;
    /** "required": only boots with UEFI; "supported": may use it. */
    efi?: "required" | "supported";
}

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    isArray: name => ["os", "name", "vendor", "resources", "device", "firmware", "derives-from", "upgrades"].includes(name),
});

type Node = Record<string, unknown>;

/** The untranslated text of an element that may come in several xml:lang variants. */
function plain(value: unknown): string | undefined {
    const list = Array.isArray(value) ? value : [value];
    for (const v of list) {
        if (typeof v === "string") return v;
        if (typeof v === "object" && v !== null && !("@_xml:lang" in v) && typeof (v as Node)["#text"] === "string") return (v as Node)["#text"] as string;
    }
    return undefined;
}

function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

function resources(node: unknown): OsResources {
    const r: OsResources = {};
    if (typeof node !== "object" || node === null) return r;
    const n = node as Node;
    const ram = Number(n.ram), storage = Number(n.storage), cpus = Number(n["n-cpus"]);
    if (ram > 0) r.ramBytes = ram;
    if (storage > 0) r.storageBytes = storage;
    if (cpus > 0) r.cpus = cpus;
    return r;
}

function nodes(value: unknown): Node[] {
    return Array.isArray(value) ? value.filter((v): v is Node => typeof v === "object" && v !== null) : [];
}

function parseOs(os: Node): OsInfo | undefined {
    const id = str(os["@_id"]);
    const name = plain(os.name);
    if (!id || !name) return undefined;
    const info: OsInfo = {
        id, name,
        // Some entries carry several short ids (debian11, debianbullseye): the first is the main one.
        shortId: str(Array.isArray(os["short-id"]) ? os["short-id"][0] : os["short-id"]) ?? id,
        parents: [...nodes(os["derives-from"]), ...nodes(os.upgrades)].map(p => str(p["@_id"]) ?? "").filter(Boolean),
        minimum: {},
        recommended: {},
    };
    for (const key of ["version", "family", "distro"] as const) {
        const value = str(os[key]);
        if (value) info[key] = value;
    }
    const vendor = plain(os.vendor);
    if (vendor) info.vendor = vendor;
    const release = str(os["release-date"]);
    if (release) info.releaseDate = release;
    const eol = str(os["eol-date"]);
    if (eol) info.eolDate = eol;
    // Prefer the x86_64 figures, then the ones for every architecture.
    const res = nodes(os.resources).sort((a, b) => (a["@_arch"] === "x86_64" ? -1 : 0) - (b["@_arch"] === "x86_64" ? -1 : 0));
    for (const r of [...res].reverse()) {
        Object.assign(info.minimum, resources(r.minimum));
        Object.assign(info.recommended, resources(r.recommended));
    }
    const devices = nodes((os.devices as Node | undefined)?.device).map(d => str(d["@_id"]) ?? "");
    if (devices.length) info.virtio = devices.some(d => d.includes("/pci/1af4/"));
    const firmware = nodes(os.firmware).filter(f => f["@_arch"] === "x86_64");
    if (firmware.some(f => f["@_type"] === "bios" && f["@_supported"] === "false")) info.efi = "required";
    else if (firmware.some(f => f["@_type"] === "efi" && f["@_supported"] !== "false")) info.efi = "supported";
    return info;
}

/** One osinfo XML document (a <libosinfo> root with <os> entries). */
export function parseOsinfoDocument(xml: string): OsInfo[] {
    const doc = parser.parse(xml) as Node;
    return nodes((doc.libosinfo as Node | undefined)?.os).map(parseOs).filter((o): o is OsInfo => o !== undefined);
}

/** Many documents concatenated (as `cat *.xml` prints them). */
export function parseOsinfoConcatenated(text: string): OsInfo[] {
    return text.split(/(?=<\?xml)/).flatMap(part => part.includes("<libosinfo") ? parseOsinfoDocument(part) : []);
}

/** Fills facts an entry leaves unset from the entries it derives from or upgrades. */
export function resolveInheritance(list: OsInfo[]): OsInfo[] {
    const byId = new Map(list.map(o => [o.id, o]));
    const resolved = new Map<string, OsInfo>();
    const resolve = (os: OsInfo, seen: Set<string>): OsInfo => {
        const done = resolved.get(os.id);
        if (done) return done;
        let result = { ...os, minimum: { ...os.minimum }, recommended: { ...os.recommended } };
        for (const parentId of os.parents) {
            const parent = byId.get(parentId);
            if (!parent || seen.has(parentId)) continue;
            const p = resolve(parent, new Set([...seen, os.id]));
            result = {
                ...result,
                minimum: { ...p.minimum, ...result.minimum },
                recommended: { ...p.recommended, ...result.recommended },
            };
            if (result.virtio === undefined && p.virtio !== undefined) result.virtio = p.virtio;
            if (result.efi === undefined && p.efi !== undefined) result.efi = p.efi;
        }
        resolved.set(os.id, result);
        return result;
    };
    return list.map(os => resolve(os, new Set()));
}

/** Newest releases first; entries without a date (rolling, testing) lead their family. */
export function newestFirst(list: readonly OsInfo[]): OsInfo[] {
    return [...list].sort((a, b) => (b.releaseDate ?? "9999").localeCompare(a.releaseDate ?? "9999") || a.name.localeCompare(b.name));
}

/** One entry per id: osinfo-db adds to an OS in files of its own (win-10.d/*.xml, drivers),
 *  with the same id; the first value of each fact stands, resources are completed. */
export function mergeSameId(list: readonly OsInfo[]): OsInfo[] {
    const byId = new Map<string, OsInfo>();
    for (const os of list) {
        const seen = byId.get(os.id);
        byId.set(os.id, seen
            ? {
                ...os, ...definedFacts(seen),
                parents: [...new Set([...seen.parents, ...os.parents])],
                minimum: { ...os.minimum, ...seen.minimum },
                recommended: { ...os.recommended, ...seen.recommended },
            }
            : os);
    }
    return [...byId.values()];
}

function definedFacts(os: OsInfo): Partial<OsInfo> {
    return Object.fromEntries(Object.entries(os).filter(([, v]) => v !== undefined));
}

/** How an entry looks in the OS list: its name, vendor and release year. */
export function osLook(os: OsInfo): string {
    return [os.name, os.vendor, os.releaseDate?.slice(0, 4)].join("\u0000");
}

/** Entries that would look identical in the list (Fedora CoreOS stable/next/testing, PureOS
 *  8/9/10 without dates) become one: the one with the highest version, else the first. */
export function mergeLookalikes(list: readonly OsInfo[]): OsInfo[] {
    const kept = new Map<string, OsInfo>();
    for (const os of list) {
        const look = osLook(os);
        const seen = kept.get(look);
        if (!seen || (os.version ?? "").localeCompare(seen.version ?? "", undefined, { numeric: true }) > 0) kept.set(look, os);
    }
    const chosen = new Set(kept.values());
    return list.filter(os => chosen.has(os));
}
