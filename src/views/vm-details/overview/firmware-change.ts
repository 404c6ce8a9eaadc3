// What a guest notices when its firmware or TPM changes, in the order it matters to the user.
import { _ } from "../../../lib/i18n.ts";
import type { FirmwareKind, FirmwareSetup } from "../../../libvirt/firmware-xml.ts";

export interface FirmwareNotice {
    id: string;
    text: string;
    /** Something may be lost or stop working. */
    warning: boolean;
}

export function firmwareLabel(kind: FirmwareKind): string {
    switch (kind) {
    case "bios": return _("BIOS");
    case "efi": return _("UEFI");
    case "efi-secure": return _("UEFI with Secure Boot");
    }
}

export function describeFirmwareChange(from: FirmwareSetup, to: FirmwareSetup): FirmwareNotice[] {
    const notices: FirmwareNotice[] = [];
    const wasEfi = from.firmware !== "bios", isEfi = to.firmware !== "bios";
    if (from.firmware !== to.firmware) {
        if (wasEfi && isEfi)
            notices.push({ id: "nvram-reset", warning: true, text: _("The UEFI variables start afresh: boot entries and firmware settings are reset. Most installed systems start again through their fallback boot loader; others need their boot entry added in the firmware's boot manager.") });
        else if (wasEfi)
            notices.push({ id: "nvram-dropped", warning: true, text: _("The UEFI variables (boot entries, firmware settings, Secure Boot keys) are deleted.") });
        else
            notices.push({ id: "nvram-created", warning: false, text: _("The VM gets fresh UEFI variables from the firmware's template at its next start.") });
        if (wasEfi !== isEfi)
            notices.push({ id: "boot-mode", warning: true, text: _("An operating system installed under BIOS does not start under UEFI, nor one installed under UEFI under BIOS, unless it has both boot loaders. Installation media usually have both.") });
        if (from.firmware === "efi-secure" && wasEfi && isEfi)
            notices.push({ id: "secure-boot-off", warning: false, text: _("Secure Boot is off: unsigned boot loaders and kernels start. Windows reports Secure Boot as off, and BitLocker may ask for its recovery key.") });
        if (to.firmware === "efi-secure")
            notices.push({ id: "secure-boot-on", warning: true, text: _("Secure Boot only starts boot loaders signed with Microsoft's keys (Windows, and Linux distributions that ship a signed shim). Others stop with a security violation.") });
    }
    if (from.tpm && !to.tpm)
        notices.push({ id: "tpm-removed", warning: true, text: _("The TPM and its state are deleted: keys sealed to it (BitLocker, LUKS unlocked by the TPM, Windows Hello) are lost. Keep the recovery keys at hand before you go on.") });
    if (!from.tpm && to.tpm)
        notices.push({ id: "tpm-added", warning: false, text: _("The guest finds a new, empty TPM 2.0.") });
    return notices;
}
