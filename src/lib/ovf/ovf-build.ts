// An OVF 1.0 descriptor for our OVA export, in the layout VMware's ovftool writes (it is what
// ESXi, Workstation and VirtualBox all import): References → DiskSection → NetworkSection →
// VirtualSystem with a VirtualHardwareSection of rasd Items. Built with the XML builder, so names
// are escaped; rasd elements in the schema's (alphabetical) order, as VMware checks it.
import XMLBuilder from "fast-xml-builder";

import { OVF_NS, RASD_NS, VMDK_STREAM_FORMAT, VMW_NS, VSSD_NS } from "./ovf-names.ts";

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

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true });

type Node = Record<string, unknown>;

/** A rasd Item; keys sorted, as the CIM schema's sequence is alphabetical. */
function item(fields: Record<string, string>): Node {
    return Object.fromEntries(Object.keys(fields).sort().map(k => [`rasd:${k}`, fields[k]]));
}

function hardware(vm: OvfVmOut): Node[] {
    const SCSI = "3";
    const items = [
        item({ AllocationUnits: "hertz * 10^6", Description: "Number of Virtual CPUs", ElementName: `${String(vm.vcpus)} virtual CPU(s)`, InstanceID: "1", ResourceType: "3", VirtualQuantity: String(vm.vcpus) }),
        item({ AllocationUnits: "byte * 2^20", Description: "Memory Size", ElementName: `${String(vm.memoryMiB)}MB of memory`, InstanceID: "2", ResourceType: "4", VirtualQuantity: String(vm.memoryMiB) }),
        item({ Address: "0", Description: "SCSI Controller", ElementName: "SCSI controller 0", InstanceID: SCSI, ResourceSubType: "lsilogic", ResourceType: "6" }),
        ...vm.disks.map((_d, i) => item({
            AddressOnParent: String(i), ElementName: `Hard disk ${String(i + 1)}`, HostResource: `ovf:/disk/vmdisk${String(i + 1)}`,
            InstanceID: String(10 + i), Parent: SCSI, ResourceType: "17",
        })),
        ...vm.nics.map((network, i) => item({
            AddressOnParent: String(7 + i), AutomaticAllocation: "true", Connection: network, Description: `E1000 ethernet adapter on "${network}"`,
            ElementName: `Network adapter ${String(i + 1)}`, InstanceID: String(20 + i), ResourceSubType: "E1000", ResourceType: "10",
        })),
    ];
    return items;
}

export function buildOvf(vm: OvfVmOut): string {
    const networks = [...new Set(vm.nics)];
    const envelope: Node = {
        "@_xmlns": OVF_NS,
        "@_xmlns:ovf": OVF_NS,
        "@_xmlns:rasd": RASD_NS,
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
                Item: hardware(vm),
                ...(vm.firmware === "efi" ? { "vmw:Config": { "@_ovf:required": "false", "@_vmw:key": "firmware", "@_vmw:value": "efi" } } : {}),
            },
        },
    };
    return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Envelope: envelope })}`;
}
