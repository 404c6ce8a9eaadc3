// Changing a shut-off VM's firmware and TPM. The saved XML alone is not enough: the UEFI
// varstore (NVRAM) of the old firmware would stay, with its Secure Boot keys, and a removed
// TPM's state would come back with the next one. libvirt deletes both only when it undefines
// a definition that has them, so the change ends with an undefine of the old definition and a
// define of the new one (same UUID, same object path), the autostart setting carried over.
import { _ } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { defineDomain, getDomainProperties, getDomainXml, hasManagedSave, setAutostart, Undefine, undefineDomain, XmlFlags } from "../libvirt/domain-api.ts";
import { parseDomainXml } from "../libvirt/domain-xml.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { type FirmwareSetup, firmwareSetupOf, withFirmware } from "../libvirt/firmware-xml.ts";
import { countSnapshots } from "../libvirt/snapshot-api.ts";

/** Gives the shut-off domain at `path` the firmware and TPM of `to`; a fresh NVRAM and TPM state where they change. */
export async function changeFirmware(conn: ConnectionId, path: string, to: FirmwareSetup): Promise<void> {
    if ((await getDomainProperties(conn, path)).active) throw invalidInput(_("Shut the virtual machine down first: its firmware can only change while it is off."));
    const oldXml = await getDomainXml(conn, path, XmlFlags.Secure | XmlFlags.Inactive);
    const from = firmwareSetupOf(parseDomainXml(oldXml));
    const dropNvram = from.firmware !== "bios" && from.firmware !== to.firmware;
    const dropTpm = from.tpm && !to.tpm;
    if (from.firmware === to.firmware && from.tpm === to.tpm) return;
    if (dropNvram || dropTpm) {
        // Undefining would take these along (or libvirt refuses): say so before anything changes.
        if (await hasManagedSave(conn, path))
            throw invalidInput(_("The virtual machine has a saved memory state, which would not resume with other firmware. Start it and shut it down, or discard the saved state, first."));
        const snapshots = await countSnapshots(conn, path);
        if (snapshots > 0)
            throw invalidInput(_("The virtual machine has snapshots, and they were taken with the current firmware and TPM. Delete its snapshots first to change them."));
    }
    const newXml = withFirmware(oldXml, to);
    // libvirt checks the new definition first; if it refuses, nothing has changed.
    await defineDomain(conn, newXml);
    if (!dropNvram && !dropTpm) return;
    const { autostart } = await getDomainProperties(conn, path);
    await defineDomain(conn, oldXml);
    const flags = (dropNvram ? Undefine.Nvram : Undefine.KeepNvram) | (dropTpm ? Undefine.Tpm : Undefine.KeepTpm);
    await undefineDomain(conn, path, flags);
    try {
        await defineDomain(conn, newXml);
    } catch (error) {
        // Accepted a moment ago: should it fail now, the VM must not be lost.
        await defineDomain(conn, oldXml);
        throw error;
    }
    if (autostart) await setAutostart(conn, path, true);
}
