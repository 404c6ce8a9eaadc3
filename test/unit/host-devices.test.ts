import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { hostDeviceLabel, hostDeviceXml, parseHostDevice, refersTo } from "../../src/libvirt/host-device-xml.ts";
import { hostDeviceProblem, type HostDeviceUse } from "../../src/operations/host-devices.ts";

// As `virsh nodedev-dumpxml` prints them: a PCI device of a host without an IOMMU (these test
// machines), one with an IOMMU group and names from pci.ids, and a USB device.
const PCI_NO_IOMMU = `<device>
  <name>pci_0000_00_02_0</name>
  <path>/sys/devices/pci0000:00/0000:00:02.0</path>
  <parent>computer</parent>
  <driver><name>virtio-pci</name></driver>
  <capability type='pci'>
    <class>0x018000</class><domain>0</domain><bus>0</bus><slot>2</slot><function>0</function>
    <product id='0x1042'/>
    <vendor id='0x1af4'/>
  </capability>
</device>`;
const PCI_GPU = `<device>
  <name>pci_0000_0a_00_1</name>
  <driver><name>snd_hda_intel</name></driver>
  <capability type='pci'>
    <domain>0</domain><bus>10</bus><slot>0</slot><function>1</function>
    <product id='0xaaf0'>GP102 HDMI Audio &amp; more</product>
    <vendor id='0x10de'>NVIDIA Corporation</vendor>
    <iommuGroup number='17'><address domain='0x0000' bus='0x0a' slot='0x00' function='0x1'/></iommuGroup>
  </capability>
</device>`;
const USB = `<device>
  <name>usb_1_4</name>
  <driver><name>usb</name></driver>
  <capability type='usb_device'>
    <bus>1</bus><device>4</device>
    <product id='0x5678'>Token</product>
    <vendor id='0x1234'>Example</vendor>
  </capability>
</device>`;

const use = (xml: string, usedBy: string[] = []): HostDeviceUse => {
    const device = parseHostDevice(xml);
    if (!device) throw new Error("not parsed");
    return { ...device, usedBy };
};

QUnit.module("host devices", () => {
    QUnit.test("node devices are read with their address, names, driver and IOMMU group", assert => {
        const plain = use(PCI_NO_IOMMU);
        assert.strictEqual(plain.address, "0000:00:02.0");
        assert.strictEqual(plain.iommuGroup, undefined, "no IOMMU on this host");
        assert.strictEqual(plain.driver, "virtio-pci");
        const gpu = use(PCI_GPU);
        assert.deepEqual([gpu.address, gpu.iommuGroup, gpu.vendorName, gpu.productName], ["0000:0a:00.1", 17, "NVIDIA Corporation", "GP102 HDMI Audio & more"]);
        const usb = use(USB);
        assert.deepEqual([usb.kind, usb.address, usb.vendorId, usb.productId], ["usb", "001:004", "0x1234", "0x5678"]);
        assert.strictEqual(parseHostDevice("<device><name>net_lo</name><capability type='net'/></device>"), undefined, "other devices are left out");
    });

    QUnit.test("the <hostdev> written for a device is read back from the domain and points at it", assert => {
        for (const xml of [PCI_GPU, USB]) {
            const device = use(xml);
            const hostdev = hostDeviceXml(device);
            assert.true(hostdev.includes('managed="yes"'), "managed: libvirt binds and releases the host driver");
            const [read] = parseDomainXml(`<domain type='kvm'><name>v</name><memory>1</memory><devices>${hostdev}</devices></domain>`).hostDevices;
            assert.true(read !== undefined && refersTo(read, device), `${device.address} found again in the domain`);
            assert.false(read !== undefined && refersTo(read, use(PCI_NO_IOMMU)), "and not another device");
        }
        const byAddress = hostDeviceXml({ kind: "usb", usb: { bus: 1, device: 4 } });
        assert.true(byAddress.includes('<address bus="1" device="4"'), byAddress);
        assert.strictEqual(hostDeviceLabel({ kind: "usb", managed: true, vendorId: "0x1234", productId: "0x5678" }), "1234:5678");
    });

    QUnit.test("a device without an IOMMU, in use or already given is refused in words", assert => {
        assert.true(hostDeviceProblem(use(PCI_NO_IOMMU), "vm")?.includes("no IOMMU"), "no IOMMU");
        assert.strictEqual(hostDeviceProblem(use(PCI_GPU), "vm"), undefined, "a PCI device in an IOMMU group can be given");
        assert.true(hostDeviceProblem(use(PCI_GPU, ["other"]), "vm")?.startsWith("other already uses"), "used by another VM");
        assert.true(hostDeviceProblem(use(USB, ["vm"]), "vm")?.includes("already has"), "given already");
        assert.strictEqual(hostDeviceProblem(use(USB), "vm"), undefined, "USB needs no IOMMU");
    });
});
