// The Create VM wizard's choices, their defaults from the chosen OS, their checks, and the
// domain they describe. Pure: no libvirt calls here.
import { checkTreeUrl } from "../../host/install-tree.ts";
import { formatNumber } from "../../lib/format-number.ts";
import { _, format } from "../../lib/i18n.ts";
import { type DomainCapabilities, tpmUnavailable } from "../../libvirt/domain-capabilities.ts";
import type { NewVmNetwork, NewVmSpec } from "../../libvirt/new-domain-xml.ts";
import type { OsInfo } from "../../osinfo/osinfo-parse.ts";
import { checkVcpus, checkVmName, vcpuOvercommitWarning } from "../resource-limits.ts";
import { checkCloudInit, type CloudInitForm, initialCloudInit } from "./cloud-init.ts";

export type InstallSource = "iso" | "import" | "pxe" | "cloud" | "url";

export interface CreateVmForm {
    name: string;
    os: OsInfo | undefined;
    source: InstallSource;
    /** ISO file (source "iso"), existing disk image (source "import") or cloud image (source "cloud"). */
    sourcePath: string;
    /** What cloud-init sets up in a VM made from a cloud image. */
    cloudInit: CloudInitForm;
    /** Network install tree (source "url") and extra kernel arguments for the installer. */
    treeUrl: string;
    treeArgs: string;
    vcpus: number;
    memoryMiB: number;
    /** New disk for iso/pxe installs; 0 = none. */
    diskGiB: number;
    diskFormat: "qcow2" | "raw";
    pool: string;
    network: NewVmNetwork | null;
    firmware: "bios" | "efi";
    secureBoot: boolean;
    /** An emulated TPM 2.0 (swtpm). */
    tpm: boolean;
    virtType: "kvm" | "qemu";
    runAfter: boolean;
    /** Go to the VM's console once it runs (only with runAfter). */
    openConsole: boolean;
}

const GiB = 1024 ** 3;

export function initialForm(): CreateVmForm {
    return {
        name: "", os: undefined, source: "iso", sourcePath: "", vcpus: 1, memoryMiB: 1024, diskGiB: 10, diskFormat: "qcow2",
        pool: "default", network: null, firmware: "bios", secureBoot: false, tpm: false, virtType: "kvm", runAfter: true, openConsole: true,
        cloudInit: initialCloudInit(), treeUrl: "", treeArgs: "",
    };
}

/** The OS's recommendations become the defaults (what virt-manager and Proxmox do). */
export function applyOsDefaults(form: CreateVmForm, os: OsInfo | undefined, caps: DomainCapabilities | undefined): CreateVmForm {
    const rec = os?.recommended ?? {};
    const min = os?.minimum ?? {};
    const efi = os?.efi === "required" || os?.efi === "supported";
    return {
        ...form,
        os,
        memoryMiB: Math.max(Math.round((rec.ramBytes ?? min.ramBytes ?? GiB) / 1024 ** 2), 256),
        vcpus: Math.max(rec.cpus ?? min.cpus ?? 1, 1),
        diskGiB: Math.max(Math.ceil((rec.storageBytes ?? min.storageBytes ?? 10 * GiB) / GiB), 1),
        firmware: efi && caps?.efi ? "efi" : "bios",
        // Secure Boot starts only signed loaders, and osinfo-db does not say which OSes ship them
        // (its <firmware> entries say only whether BIOS and UEFI are supported). An OS that no
        // longer boots with BIOS (Windows 11) is one whose vendor also demands Secure Boot; any
        // other, the generic ones above all, gets UEFI without it, which boots unsigned loaders.
        secureBoot: os?.efi === "required" && caps?.efi === true && caps.secureBoot,
        // osinfo-db has no TPM fact; an OS that no longer boots with BIOS (Windows 11) wants one.
        tpm: os?.efi === "required" && caps !== undefined && tpmUnavailable(caps) === undefined,
    };
}

export interface HostLimits {
    existingNames: ReadonlySet<string>;
    hostMemoryKiB: number;
    hostCpus: number;
    /** The most vCPUs libvirt gives a VM of this machine type; 0 when unknown. */
    maxVcpus: number;
    /** Bytes free in the chosen pool; undefined when unknown. */
    poolAvailable: number | undefined;
    /** The chosen pool is defined but stopped. */
    poolInactive: boolean;
}

/** The form's fields that can be wrong, each checked on the step that shows it. */
export type FormField = "name" | "sourcePath" | "treeUrl" | "cloudInit" | "network" | "vcpus" | "memoryMiB" | "diskGiB" | "pool";
export type FieldProblems = Partial<Record<FormField, string>>;

/** The "Name and OS" step. */
export function checkNameStep(form: CreateVmForm, limits: Pick<HostLimits, "existingNames">): FieldProblems {
    const name = checkVmName(form.name) ??
        (limits.existingNames.has(form.name) ? format(_("A virtual machine named $0 already exists."), form.name) : null);
    return name ? { name } : {};
}

/** The "Installation" step. */
export function checkSourceStep(form: CreateVmForm): FieldProblems {
    const problems: FieldProblems = {};
    if ((form.source === "iso" || form.source === "import" || form.source === "cloud") && form.sourcePath.trim() === "")
        problems.sourcePath = form.source === "iso" ? _("Choose the installation ISO.") : form.source === "import" ? _("Choose the disk image to import.") : _("Choose the cloud image.");
    const url = form.source === "url" ? checkTreeUrl(form.treeUrl) : null;
    if (url) problems.treeUrl = url;
    const cloud = form.source === "cloud" ? checkCloudInit(form.cloudInit) : [];
    if (cloud.length > 0) problems.cloudInit = cloud.join(" ");
    return problems;
}

const newDisk = (form: CreateVmForm): boolean => form.source !== "import" && form.diskGiB > 0;

/** The "Resources" step. */
export function checkResourcesStep(form: CreateVmForm, limits: HostLimits): FieldProblems {
    const problems: FieldProblems = {};
    const vcpus = checkVcpus(form.vcpus, form.vcpus, limits.maxVcpus);
    if (vcpus) problems.vcpus = vcpus;
    if (!Number.isInteger(form.memoryMiB) || form.memoryMiB < 32) problems.memoryMiB = _("A virtual machine needs at least 32 MiB of memory.");
    else if (limits.hostMemoryKiB > 0 && form.memoryMiB * 1024 > limits.hostMemoryKiB)
        problems.memoryMiB = format(_("The host has only $0 MiB of memory."), Math.floor(limits.hostMemoryKiB / 1024));
    if (form.source !== "import") {
        if (!Number.isInteger(form.diskGiB) || form.diskGiB < 0) problems.diskGiB = _("Enter the disk size in whole GiB, or 0 for no disk.");
        else if (form.source === "cloud" && form.diskGiB < 1) problems.diskGiB = _("A virtual machine made from a cloud image needs a disk of at least 1 GiB.");
        else if (newDisk(form) && limits.poolAvailable !== undefined && form.diskGiB * GiB > limits.poolAvailable)
            problems.diskGiB = format(_("The pool $0 has only $1 GiB free."), form.pool, formatNumber(limits.poolAvailable / GiB, 1));
        if (newDisk(form) && limits.poolInactive)
            problems.pool = format(_("The storage pool $0 is not active: start it on the Storage pools page."), form.pool);
    }
    if ((form.network?.type === "bridge" || form.network?.type === "direct") && form.network.source.trim() === "")
        problems.network = form.network.type === "bridge" ? _("Name the host bridge to connect to.") : _("Name the host device to attach to.");
    return problems;
}

/** What the user may want to know about the resources, though they can be created. */
export function resourceWarnings(form: CreateVmForm, limits: Pick<HostLimits, "hostCpus">): FieldProblems {
    const vcpus = vcpuOvercommitWarning(form.vcpus, limits.hostCpus);
    return vcpus ? { vcpus } : {};
}

/** Everything wrong with the form, in the user's words, step by step; empty when it can be created. */
export function checkForm(form: CreateVmForm, limits: HostLimits): string[] {
    return [checkNameStep(form, limits), checkSourceStep(form), checkResourcesStep(form, limits)]
        .flatMap(p => Object.values(p));
}

/** The domain the form describes, once its new disk (if any) exists at `newDiskPath` and the
 *  install source's extra parts (seed CD-ROM, installer kernel) at theirs. */
export function formToSpec(form: CreateVmForm, caps: DomainCapabilities, newDiskPath: string | undefined,
                           install: Pick<NewVmSpec, "extraCdroms" | "kernelBoot"> = {}, importFormat?: string): NewVmSpec {
    // The imported image's format is read from the file at creation; until then (the review's
    // preview) its name is the best guess.
    const guessed = /\.(raw|img)$/.test(form.sourcePath) ? "raw" : "qcow2";
    const disks = form.source === "import"
        ? [{ path: form.sourcePath, format: importFormat ?? guessed }]
        : newDiskPath ? [{ path: newDiskPath, format: form.diskFormat }] : [];
    const spec: NewVmSpec = {
        name: form.name,
        virtType: form.virtType,
        emulator: caps.emulator,
        machine: caps.machine,
        memoryMiB: form.memoryMiB,
        vcpus: form.vcpus,
        firmware: form.firmware,
        secureBoot: form.firmware === "efi" && form.secureBoot,
        tpm: form.tpm,
        virtio: form.os?.virtio ?? true,
        disks,
        network: form.network,
        boot: form.source === "iso" ? ["cdrom", "hd"] : form.source === "pxe" ? ["network", "hd"] : ["hd"],
    };
    if (form.os?.id) spec.osId = form.os.id;
    if (form.source === "iso") spec.cdrom = form.sourcePath;
    return { ...spec, ...install };
}
