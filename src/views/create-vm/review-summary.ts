// The Review step's summary of the new VM, in words, above its domain XML. Pure.
import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import type { CreateVmForm } from "../../operations/create-vm/create-vm-form.ts";

export interface SummaryRow {
    id: string;
    term: string;
    value: string;
}

const MiB = 1024 ** 2;

function source(form: CreateVmForm): string {
    switch (form.source) {
    case "iso": return format(_("ISO image $0"), form.sourcePath);
    case "import": return format(_("Existing disk image $0"), form.sourcePath);
    case "pxe": return _("Network boot (PXE)");
    case "cloud": return format(_("Cloud image $0, set up by cloud-init"), form.sourcePath);
    case "url": return format(_("Network installation tree $0"), form.treeUrl);
    }
}

/** `newDiskFile`: the file name the new disk gets in its pool (when there is one). */
function disks(form: CreateVmForm, newDiskFile: string | undefined): string {
    if (form.source === "import") return format(_("$0 (used as it is)"), form.sourcePath);
    if (form.diskGiB <= 0) return _("None");
    return format(_("New $0 disk of $1 GiB: $2 in the storage pool $3"), form.diskFormat, form.diskGiB, newDiskFile ?? "…", form.pool);
}

function network(form: CreateVmForm): string {
    const net = form.network;
    if (!net) return _("None");
    switch (net.type) {
    case "network": return format(_("Virtual network $0"), net.source);
    case "bridge": return format(_("Host bridge $0"), net.source);
    case "direct": return format(_("Host device $0 (macvtap)"), net.source);
    case "user": return _("User-mode networking");
    }
}

function firmware(form: CreateVmForm): string {
    const kind = form.firmware === "efi" ? (form.secureBoot ? _("UEFI with Secure Boot") : _("UEFI")) : _("BIOS");
    return form.tpm ? format(_("$0, with a TPM 2.0"), kind) : kind;
}

export function reviewSummary(form: CreateVmForm, newDiskFile: string | undefined): SummaryRow[] {
    return [
        { id: "name", term: _("Name"), value: form.name },
        { id: "os", term: _("Operating system"), value: form.os?.name ?? _("Other operating system") },
        { id: "source", term: _("Installation"), value: source(form) },
        { id: "vcpus", term: _("vCPUs"), value: String(form.vcpus) },
        { id: "memory", term: _("Memory"), value: formatBytes(form.memoryMiB * MiB) },
        { id: "disks", term: _("Disks"), value: disks(form, newDiskFile) },
        { id: "network", term: _("Network"), value: network(form) },
        { id: "firmware", term: _("Firmware"), value: firmware(form) },
    ];
}
