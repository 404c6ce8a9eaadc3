// Restoring a backup as a new VM: the chain it needs (the full backup and the incremental ones
// up to it) is checked against its manifests first, then each disk is converted by qemu-img from
// the newest image of the chain (reading through its backing files) into a new volume, and the
// saved domain XML is defined under the new name with its identity left for libvirt to make.
import { tpmStateDirectory } from "../../host/clone-files.ts";
import { runOnHost } from "../../host/host-command.ts";
import { readHostFile } from "../../host/vm-archive.ts";
import { _, format } from "../../lib/i18n.ts";
import { nvramPath } from "../../libvirt/clone-xml.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { defineDomain, getDomainProperties, getDomainXml, undefineDomain } from "../../libvirt/domain-api.ts";
import { describeError, invalidInput, LibvirtError } from "../../libvirt/errors.ts";
import { rewriteBundleXml } from "../export-import/bundle.ts";
import { checkName, copyDisks } from "../export-import/import-vm.ts";
import { activePool } from "../pools.ts";
import { beginStep, type OperationControl, throwIfCancelled, type Undo, undoAndRethrow } from "../progress.ts";
import { verifiedChain } from "./backups.ts";
import { DOMAIN_XML_FILE, NVRAM_FILE, TPM_FILE } from "./manifest.ts";
import { vmBackupDirectory } from "./store.ts";

export interface RestoreRequest {
    vm: string;
    id: string;
    /** The new VM's name. */
    name: string;
    target?: string | undefined;
    /** Storage pool for the new disks ("default" when undefined). */
    pool?: string | undefined;
}

/** The saved UEFI variables and TPM state into the places libvirt gave the new VM. */
async function restoreFirmwareState(conn: ConnectionId, path: string, backup: string, files: readonly string[]): Promise<void> {
    if (files.includes(NVRAM_FILE)) {
        const nvram = nvramPath(await getDomainXml(conn, path, 0));
        if (nvram !== undefined) await runOnHost(conn, ["cp", "--", `${backup}/${NVRAM_FILE}`, nvram], { what: _("The UEFI variables could not be restored") });
    }
    if (files.includes(TPM_FILE)) {
        const tpm = await tpmStateDirectory(conn, (await getDomainProperties(conn, path)).uuid);
        await runOnHost(conn, ["mkdir", "-p", "--", tpm], { what: _("The TPM state could not be restored") });
        await runOnHost(conn, ["tar", "-xpf", `${backup}/${TPM_FILE}`, "-C", tpm], { what: _("The TPM state could not be restored") });
    }
}

/** Restores backup `id` of `vm` as the new VM `name`; what a failure made is removed. */
export async function restoreBackup(conn: ConnectionId, request: RestoreRequest, control: OperationControl = {}): Promise<{ name: string; chain: string[] }> {
    beginStep(control, _("Checking the backup"));
    await checkName(conn, request.name);
    const directory = vmBackupDirectory(request.vm, request.target);
    const chain = await verifiedChain(conn, directory, request.id);
    const last = chain.at(-1);
    if (!last) throw invalidInput(format(_("There is no backup $0"), request.id));
    const backup = `${directory}/${last.id}`;
    const pool = await activePool(conn, request.pool ?? "default");
    const undo: Undo = [];
    try {
        const paths = await copyDisks(conn, last.disks.map(d => `${backup}/${d.file}`), pool, request.name, "qcow2", undo, control);
        beginStep(control, _("Defining the virtual machine"));
        const xml = rewriteBundleXml(await readHostFile(conn, `${backup}/${DOMAIN_XML_FILE}`), {
            name: request.name, disks: new Map(last.disks.map((d, i) => [d.target, { path: paths[i] ?? "", format: "qcow2" }])),
        });
        const path = await defineDomain(conn, xml).catch((error: unknown) => {
            throw new LibvirtError({ ...describeError(error), summary: _("The virtual machine could not be defined") });
        });
        undo.push(() => undefineDomain(conn, path));
        await restoreFirmwareState(conn, path, backup, last.files.map(f => f.name));
        throwIfCancelled(control);
        return { name: request.name, chain: chain.map(m => m.id) };
    } catch (error) {
        return await undoAndRethrow(undo, error, control);
    }
}
