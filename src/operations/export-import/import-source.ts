// What an import file holds, read and checked before anything is made: an OVA or our bundle
// (unpacked into a working directory, its manifest's checksums verified), a loose OVF with its
// disks beside it, or a single disk image. Every refusal says what is wrong with the file.
import { parentDirectory } from "../../host/host-files.ts";
import { hostPathKind } from "../../host/host-path.ts";
import { extractTar, fileDigests, holdWorkDirectory, listTar, readHostFile, type WorkDirectory } from "../../host/vm-archive.ts";
import { _, format } from "../../lib/i18n.ts";
import { type ManifestEntry, manifestProblems, parseManifest } from "../../lib/ovf/manifest.ts";
import { OvfError, type OvfVmIn, parseOvf } from "../../lib/ovf/ovf-parse.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { type DomainConfig, parseDomainXml } from "../../libvirt/domain-xml.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { BUNDLE_DOMAIN_XML, BUNDLE_MANIFEST, bundleDiskFile } from "./bundle.ts";
import { exportedDisks } from "./export-vm.ts";

export type ImportSource =
    | { kind: "ovf"; name: string; vm: OvfVmIn; disks: string[]; work?: WorkDirectory }
    | { kind: "bundle"; name: string; xml: string; config: DomainConfig; disks: { target: string; path: string }[]; work: WorkDirectory }
    | { kind: "disk"; name: string; disks: string[] };

/** The file's kind by its name: archives and descriptors are named so by every exporter. */
export function importKind(file: string): "archive" | "ovf" | "disk" {
    if (/\.(ova|tar)$/i.test(file)) return "archive";
    if (/\.ovf$/i.test(file)) return "ovf";
    return "disk";
}

/** The VM name a file proposes: its name without the extension. */
export function nameFromFile(file: string): string {
    return (file.split("/").pop() ?? file).replace(/\.[^.]*$/, "");
}

async function checkManifest(conn: ConnectionId, dir: string, text: string, what: string): Promise<void> {
    let entries: ManifestEntry[];
    try {
        entries = parseManifest(text);
    } catch (error) {
        throw invalidInput(format(_("$0 has a damaged manifest"), what), error instanceof Error ? error.message : String(error));
    }
    const computed = new Map<string, string>();
    for (const algorithm of ["SHA1", "SHA256"] as const) {
        const files = entries.filter(e => e.algorithm === algorithm).map(e => e.file);
        const present = [];
        for (const f of files) if (/^[^/]+$/.test(f) && await hostPathKind(conn, `${dir}/${f}`) === "file") present.push(f);
        for (const [f, d] of await fileDigests(conn, dir, present, algorithm)) computed.set(f, d);
    }
    const problems = manifestProblems(entries, computed);
    if (problems.length) throw invalidInput(format(_("$0 failed its checksum check: it is damaged or was changed"), what), problems.join("; "));
}

function readOvf(text: string, file: string): OvfVmIn {
    try {
        return parseOvf(text);
    } catch (error) {
        if (error instanceof OvfError) throw invalidInput(format(_("$0 cannot be imported"), file), error.message);
        throw error;
    }
}

function missingDisk(file: string, members: readonly string[], disks: readonly string[]): void {
    const missing = disks.find(d => !members.includes(d));
    if (missing) throw invalidInput(format(_("$0 cannot be imported"), file), format(_("Its OVF descriptor refers to the disk $0, which the package does not contain"), missing));
}

async function readBundle(conn: ConnectionId, file: string, held: WorkDirectory, members: readonly string[]): Promise<ImportSource> {
    const work = held.path;
    if (!members.includes(BUNDLE_MANIFEST)) throw invalidInput(format(_("$0 cannot be imported"), file), _("The bundle has no manifest"));
    await checkManifest(conn, work, await readHostFile(conn, `${work}/${BUNDLE_MANIFEST}`), file);
    const xml = await readHostFile(conn, `${work}/${BUNDLE_DOMAIN_XML}`);
    let config: DomainConfig;
    try {
        config = parseDomainXml(xml);
    } catch (error) {
        throw invalidInput(format(_("$0 cannot be imported"), file), error instanceof Error ? error.message : String(error));
    }
    const disks = exportedDisks(config).map(d => ({ target: d.target, path: bundleDiskFile(d.target) }));
    const missing = disks.find(d => !members.includes(d.path));
    if (missing) throw invalidInput(format(_("$0 cannot be imported"), file), format(_("The bundle has no image for disk $0"), missing.target));
    return { kind: "bundle", name: config.name, xml, config, disks: disks.map(d => ({ target: d.target, path: `${work}/${d.path}` })), work: held };
}

async function readArchive(conn: ConnectionId, file: string, workParent: string, signal: AbortSignal | undefined): Promise<ImportSource> {
    const members = (await listTar(conn, file)).map(m => m.replace(/^\.\//, ""));
    if (members.some(m => m.includes("/") || m.startsWith(".")))
        throw invalidInput(format(_("$0 cannot be imported"), file), _("The archive holds folders or hidden files; an OVA or bundle holds plain files only"));
    const ovf = members.find(m => /\.ovf$/i.test(m));
    if (!ovf && !members.includes(BUNDLE_DOMAIN_XML))
        throw invalidInput(format(_("$0 is neither an OVA nor a KVM Manager bundle"), file), _("It holds no OVF descriptor (.ovf) and no domain.xml"));
    const held = await holdWorkDirectory(conn, workParent);
    const work = held.path;
    try {
        await extractTar(conn, file, work, signal);
        if (!ovf) return await readBundle(conn, file, held, members);
        const vm = readOvf(await readHostFile(conn, `${work}/${ovf}`), file);
        missingDisk(file, members, vm.disks.map(d => d.file));
        const mf = members.find(m => /\.mf$/i.test(m));
        if (mf) await checkManifest(conn, work, await readHostFile(conn, `${work}/${mf}`), file);
        return { kind: "ovf", name: vm.name, vm, disks: vm.disks.map(d => `${work}/${d.file}`), work: held };
    } catch (error) {
        await held.release();
        throw error;
    }
}

async function readLooseOvf(conn: ConnectionId, file: string): Promise<ImportSource> {
    const dir = parentDirectory(file);
    const vm = readOvf(await readHostFile(conn, file), file);
    const present = [];
    for (const d of vm.disks) if (await hostPathKind(conn, `${dir}/${d.file}`) === "file") present.push(d.file);
    missingDisk(file, present, vm.disks.map(d => d.file));
    const mf = file.replace(/\.ovf$/i, ".mf");
    if (await hostPathKind(conn, mf) === "file") await checkManifest(conn, dir, await readHostFile(conn, mf), file);
    return { kind: "ovf", name: vm.name, vm, disks: vm.disks.map(d => `${dir}/${d.file}`) };
}

/** Reads and checks `file`; archives are unpacked in a working directory in `workParent` (the caller releases `work`). */
export async function readImportSource(conn: ConnectionId, file: string, workParent: string, signal?: AbortSignal): Promise<ImportSource> {
    const kind = await hostPathKind(conn, file);
    if (kind === "missing") throw invalidInput(format(_("$0 does not exist"), file));
    if (kind !== "file") throw invalidInput(format(_("$0 is not a file"), file));
    switch (importKind(file)) {
    case "archive": return readArchive(conn, file, workParent, signal);
    case "ovf": return readLooseOvf(conn, file);
    case "disk": return { kind: "disk", name: nameFromFile(file), disks: [file] };
    }
}
