// An OVF descriptor for our OVA export, in the layout VMware's ovftool writes (it is what ESXi,
// Workstation and VirtualBox all import): References → DiskSection → NetworkSection →
// VirtualSystem with a VirtualHardwareSection of rasd Items. OVF 1.0 by default (every importer
// reads it); OVF 2.0 (DSP0243 2.x) has its own envelope namespace and describes disks as sasd
// StorageItems and NICs as epasd EthernetPortItems. Built with the XML builder, so names are
// escaped; elements of an item in the schema's (alphabetical) order, as VMware checks it.
import XMLBuilder from "fast-xml-builder";

import { EPASD_NS, OVF_NS, OVF2_NS, RASD_NS, SASD_NS, VMDK_STREAM_FORMAT, VMW_NS, VSSD_NS } from "./ovf-names.ts";

export interface OvfDiskOut {
    /** File name inside the OVA. */
    file: string;
    /** Bytes of that file. */
    fileSize: number;
    /** Bytes the guest sees. */
    capacity: number;
}

export interface OvfVmOut {
    name: string;
    vcpus: number;
    memoryMiB: number;
    firmware: "bios" | "efi";
    disks: OvfDiskOut[];
    /** One per NIC: the name of the network it was on. */
    nics: string[];
}

export type OvfVersion = "1.0" | "2.0";
export const OVF_VERSIONS: readonly OvfVersion[] = ["1.0", "2.0"];
export const isOvfVersion = (value: string): value is OvfVersion => (OVF_VERSIONS as readonly string[]).includes(value);

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true });

type Node = Record<string, unknown>;

/** An item's fields with the class's prefix; keys sorted, as the CIM schema's sequence is alphabetical. */
function item(fields: Record<string, string>, prefix = "rasd"): Node {
    return Object.fromEntries(Object.keys(fields).sort().map(k => [`${prefix}:${k}`, fields[k]]));
}

/** The hardware items by element name: OVF 1.0 has Items only. */
function hardware(vm: OvfVmOut, version: OvfVersion): Node {
    const SCSI = "3";
    const disks = vm.disks.map((_d, i) => ({
        AddressOnParent: String(i), ElementName: `Hard disk ${String(i + 1)}`, HostResource: `ovf:/disk/vmdisk${String(i + 1)}`,
        InstanceID: String(10 + i), Parent: SCSI, ResourceType: "17",
    }));
    const nics = vm.nics.map((network, i) => ({
        AddressOnParent: String(7 + i), AutomaticAllocation: "true", Connection: network, Description: `E1000 ethernet adapter on "${network}"`,
        ElementName: `Network adapter ${String(i + 1)}`, InstanceID: String(20 + i), ResourceSubType: "E1000", ResourceType: "10",
    }));
    const items = [
        item({ AllocationUnits: "hertz * 10^6", Description: "Number of Virtual CPUs", ElementName: `${String(vm.vcpus)} virtual CPU(s)`, InstanceID: "1", ResourceType: "3", VirtualQuantity: String(vm.vcpus) }),
        item({ AllocationUnits: "byte * 2^20", Description: "Memory Size", ElementName: `${String(vm.memoryMiB)}MB of memory`, InstanceID: "2", ResourceType: "4", VirtualQuantity: String(vm.memoryMiB) }),
        item({ Address: "0", Description: "SCSI Controller", ElementName: "SCSI controller 0", InstanceID: SCSI, ResourceSubType: "lsilogic", ResourceType: "6" }),
    ];
    if (version === "1.0") return { Item: [...items, ...disks.map(d => item(d)), ...nics.map(n => item(n))] };
    return {
        Item: items,
        ...(disks.length ? { StorageItem: disks.map(d => item(d, "sasd")) } : {}),
        ...(nics.length ? { EthernetPortItem: nics.map(n => item(n, "epasd")) } : {}),
    };
}

export function buildOvf(vm: OvfVmOut, version: OvfVersion = "1.0"): string {
    const networks = [...new Set(vm.nics)];
    const ns = version === "1.0" ? OVF_NS : OVF2_NS;
    const envelope: Node = {
        "@_xmlns": ns,
        "@_xmlns:ovf": ns,
        "@_xmlns:rasd": RASD_NS,
        ...(version === "2.0" ? { "@_xmlns:sasd": SASD_NS, "@_xmlns:epasd": EPASD_NS } : {}),
        "@_xmlns:vssd": VSSD_NS,
        "@_xmlns:vmw": VMW_NS,
        "@_xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        References: {
            File: vm.disks.map((d, i) => ({ "@_ovf:href": d.file, "@_ovf:id": `file${String(i + 1)}`, "@_ovf:size": String(d.fileSize) })),
        },
        DiskSection: {
            Info: "Virtual disk information",
            Disk: vm.disks.map((d, i) => ({
                "@_ovf:capacity": String(d.capacity), "@_ovf:capacityAllocationUnits": "byte",
                "@_ovf:diskId": `vmdisk${String(i + 1)}`, "@_ovf:fileRef": `file${String(i + 1)}`, "@_ovf:format": VMDK_STREAM_FORMAT,
            })),
        },
        ...(networks.length ? {
            NetworkSection: {
                Info: "The list of logical networks",
                Network: networks.map(n => ({ "@_ovf:name": n, Description: `The ${n} network` })),
            },
        } : {}),
        VirtualSystem: {
            "@_ovf:id": vm.name,
            Info: "A virtual machine",
            Name: vm.name,
            OperatingSystemSection: { "@_ovf:id": "101", "@_vmw:osType": "otherLinux64Guest", Info: "The kind of installed guest operating system" },
            VirtualHardwareSection: {
                Info: "Virtual hardware requirements",
                System: {
                    "vssd:ElementName": "Virtual Hardware Family",
                    "vssd:InstanceID": "0",
                    "vssd:VirtualSystemIdentifier": vm.name,
                    "vssd:VirtualSystemType": "vmx-10",
                },
                ...hardware(vm, version),
                ...(vm.firmware === "efi" ? { "vmw:Config": { "@_ovf:required": "false", "@_vmw:key": "firmware", "@_vmw:value": "efi" } } : {}),
            },
        },
    };
    return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Envelope: envelope })}`;
}
