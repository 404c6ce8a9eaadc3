// OVF descriptors laid out as VirtualBox 7 and VMware ovftool 4 write them (namespaces, item
// order, unit spellings, disk references), for import tests. Written as text on purpose: they
// copy other programs' output, prefixes and all, which our own builder would normalise.
export interface ForeignVm {
    name: string;
    vcpus: number;
    memoryMiB: number;
    /** File names inside the OVA and the disks' virtual sizes in bytes. */
    disks: { file: string; capacity: number }[];
    network: string;
    efi?: boolean;
    /** An extra hardware item (raw rasd XML) to test refusals. */
    extraItem?: string;
}

const NS = `xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`;
const STREAM = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

/** VirtualBox: OVF in the default namespace, capacity in bytes, "MegaBytes", "/disk/vmdiskN", SATA (AHCI) disks, vbox:Machine. */
export function virtualBoxOvf(vm: ForeignVm): string {
    const files = vm.disks.map((d, i) => `    <File ovf:id="file${String(i + 1)}" ovf:href="${d.file}"/>`).join("\n");
    const disks = vm.disks.map((d, i) => `    <Disk ovf:capacity="${String(d.capacity)}" ovf:diskId="vmdisk${String(i + 1)}" ovf:fileRef="file${String(i + 1)}" ovf:format="${STREAM}" vbox:uuid="0b8b4e4f-6a3c-4b3e-9d55-00000000000${String(i + 1)}"/>`).join("\n");
    const diskItems = vm.disks.map((_d, i) => `      <Item>
        <rasd:AddressOnParent>${String(i)}</rasd:AddressOnParent>
        <rasd:Caption>disk${String(i + 1)}</rasd:Caption>
        <rasd:Description>Disk Image</rasd:Description>
        <rasd:ElementName>disk${String(i + 1)}</rasd:ElementName>
        <rasd:HostResource>/disk/vmdisk${String(i + 1)}</rasd:HostResource>
        <rasd:InstanceID>${String(9 + i)}</rasd:InstanceID>
        <rasd:Parent>5</rasd:Parent>
        <rasd:ResourceType>17</rasd:ResourceType>
      </Item>`).join("\n");
    return `<?xml version="1.0"?>
<Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" ${NS} xmlns:vbox="http://www.virtualbox.org/ovf/machine">
  <References>
${files}
  </References>
  <DiskSection>
    <Info>List of the virtual disks used in the package</Info>
${disks}
  </DiskSection>
  <NetworkSection>
    <Info>Logical networks used in the package</Info>
    <Network ovf:name="${vm.network}">
      <Description>Logical network used by this appliance.</Description>
    </Network>
  </NetworkSection>
  <VirtualSystem ovf:id="${vm.name}">
    <Info>A virtual machine</Info>
    <OperatingSystemSection ovf:id="96">
      <Info>The kind of installed guest operating system</Info>
      <Description>Debian_64</Description>
      <vbox:OSType ovf:required="false">Debian_64</vbox:OSType>
    </OperatingSystemSection>
    <VirtualHardwareSection>
      <Info>Virtual hardware requirements for a virtual machine</Info>
      <System>
        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
        <vssd:InstanceID>0</vssd:InstanceID>
        <vssd:VirtualSystemIdentifier>${vm.name}</vssd:VirtualSystemIdentifier>
        <vssd:VirtualSystemType>virtualbox-2.2</vssd:VirtualSystemType>
      </System>
      <Item>
        <rasd:Caption>${String(vm.vcpus)} virtual CPU</rasd:Caption>
        <rasd:Description>Number of virtual CPUs</rasd:Description>
        <rasd:ElementName>${String(vm.vcpus)} virtual CPU</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>${String(vm.vcpus)}</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits>
        <rasd:Caption>${String(vm.memoryMiB)} MB of memory</rasd:Caption>
        <rasd:Description>Memory Size</rasd:Description>
        <rasd:ElementName>${String(vm.memoryMiB)} MB of memory</rasd:ElementName>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>${String(vm.memoryMiB)}</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:Address>0</rasd:Address>
        <rasd:Caption>ideController0</rasd:Caption>
        <rasd:Description>IDE Controller</rasd:Description>
        <rasd:ElementName>ideController0</rasd:ElementName>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceSubType>PIIX4</rasd:ResourceSubType>
        <rasd:ResourceType>5</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:Address>0</rasd:Address>
        <rasd:Caption>sataController0</rasd:Caption>
        <rasd:Description>SATA Controller</rasd:Description>
        <rasd:ElementName>sataController0</rasd:ElementName>
        <rasd:InstanceID>5</rasd:InstanceID>
        <rasd:ResourceSubType>AHCI</rasd:ResourceSubType>
        <rasd:ResourceType>20</rasd:ResourceType>
      </Item>
      <Item ovf:required="false">
        <rasd:Address>0</rasd:Address>
        <rasd:Caption>usb</rasd:Caption>
        <rasd:Description>USB Controller</rasd:Description>
        <rasd:ElementName>usb</rasd:ElementName>
        <rasd:InstanceID>6</rasd:InstanceID>
        <rasd:ResourceType>23</rasd:ResourceType>
      </Item>
      <Item ovf:required="false">
        <rasd:AddressOnParent>3</rasd:AddressOnParent>
        <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
        <rasd:Caption>sound</rasd:Caption>
        <rasd:Description>Sound Card</rasd:Description>
        <rasd:ElementName>sound</rasd:ElementName>
        <rasd:InstanceID>7</rasd:InstanceID>
        <rasd:ResourceSubType>ensoniq1371</rasd:ResourceSubType>
        <rasd:ResourceType>35</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
        <rasd:Caption>Ethernet adapter on '${vm.network}'</rasd:Caption>
        <rasd:Connection>${vm.network}</rasd:Connection>
        <rasd:ElementName>Ethernet adapter on '${vm.network}'</rasd:ElementName>
        <rasd:InstanceID>8</rasd:InstanceID>
        <rasd:ResourceSubType>E1000</rasd:ResourceSubType>
        <rasd:ResourceType>10</rasd:ResourceType>
      </Item>
${diskItems}
      <Item>
        <rasd:AddressOnParent>0</rasd:AddressOnParent>
        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
        <rasd:Caption>cdrom1</rasd:Caption>
        <rasd:Description>CD-ROM Drive</rasd:Description>
        <rasd:ElementName>cdrom1</rasd:ElementName>
        <rasd:InstanceID>20</rasd:InstanceID>
        <rasd:Parent>3</rasd:Parent>
        <rasd:ResourceType>15</rasd:ResourceType>
      </Item>
${vm.extraItem ?? ""}
    </VirtualHardwareSection>
    <vbox:Machine ovf:required="false" version="1.19-linux" uuid="{1c5bd3ad-4b58-4c2c-8a8c-000000000001}" name="${vm.name}">
      <ovf:Info>Complete VirtualBox machine configuration in VirtualBox format</ovf:Info>
      <Hardware>
        <CPU count="${String(vm.vcpus)}"/>
        <Memory RAMSize="${String(vm.memoryMiB)}"/>
${vm.efi ? `        <Firmware type="EFI"/>\n` : ""}      </Hardware>
    </vbox:Machine>
  </VirtualSystem>
</Envelope>
`;
}

/** VMware ovftool: "byte * 2^20" capacities, ovf:/disk/vmdiskN, vmw:Config items, sizes in File. */
export function vmwareOvf(vm: ForeignVm & { fileSizes: number[] }): string {
    const files = vm.disks.map((d, i) => `    <File ovf:href="${d.file}" ovf:id="file${String(i + 1)}" ovf:size="${String(vm.fileSizes[i] ?? 0)}"/>`).join("\n");
    const disks = vm.disks.map((d, i) => `    <Disk ovf:capacity="${String(d.capacity / 2 ** 20)}" ovf:capacityAllocationUnits="byte * 2^20" ovf:diskId="vmdisk${String(i + 1)}" ovf:fileRef="file${String(i + 1)}" ovf:format="${STREAM}" ovf:populatedSize="0"/>`).join("\n");
    const diskItems = vm.disks.map((_d, i) => `      <Item>
        <rasd:AddressOnParent>${String(i)}</rasd:AddressOnParent>
        <rasd:ElementName>Hard Disk ${String(i + 1)}</rasd:ElementName>
        <rasd:HostResource>ovf:/disk/vmdisk${String(i + 1)}</rasd:HostResource>
        <rasd:InstanceID>${String(8 + i)}</rasd:InstanceID>
        <rasd:Parent>4</rasd:Parent>
        <rasd:ResourceType>17</rasd:ResourceType>
        <vmw:Config ovf:required="false" vmw:key="backing.writeThrough" vmw:value="false"/>
      </Item>`).join("\n");
    return `<?xml version="1.0" encoding="UTF-8"?>
<!--Generated by VMware ovftool 4.4.3 (build-18663434), UTC time: 2026-12-04T02:00:00.000Z-->
<Envelope vmw:buildId="build-18663434" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common" ${NS} xmlns:vmw="http://www.vmware.com/schema/ovf">
  <References>
${files}
  </References>
  <DiskSection>
    <Info>Virtual disk information</Info>
${disks}
  </DiskSection>
  <NetworkSection>
    <Info>The list of logical networks</Info>
    <Network ovf:name="${vm.network}">
      <Description>The ${vm.network} network</Description>
    </Network>
  </NetworkSection>
  <VirtualSystem ovf:id="${vm.name}">
    <Info>A virtual machine</Info>
    <Name>${vm.name}</Name>
    <OperatingSystemSection ovf:id="96" vmw:osType="debian10_64Guest">
      <Info>The kind of installed guest operating system</Info>
    </OperatingSystemSection>
    <VirtualHardwareSection>
      <Info>Virtual hardware requirements</Info>
      <System>
        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
        <vssd:InstanceID>0</vssd:InstanceID>
        <vssd:VirtualSystemIdentifier>${vm.name}</vssd:VirtualSystemIdentifier>
        <vssd:VirtualSystemType>vmx-18</vssd:VirtualSystemType>
      </System>
      <Item>
        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
        <rasd:Description>Number of Virtual CPUs</rasd:Description>
        <rasd:ElementName>${String(vm.vcpus)} virtual CPU(s)</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>${String(vm.vcpus)}</rasd:VirtualQuantity>
        <vmw:CoresPerSocket ovf:required="false">1</vmw:CoresPerSocket>
      </Item>
      <Item>
        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
        <rasd:Description>Memory Size</rasd:Description>
        <rasd:ElementName>${String(vm.memoryMiB)}MB of memory</rasd:ElementName>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>${String(vm.memoryMiB)}</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:Address>0</rasd:Address>
        <rasd:Description>SATA Controller</rasd:Description>
        <rasd:ElementName>sataController0</rasd:ElementName>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceSubType>vmware.sata.ahci</rasd:ResourceSubType>
        <rasd:ResourceType>20</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:Address>0</rasd:Address>
        <rasd:Description>SCSI Controller</rasd:Description>
        <rasd:ElementName>scsiController0</rasd:ElementName>
        <rasd:InstanceID>4</rasd:InstanceID>
        <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>
        <rasd:ResourceType>6</rasd:ResourceType>
      </Item>
      <Item ovf:required="false">
        <rasd:Address>0</rasd:Address>
        <rasd:Description>USB Controller (EHCI)</rasd:Description>
        <rasd:ElementName>usb</rasd:ElementName>
        <rasd:InstanceID>5</rasd:InstanceID>
        <rasd:ResourceSubType>vmware.usb.ehci</rasd:ResourceSubType>
        <rasd:ResourceType>23</rasd:ResourceType>
        <vmw:Config ovf:required="false" vmw:key="autoConnectDevices" vmw:value="false"/>
      </Item>
      <Item ovf:required="false">
        <rasd:AddressOnParent>0</rasd:AddressOnParent>
        <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
        <rasd:ElementName>CD/DVD drive 1</rasd:ElementName>
        <rasd:InstanceID>6</rasd:InstanceID>
        <rasd:Parent>3</rasd:Parent>
        <rasd:ResourceSubType>vmware.cdrom.remotepassthrough</rasd:ResourceSubType>
        <rasd:ResourceType>15</rasd:ResourceType>
      </Item>
${diskItems}
      <Item>
        <rasd:AddressOnParent>2</rasd:AddressOnParent>
        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
        <rasd:Connection>${vm.network}</rasd:Connection>
        <rasd:Description>E1000e ethernet adapter on &quot;${vm.network}&quot;</rasd:Description>
        <rasd:ElementName>Network adapter 1</rasd:ElementName>
        <rasd:InstanceID>20</rasd:InstanceID>
        <rasd:ResourceSubType>E1000e</rasd:ResourceSubType>
        <rasd:ResourceType>10</rasd:ResourceType>
        <vmw:Config ovf:required="false" vmw:key="wakeOnLanEnabled" vmw:value="false"/>
      </Item>
      <Item ovf:required="false">
        <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
        <rasd:ElementName>Video card</rasd:ElementName>
        <rasd:InstanceID>21</rasd:InstanceID>
        <rasd:ResourceType>24</rasd:ResourceType>
        <vmw:Config ovf:required="false" vmw:key="enable3DSupport" vmw:value="false"/>
      </Item>
      <Item ovf:required="false">
        <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
        <rasd:ElementName>VMCI device</rasd:ElementName>
        <rasd:InstanceID>22</rasd:InstanceID>
        <rasd:ResourceSubType>vmware.vmci</rasd:ResourceSubType>
        <rasd:ResourceType>1</rasd:ResourceType>
      </Item>
${vm.extraItem ?? ""}
${vm.efi ? `      <vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="efi"/>\n` : ""}      <vmw:Config ovf:required="false" vmw:key="tools.syncTimeWithHost" vmw:value="false"/>
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`;
}

/** A required item of a kind no importer knows (a vendor-reserved resource type). */
export const UNKNOWN_REQUIRED_ITEM = `      <Item>
        <rasd:ElementName>Vendor accelerator</rasd:ElementName>
        <rasd:InstanceID>99</rasd:InstanceID>
        <rasd:ResourceType>32769</rasd:ResourceType>
      </Item>`;
