// Import a VM from an OVA/OVF (VMware, VirtualBox, ours), our bundle or a single disk image:
// the file is read and checked first (import-source.ts), then each disk gets a new volume in the
// chosen pool and is converted into it by qemu-img, then the domain is defined. Whatever a
// failed or cancelled import made (volumes, the definition, the unpacked files) is removed.
import { copyImage, imageInfo } from "../../host/qemu-img.ts";
import { _, format } from "../../lib/i18n.ts";
import { freeFileStem } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { volumeXml } from "../../libvirt/device-xml.ts";
import { defineDomain, lookupDomainByName, undefineDomain } from "../../libvirt/domain-api.ts";
import { getDomainCapabilities } from "../../libvirt/domain-capabilities.ts";
import { describeError, invalidInput, LibvirtError } from "../../libvirt/errors.ts";
import { buildNewDomainXml } from "../../libvirt/new-domain-xml.ts";
import type { StoragePool } from "../../libvirt/storage-pool-api.ts";
import { createVolume, deleteVolume, listVolumes } from "../../libvirt/storage-volume-api.ts";
import { activePool } from "../pools.ts";
import { beginStep, type OperationControl, throwIfCancelled, transferReporter, type Undo, undoAndRethrow } from "../progress.ts";
import { rewriteBundleXml } from "./bundle.ts";
import { type ImportSource, readImportSource } from "./import-source.ts";
import { addInterfaces } from "./more-interfaces.ts";

export type ImportDiskFormat = "qcow2" | "raw";

export interface ImportRequest {
    file: string;
    /** The new VM's name; the one in the file (or the file's name) when undefined. */
    name?: string | undefined;
    /** Storage pool the disks are written to. */
    pool: string;
    /** Virtual network the NICs are put on ("default" when undefined). */
    network?: string | undefined;
    diskFormat?: ImportDiskFormat | undefined;
}

export interface ImportResult {
    name: string;
    /** Hardware of the OVF the new VM does not have, in the user's words. */
    notTranslated: string[];
}

/** Archives are unpacked here: not in the pool, where libvirt would list the working directory as a volume. */
const UNPACK_DIRECTORY = "/var/tmp";

export async function checkName(conn: ConnectionId, name: string): Promise<void> {
    if (name.trim() === "") throw invalidInput(_("The virtual machine needs a name"));
    const taken = await lookupDomainByName(conn, name).then(() => true, (error: unknown) => {
        if (describeError(error).kind === "not-found") return false;
        throw error;
    });
    if (taken) throw invalidInput(format(_("A virtual machine named $0 already exists: choose another name"), name));
}

/** Converts each source disk (qcow2 chains read through) into a new volume; returns the new paths in the same order. */
export async function copyDisks(conn: ConnectionId, sources: readonly string[], pool: StoragePool, name: string, diskFormat: ImportDiskFormat,
                         undo: Undo, control: OperationControl): Promise<string[]> {
    const infos = [];
    for (const source of sources) {
        infos.push(await imageInfo(conn, source).catch((error: unknown) => {
            throw invalidInput(format(_("$0 is not a disk image qemu-img can read"), source.split("/").pop() ?? source), describeError(error).detail);
        }));
    }
    const suffixes = sources.map((_s, i) => `-disk${String(i + 1)}.${diskFormat}`);
    const stem = freeFileStem(name, suffixes, new Set((await listVolumes(conn, pool.path)).map(v => v.name)));
    const paths: string[] = [];
    for (const [i, source] of sources.entries()) {
        const step = format(_("Converting disk $0 of $1"), String(i + 1), String(sources.length));
        beginStep(control, step);
        const info = infos[i];
        if (!info) continue;
        const volume = await createVolume(conn, pool.path, volumeXml(`${stem}${suffixes[i] ?? ""}`, info.virtualSize, diskFormat));
        undo.push(() => deleteVolume(conn, volume.object));
        await copyImage(conn, { source, sourceFormat: info.format, target: volume.path, targetFormat: diskFormat, targetExists: true },
                        { onBytes: transferReporter(control, step), signal: control.signal });
        paths.push(volume.path);
    }
    return paths;
}

async function newDomainXml(conn: ConnectionId, source: Exclude<ImportSource, { kind: "bundle" }>, name: string, network: string,
                            disks: { path: string; format: string }[]): Promise<string> {
    const caps = await getDomainCapabilities(conn, "kvm").catch(() => getDomainCapabilities(conn, "qemu"));
    const vm = source.kind === "ovf" ? source.vm : undefined;
    const nics = vm ? vm.nics.length : 1;
    const xml = buildNewDomainXml({
        name, virtType: caps.virtType === "kvm" ? "kvm" : "qemu", emulator: caps.emulator, machine: caps.machine,
        memoryMiB: vm?.memoryMiB ?? 1024, vcpus: vm?.vcpus ?? 1, firmware: vm?.firmware === "efi" && caps.efi ? "efi" : "bios",
        secureBoot: false, tpm: false,
        // Guests from VMware and VirtualBox seldom have virtio drivers: SATA disks and e1000e NICs boot anywhere.
        virtio: false,
        disks, network: nics > 0 ? { type: "network", source: network } : null, boot: ["hd"],
    });
    return addInterfaces(xml, nics - 1);
}

/** Imports `request.file`; `control` hears of each step and can cancel it. */
export async function importVm(conn: ConnectionId, request: ImportRequest, control: OperationControl = {}): Promise<ImportResult> {
    beginStep(control, _("Reading the file"));
    const pool = await activePool(conn, request.pool);
    const source = await readImportSource(conn, request.file, UNPACK_DIRECTORY, control.signal);
    const undo: Undo = [];
    const diskFormat = request.diskFormat ?? "qcow2";
    try {
        const name = request.name ?? source.name;
        await checkName(conn, name);
        const sources = source.kind === "bundle" ? source.disks.map(d => d.path) : source.disks;
        const paths = await copyDisks(conn, sources, pool, name, diskFormat, undo, control);
        beginStep(control, _("Defining the virtual machine"));
        const network = request.network ?? "default";
        const xml = source.kind === "bundle"
            ? rewriteBundleXml(source.xml, {
                name, network: request.network,
                disks: new Map(source.disks.map((d, i) => [d.target, { path: paths[i] ?? "", format: diskFormat }])),
            })
            : await newDomainXml(conn, source, name, network, paths.map(path => ({ path, format: diskFormat })));
        const path = await defineDomain(conn, xml).catch((error: unknown) => {
            throw new LibvirtError({ ...describeError(error), summary: _("The virtual machine could not be defined") });
        });
        undo.push(() => undefineDomain(conn, path));
        throwIfCancelled(control);
        return { name, notTranslated: source.kind === "ovf" ? source.vm.notTranslated : [] };
    } catch (error) {
        return await undoAndRethrow(undo, error, control);
    } finally {
        if (source.kind !== "disk") await source.work?.release();
    }
}
