// Templates: a shut-off VM converted into one (its disks read-only, the mark in our metadata), and
// back. A template is not started: it is what new VMs are deployed from.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { defineDomain, getDomainProperties, getDomainXml, XmlFlags } from "../libvirt/domain-api.ts";
import { stateLabel } from "../libvirt/domain-state.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { getKvmmMetadata } from "../libvirt/kvmm-metadata.ts";
import { kvmmMetadataOf, templateXml, vmXml } from "../libvirt/template-xml.ts";
import { findVm, vmState } from "./vms.ts";

/** Whether the VM is a template, from libvirt's copy of our metadata. */
export async function isTemplate(conn: ConnectionId, path: string): Promise<boolean> {
    return (await getKvmmMetadata(conn, path)).template !== undefined;
}

/** Refuses to go on with a template, in words that say what to do instead. */
export async function refuseTemplate(conn: ConnectionId, path: string, name: string): Promise<void> {
    if (await isTemplate(conn, path))
        throw invalidInput(format(_("$0 is a template: templates are not started, so that the VMs made from them stay as they were made. Deploy a new VM from it, or convert it back to a VM first."), name));
}

/** The saved definition, with secrets, to define again after an edit. */
async function savedXml(conn: ConnectionId, path: string): Promise<string> {
    return getDomainXml(conn, path, XmlFlags.Inactive | XmlFlags.Secure);
}

export async function convertToTemplate(conn: ConnectionId, name: string): Promise<void> {
    const path = await findVm(conn, name);
    const [props, state] = await Promise.all([getDomainProperties(conn, path), vmState(conn, path, name)]);
    if (!props.persistent) throw invalidInput(format(_("$0 is a transient VM (it has no saved definition), so it cannot become a template."), name));
    if (state !== "shutoff")
        throw invalidInput(format(_("$0 must be shut off first (it is $1 now), so that its disks are consistent and nothing writes to them any more."), name,
                                  stateLabel(state).toLowerCase()));
    const xml = await savedXml(conn, path);
    if (kvmmMetadataOf(xml).template) throw invalidInput(format(_("$0 is a template already."), name));
    await defineDomain(conn, templateXml(xml));
}

export async function convertToVm(conn: ConnectionId, name: string): Promise<void> {
    const path = await findVm(conn, name);
    const xml = await savedXml(conn, path);
    if (!kvmmMetadataOf(xml).template) throw invalidInput(format(_("$0 is not a template."), name));
    await defineDomain(conn, vmXml(xml));
}
