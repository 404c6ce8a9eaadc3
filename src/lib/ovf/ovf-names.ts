// The namespaces and codes of OVF descriptors (DMTF DSP0243) and the CIM classes their hardware
// items use.
export const OVF_NS = "http://schemas.dmtf.org/ovf/envelope/1";
export const OVF2_NS = "http://schemas.dmtf.org/ovf/envelope/2";
/** OVF 2.0 describes disks and NICs with these classes (StorageItem, EthernetPortItem). */
export const SASD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData";
export const EPASD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData";
export const RASD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";
export const VSSD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData";
export const VMW_NS = "http://www.vmware.com/schema/ovf";
export const VMDK_STREAM_FORMAT = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

/** CIM_ResourceAllocationSettingData.ResourceType codes we read. */
export const ResourceType = {
    Other: 1, Processor: 3, Memory: 4, IdeController: 5, ScsiController: 6, EthernetAdapter: 10, OtherNetworkAdapter: 11,
    Floppy: 14, CdDrive: 15, DvdDrive: 16, Disk: 17, OtherStorage: 20, SerialPort: 21, ParallelPort: 22, UsbController: 23,
    Graphics: 24, SoundCard: 35,
} as const;

/** Hardware an import knows and leaves out (the new VM gets its own devices of these kinds). */
export const KNOWN_UNTRANSLATED: Readonly<Record<number, string>> = {
    [ResourceType.Other]: "other device",
    [ResourceType.IdeController]: "IDE controller",
    [ResourceType.ScsiController]: "SCSI controller",
    [ResourceType.Floppy]: "floppy drive",
    [ResourceType.CdDrive]: "CD drive",
    [ResourceType.DvdDrive]: "DVD drive",
    [ResourceType.OtherStorage]: "storage controller",
    [ResourceType.SerialPort]: "serial port",
    [ResourceType.ParallelPort]: "parallel port",
    [ResourceType.UsbController]: "USB controller",
    [ResourceType.Graphics]: "graphics card",
    [ResourceType.SoundCard]: "sound card",
};

/** Controllers whose disks take the guest's disk bus: read, not reported as left out. */
export const CONTROLLERS: readonly number[] = [ResourceType.IdeController, ResourceType.ScsiController, ResourceType.OtherStorage];
