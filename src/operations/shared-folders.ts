// Shared folders (virtiofs): checks first, then the libvirt calls. virtiofs needs the guest's
// memory shared with the host; a shut-off VM gets that with the folder in one definition, a
// running VM without it cannot take a folder until it is shut off.
import { hostPathKind } from "../host/host-path.ts";
import { _, format } from "../lib/i18n.ts";
import { attachDevice, detachDevice, type Scope, scopeFlags } from "../libvirt/device-api.ts";
import { defineDomain, domainPath, type DomainRef, getDomainXml, XmlFlags } from "../libvirt/domain-api.ts";
import type { DomainConfig } from "../libvirt/domain-xml.ts";
import { describeError, invalidInput, LibvirtError } from "../libvirt/errors.ts";
import { type NewSharedFolder, sharedFolderProblem, sharedFolderXml, withSharedFolder } from "../libvirt/shared-folder-xml.ts";
import { failure } from "./disk-actions.ts";

/** libvirt 9 has no read-only virtiofs; its refusal is worded for the user. */
function readOnlyRefusal(error: unknown): LibvirtError | undefined {
    const { detail } = describeError(error);
    return /virtiofs does not yet support read-only/.test(detail)
        ? invalidInput(_("This host's libvirt cannot share a folder read-only with virtiofs: share it writable, or share a folder the guest may change."), detail)
        : undefined;
}

/**
 * Shares `folder` with the VM. `config` is the definition it changes: the running one when
 * `running`, else the saved one.
 */
export async function addSharedFolder(vm: DomainRef & { persistent: boolean }, folder: NewSharedFolder, config: DomainConfig, running: boolean): Promise<void> {
    const summary = _("The folder was not shared");
    const wanted = { ...folder, hostDir: folder.hostDir.trim().replace(/(.)\/+$/, "$1"), tag: folder.tag.trim() };
    const problem = sharedFolderProblem(wanted, config.sharedFolders.map(f => f.tag));
    if (problem) throw invalidInput(summary, problem);
    const kind = await hostPathKind(vm.connection, wanted.hostDir);
    if (kind === "denied") throw invalidInput(summary, format(_("$0 cannot be checked: permission denied. Turn on administrative access."), wanted.hostDir));
    if (kind !== "directory") throw invalidInput(summary, format(_("$0 is not a folder on the host."), wanted.hostDir));
    if (running && !config.sharedMemory)
        throw invalidInput(summary, _("A folder can be shared only while the virtual machine's memory is shared with the host, which is set when it starts. Shut it down and share the folder then."));
    const path = await domainPath(vm);
    try {
        if (running) {
            const scope: Scope = { live: true, config: vm.persistent };
            await attachDevice(vm.connection, path, sharedFolderXml(wanted), scopeFlags(scope));
        } else {
            await defineDomain(vm.connection, withSharedFolder(await getDomainXml(vm.connection, path, XmlFlags.Inactive | XmlFlags.Secure), wanted));
        }
    } catch (error) {
        throw readOnlyRefusal(error) ?? failure(_("The folder could not be shared"), error);
    }
}

/** Stops sharing the folder mounted as `tag` (the guest should unmount it first). */
export async function removeSharedFolder(vm: DomainRef, tag: string, hostDir: string, scope: Scope): Promise<void> {
    const path = await domainPath(vm);
    try {
        await detachDevice(vm.connection, path, sharedFolderXml({ hostDir, tag, readOnly: false }), scopeFlags(scope));
    } catch (error) {
        throw failure(format(_("The folder shared as $0 could not be removed"), tag), error);
    }
}
