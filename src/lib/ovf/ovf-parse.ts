// Reads an OVF descriptor (1.0 or 2.0) as VMware, VirtualBox and we write them: the VM's name,
// vCPUs, memory, firmware, disks (File → Disk → disk Item) and NICs. Namespace prefixes differ
// between exporters (VirtualBox puts OVF in the default namespace, others use ovf:), so elements
// and attributes are matched by local name. Hardware left out is listed; a required item of a
// kind nobody knows refuses the import, as the OVF specification asks.
import { XMLParser } from "fast-xml-parser";

import { _, format } from "../i18n.ts";
import { CONTROLLERS, KNOWN_UNTRANSLATED, ResourceType } from "./ovf-names.ts";

export interface OvfDiskIn {
    /** The disk's file inside the package (References/File href). */
    file: string;
    /** Bytes the guest sees (0 when the descriptor does not say: the image tells). */
    capacity: number;
}

export interface OvfNicIn {
    /** The OVF network it was connected to. */
    network: string;
    model?: string;
}

export interface OvfVmIn {
    name: string;
    vcpus: number;
    memoryMiB: number;
    firmware: "bios" | "efi";
    disks: OvfDiskIn[];
    nics: OvfNicIn[];
    /** Hardware the new VM does not get, in the user's words. */
    notTranslated: string[];
}

/** A descriptor we cannot import; the message is for the user. */
export class OvfError extends Error {}

type Node = Record<string, unknown>;

const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: "@_", removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true,
    isArray: name => ["File", "Disk", "Item", "StorageItem", "EthernetPortItem", "VirtualSystem", "Config", "Network"].includes(name),
});

function node(value: unknown): Node | undefined {
    if (Array.isArray(value)) return node(value[0]);
    return typeof value === "object" && value !== null ? value as Node : undefined;
}

function list(parent: Node | undefined, name: string): Node[] {
    const value = parent?.[name];
    return Array.isArray(value) ? value.filter((v): v is Node => typeof v === "object" && v !== null) : [];
}

function str(value: unknown): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    const n = node(value);
    const t = n?.["#text"];
    return typeof t === "string" || typeof t === "number" ? String(t) : undefined;
}

const attr = (n: Node | undefined, name: string): string | undefined => str(n?.[`@_${name}`]);

const NAMED_UNITS: Record<string, number> = {
    byte: 1, bytes: 1, kilobytes: 2 ** 10, kb: 2 ** 10, megabytes: 2 ** 20, mb: 2 ** 20, gigabytes: 2 ** 30, gb: 2 ** 30, terabytes: 2 ** 40,
};

/** Bytes per unit of a programmatic unit ("byte * 2^20", "byte * 10^3", "MegaBytes"); undefined if unknown. */
export function unitBytes(units: string | undefined, fallback: number): number | undefined {
    if (units === undefined || units.trim() === "") return fallback;
    const u = units.replace(/\s+/g, "").toLowerCase();
    if (u in NAMED_UNITS) return NAMED_UNITS[u];
    const m = /^byte(?:s)?(?:\*(\d+)\^(\d+))?(?:\*(\d+))?$/.exec(u);
    if (!m) return undefined;
    const power = m[1] !== undefined ? Number(m[1]) ** Number(m[2]) : 1;
    return power * (m[3] !== undefined ? Number(m[3]) : 1);
}

interface HardwareItem {
    type: number;
    fields: Node;
    required: boolean;
}

function hardwareItems(section: Node | undefined): HardwareItem[] {
    return ["Item", "StorageItem", "EthernetPortItem"].flatMap(kind => list(section, kind)).map(fields => ({
        type: Number(str(fields.ResourceType) ?? NaN),
        fields,
        required: attr(fields, "required") !== "false",
    }));
}

function itemLabel(item: HardwareItem): string {
    return str(item.fields.ElementName) ?? str(item.fields.Caption) ?? str(item.fields.Description) ?? format(_("resource type $0"), String(item.type));
}

/** The item's VirtualQuantity, times its AllocationUnits in bytes when `fallbackUnit` is given
 *  (a processor's units are its clock, not what is counted). */
function quantity(item: HardwareItem | undefined, fallbackUnit: number | undefined, what: string): number | undefined {
    if (!item) return undefined;
    const value = Number(str(item.fields.VirtualQuantity));
    const unit = fallbackUnit === undefined ? 1 : unitBytes(str(item.fields.AllocationUnits), fallbackUnit);
    if (!Number.isFinite(value) || value <= 0 || unit === undefined)
        throw new OvfError(format(_("The OVF descriptor gives the $0 in a form that cannot be read: $1 $2"), what, str(item.fields.VirtualQuantity) ?? "", str(item.fields.AllocationUnits) ?? ""));
    return value * unit;
}

/** Firmware from VMware's <vmw:Config key="firmware"> or VirtualBox's <vbox:Machine>…<Firmware type="EFI">. */
function firmwareOf(system: Node, section: Node | undefined): "bios" | "efi" {
    const vmw = list(section, "Config").find(c => attr(c, "key") === "firmware");
    if (attr(vmw, "value")?.toLowerCase() === "efi") return "efi";
    const vbox = node(node(node(system.Machine)?.Hardware)?.Firmware);
    return attr(vbox, "type")?.toUpperCase().startsWith("EFI") ? "efi" : "bios";
}

interface DiskRefs {
    /** File id → href. */
    files: Map<string, string>;
    /** Disk id → its file and capacity. */
    disks: Map<string, OvfDiskIn>;
}

function diskRefs(envelope: Node): DiskRefs {
    const files = new Map(list(node(envelope.References), "File").map(f => [attr(f, "id") ?? "", attr(f, "href") ?? ""]));
    const disks = new Map<string, OvfDiskIn>();
    for (const d of list(node(envelope.DiskSection), "Disk")) {
        const id = attr(d, "diskId") ?? "";
        const fileRef = attr(d, "fileRef");
        const file = fileRef === undefined ? undefined : files.get(fileRef);
        if (!file) throw new OvfError(format(_("The OVF descriptor's disk $0 refers to a file it does not list ($1)"), id, fileRef ?? _("none")));
        const unit = unitBytes(attr(d, "capacityAllocationUnits"), 1);
        const capacity = Number(attr(d, "capacity") ?? 0) * (unit ?? 1);
        disks.set(id, { file, capacity: Number.isFinite(capacity) ? capacity : 0 });
    }
    return { files, disks };
}

/** The disk a disk Item points at: "ovf:/disk/ID" (a DiskSection disk) or "ovf:/file/ID" (a File). */
function itemDisk(item: HardwareItem, refs: DiskRefs): OvfDiskIn | undefined {
    const resource = str(item.fields.HostResource) ?? "";
    const m = /^(?:ovf:)?\/(disk|file)\/(.+)$/.exec(resource);
    if (!m) return undefined;
    if (m[1] === "disk") {
        const disk = refs.disks.get(m[2] ?? "");
        if (!disk) throw new OvfError(format(_("The OVF descriptor's hard disk \"$0\" refers to a disk it does not describe ($1)"), itemLabel(item), resource));
        return disk;
    }
    const file = refs.files.get(m[2] ?? "");
    if (!file) throw new OvfError(format(_("The OVF descriptor's hard disk \"$0\" refers to a file it does not list ($1)"), itemLabel(item), resource));
    return { file, capacity: 0 };
}

function readHardware(items: HardwareItem[], refs: DiskRefs): Pick<OvfVmIn, "disks" | "nics" | "notTranslated"> {
    const disks: OvfDiskIn[] = [];
    const nics: OvfNicIn[] = [];
    const notTranslated: string[] = [];
    for (const item of items) {
        if (item.type === ResourceType.Processor || item.type === ResourceType.Memory || CONTROLLERS.includes(item.type)) continue;
        if (item.type === ResourceType.Disk) {
            const disk = itemDisk(item, refs);
            if (disk) disks.push(disk);
            else notTranslated.push(format(_("$0 (a disk without an image)"), itemLabel(item)));
        } else if (item.type === ResourceType.EthernetAdapter || item.type === ResourceType.OtherNetworkAdapter) {
            const model = str(item.fields.ResourceSubType);
            nics.push({ network: str(item.fields.Connection) ?? "", ...(model ? { model } : {}) });
        } else if (item.type in KNOWN_UNTRANSLATED) {
            notTranslated.push(`${itemLabel(item)} (${KNOWN_UNTRANSLATED[item.type] ?? ""})`);
        } else if (item.required) {
            throw new OvfError(format(_("The OVF descriptor requires hardware this host cannot give: \"$0\" (resource type $1)"), itemLabel(item), String(item.type)));
        } else {
            notTranslated.push(format(_("$0 (resource type $1)"), itemLabel(item), String(item.type)));
        }
    }
    return { disks, nics, notTranslated };
}

export function parseOvf(xml: string): OvfVmIn {
    let doc: Node;
    try {
        doc = parser.parse(xml) as Node;
    } catch (error) {
        throw new OvfError(format(_("The OVF descriptor is not valid XML: $0"), error instanceof Error ? error.message : String(error)));
    }
    const envelope = node(doc.Envelope);
    if (!envelope) throw new OvfError(_("The file is not an OVF descriptor (it has no Envelope element)"));
    const system = node(envelope.VirtualSystem) ?? node(node(envelope.VirtualSystemCollection)?.VirtualSystem);
    if (!system) throw new OvfError(_("The OVF descriptor describes no virtual machine (it has no VirtualSystem element)"));
    const section = node(system.VirtualHardwareSection);
    const items = hardwareItems(section);
    const refs = diskRefs(envelope);
    const vcpus = quantity(items.find(i => i.type === ResourceType.Processor), undefined, _("number of vCPUs")) ?? 1;
    // Memory without units is in MiB for every exporter we know (OVF's own default is bytes, which nobody means).
    const memory = quantity(items.find(i => i.type === ResourceType.Memory), 2 ** 20, _("memory size"));
    if (memory === undefined) throw new OvfError(_("The OVF descriptor does not say how much memory the virtual machine has"));
    return {
        name: str(system.Name) ?? attr(system, "id") ?? "",
        vcpus: Math.round(vcpus),
        memoryMiB: Math.ceil(memory / 2 ** 20),
        firmware: firmwareOf(system, section),
        ...readHardware(items, refs),
    };
}
