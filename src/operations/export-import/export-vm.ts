// Export a VM to a file on the host: an OVA (OVF 1.0 descriptor, manifest, streamOptimized VMDK
// disks) that VMware and VirtualBox import, or our bundle (the domain XML, qcow2 disks and a
// manifest) that keeps every libvirt setting. A shut-off VM is read as it is; a running one only
// through one of its snapshots, which does not change while it runs. The disks are converted into
// a working directory beside the target and packed at the end: a failure or a cancel leaves nothing.
import { parentDirectory } from "../../host/host-files.ts";
import { copyImage, imageInfo } from "../../host/qemu-img.ts";
import { checkNewFile, fileDigests, fileSize, holdWorkDirectory, writeHostFile, writeTar } from "../../host/vm-archive.ts";
import { _, format } from "../../lib/i18n.ts";
import { buildManifest } from "../../lib/ovf/manifest.ts";
import { buildOvf, type OvfVersion } from "../../lib/ovf/ovf-build.ts";
import { plainName } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { getDomainXml, XmlFlags } from "../../libvirt/domain-api.ts";
import { type DomainConfig, type DomainDisk, parseDomainXml } from "../../libvirt/domain-xml.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { listSnapshots } from "../../libvirt/snapshot-api.ts";
import { refreshActivePools } from "../../libvirt/storage-pool-api.ts";
import { fileInPool } from "../pools.ts";
import { beginStep, type OperationControl, throwIfCancelled, transferReporter } from "../progress.ts";
import { findVm, vmState } from "../vms.ts";
import { BUNDLE_DOMAIN_XML, BUNDLE_MANIFEST, bundleDiskFile } from "./bundle.ts";

export type ExportFormat = "ova" | "bundle";

export interface ExportRequest {
    vm: string;
    /** Absolute host path of the file to write, or its name in `pool`; it must not exist yet. */
    target: string;
    /** Write into the directory of this storage pool (a directory pool), where the file becomes a volume. */
    pool?: string | undefined;
    format: ExportFormat;
    /** Read the disks as they were at this snapshot (internal qcow2 snapshot): needed for a running VM. */
    snapshot?: string | undefined;
    /** Bundle only: compressed qcow2 disks (smaller, slower to write). */
    compress?: boolean | undefined;
    /** OVA only: the descriptor's OVF version; 1.0 when not given (every importer reads it). */
    ovfVersion?: OvfVersion | undefined;
}

/** "ova" for *.ova, "bundle" for *.tar, else undefined. */
export function formatOfFileName(path: string): ExportFormat | undefined {
    if (/\.ova$/i.test(path)) return "ova";
    if (/\.tar$/i.test(path)) return "bundle";
    return undefined;
}

/** The disks an export carries: writable ones with an image file (CD-ROMs stay behind). */
export function exportedDisks(config: DomainConfig): (DomainDisk & { path: string })[] {
    return config.disks.filter((d): d is DomainDisk & { path: string } => d.device === "disk" && d.path !== undefined);
}

async function checkSource(conn: ConnectionId, request: ExportRequest): Promise<{ config: DomainConfig; xml: string }> {
    const path = await findVm(conn, request.vm);
    const state = await vmState(conn, path, request.vm);
    if (request.snapshot !== undefined) {
        const known = (await listSnapshots(conn, path)).map(s => s.name);
        if (!known.includes(request.snapshot)) throw invalidInput(format(_("$0 has no snapshot named $1"), request.vm, request.snapshot));
    } else if (state !== "shutoff") {
        throw invalidInput(_("Only a shut-off virtual machine can be exported: shut it down, or export one of its snapshots"));
    }
    const xml = await getDomainXml(conn, path, XmlFlags.Inactive | XmlFlags.Secure);
    const config = parseDomainXml(xml);
    const unsupported = config.disks.find(d => d.device === "disk" && d.path === undefined);
    if (unsupported) throw invalidInput(format(_("Disk $0 is not an image file on the host, so it cannot be exported"), unsupported.target));
    return { config, xml };
}

/** Converts each disk into `work`; returns the file names, in the disks' order. */
async function convertDisks(conn: ConnectionId, request: ExportRequest, disks: readonly (DomainDisk & { path: string })[], work: string,
                            control: OperationControl): Promise<string[]> {
    const stem = plainName(request.vm);
    const names: string[] = [];
    for (const [i, disk] of disks.entries()) {
        const step = format(_("Converting disk $0 ($1 of $2)"), disk.target, String(i + 1), String(disks.length));
        beginStep(control, step);
        const name = request.format === "ova" ? `${stem}-disk${String(i + 1)}.vmdk` : bundleDiskFile(disk.target);
        await copyImage(conn, {
            source: disk.path, ...(disk.format ? { sourceFormat: disk.format } : {}),
            ...(request.snapshot !== undefined ? { snapshot: request.snapshot } : {}),
            target: `${work}/${name}`,
            ...(request.format === "ova"
                ? { targetFormat: "vmdk", targetOptions: { subformat: "streamOptimized" } }
                : { targetFormat: "qcow2", compress: request.compress === true }),
        }, { onBytes: transferReporter(control, step), signal: control.signal });
        names.push(name);
    }
    return names;
}

async function writeOvf(conn: ConnectionId, request: ExportRequest, config: DomainConfig, work: string, files: readonly string[]): Promise<string[]> {
    const stem = plainName(request.vm);
    const described = await Promise.all(files.map(async file => {
        const [info, size] = await Promise.all([imageInfo(conn, `${work}/${file}`), fileSize(conn, `${work}/${file}`)]);
        return { file, fileSize: size, capacity: info.virtualSize };
    }));
    const ovf = `${stem}.ovf`;
    await writeHostFile(conn, `${work}/${ovf}`, buildOvf({
        name: request.vm,
        vcpus: config.cpu.maximum,
        memoryMiB: Math.ceil(config.maxMemoryKiB / 1024),
        firmware: config.firmware.kind,
        disks: described,
        nics: config.interfaces.map(n => n.source || n.type),
    }, request.ovfVersion));
    return [ovf, ...files];
}

/** Writes the export; `control` hears of each step and can cancel it. */
export async function exportVm(conn: ConnectionId, request: ExportRequest, control: OperationControl = {}): Promise<void> {
    beginStep(control, _("Checking the virtual machine"));
    const { config, xml } = await checkSource(conn, request);
    const target = request.pool === undefined ? request.target : await fileInPool(conn, request.pool, request.target);
    await checkNewFile(conn, target);
    const disks = exportedDisks(config);
    const held = await holdWorkDirectory(conn, parentDirectory(target));
    const work = held.path;
    try {
        const converted = await convertDisks(conn, request, disks, work, control);
        beginStep(control, _("Writing the package"));
        let listed: string[];
        if (request.format === "ova") {
            listed = await writeOvf(conn, request, config, work, converted);
        } else {
            await writeHostFile(conn, `${work}/${BUNDLE_DOMAIN_XML}`, xml);
            listed = [BUNDLE_DOMAIN_XML, ...converted];
        }
        const digests = await fileDigests(conn, work, listed, "SHA256");
        const manifest = request.format === "ova" ? `${plainName(request.vm)}.mf` : BUNDLE_MANIFEST;
        await writeHostFile(conn, `${work}/${manifest}`, buildManifest(listed.map(file => ({ file, sha256: digests.get(file) ?? "" }))));
        throwIfCancelled(control);
        // The descriptor first, then the manifest, then the disks: the order OVF asks of an OVA.
        const [first = "", ...rest] = listed;
        await writeTar(conn, target, work, [first, manifest, ...rest], control.signal);
        // Written into a pool's directory, the file is one of its volumes from now on.
        await refreshActivePools(conn).catch(() => undefined);
    } finally {
        await held.release();
    }
}
