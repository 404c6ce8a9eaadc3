import QUnit from "qunit";

import { parseArpTable } from "../../src/libvirt/arp-table.ts";
import {
    diskXml, formatFromPath, interfaceXml, macProblem, nextTarget, resizeProblem, sizeToBytes, vlanProblem, volumeNameProblem, volumeXml,
} from "../../src/libvirt/device-xml.ts";
import { deviceXml, diskTargets, findDisk, findInterface, withLinkState, withMedia } from "../../src/libvirt/device-xml-edit.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { attr, child, children, type XmlNode,xmlParser } from "../../src/libvirt/xml.ts";

function parsed(xml: string, root: string): XmlNode {
    const doc = xmlParser.parse(xml) as XmlNode;
    const node = child(doc, root) ?? children(doc, root)[0];
    if (!node) throw new Error(`no <${root}> in ${xml}`);
    return node;
}

QUnit.module("device XML builders", () => {
    QUnit.test("a file disk with format, cache and read-only", assert => {
        const xml = diskXml({ device: "disk", sourceType: "file", path: "/img/a & b.qcow2", format: "qcow2", target: "vdb", bus: "virtio", cache: "none", readonly: true });
        const disk = parsed(xml, "disk");
        assert.strictEqual(attr(disk, "type"), "file");
        assert.strictEqual(attr(disk, "device"), "disk");
        assert.strictEqual(attr(child(disk, "driver"), "type"), "qcow2");
        assert.strictEqual(attr(child(disk, "driver"), "cache"), "none");
        assert.strictEqual(attr(child(disk, "source"), "file"), "/img/a & b.qcow2", "special characters survive");
        assert.strictEqual(attr(child(disk, "target"), "dev"), "vdb");
        assert.strictEqual(attr(child(disk, "target"), "bus"), "virtio");
        assert.true("readonly" in disk);
        assert.true(xml.indexOf("<source") < xml.indexOf("<target"), "source comes before target");
    });

    QUnit.test("a block disk uses dev=, default cache is left out, an empty CD drive has no source", assert => {
        const block = parsed(diskXml({ device: "disk", sourceType: "block", path: "/dev/sdz", format: "raw", target: "sdb", bus: "scsi", cache: "default", readonly: false }), "disk");
        assert.strictEqual(attr(child(block, "source"), "dev"), "/dev/sdz");
        assert.strictEqual(attr(child(block, "driver"), "cache"), undefined);
        assert.false("readonly" in block);
        const cd = parsed(diskXml({ device: "cdrom", sourceType: "file", path: "", format: "raw", target: "sda", bus: "sata", cache: "default", readonly: false }), "disk");
        assert.strictEqual(child(cd, "source"), undefined);
        assert.true("readonly" in cd, "CD drives are read-only");
    });

    QUnit.test("interfaces of each type", assert => {
        const net = parsed(interfaceXml({ type: "network", source: "default", model: "virtio", mac: "52:54:00:AA:bb:01" }), "interface");
        assert.strictEqual(attr(net, "type"), "network");
        assert.strictEqual(attr(child(net, "source"), "network"), "default");
        assert.strictEqual(attr(child(net, "mac"), "address"), "52:54:00:aa:bb:01", "MAC is lower-cased");
        assert.strictEqual(attr(child(net, "model"), "type"), "virtio");
        const bridge = parsed(interfaceXml({ type: "bridge", source: "br0", model: "e1000e", mac: "" }), "interface");
        assert.strictEqual(attr(child(bridge, "source"), "bridge"), "br0");
        assert.strictEqual(child(bridge, "mac"), undefined, "no MAC: libvirt picks one");
        const direct = parsed(interfaceXml({ type: "direct", source: "eth0", mode: "vepa", model: "rtl8139", mac: "" }), "interface");
        assert.strictEqual(attr(child(direct, "source"), "dev"), "eth0");
        assert.strictEqual(attr(child(direct, "source"), "mode"), "vepa");
        assert.strictEqual(child(net, "vlan"), undefined, "untagged unless asked");
    });

    QUnit.test("a VLAN tag on network and bridge interfaces", assert => {
        const bridge = parsed(interfaceXml({ type: "bridge", source: "ovsbr0", model: "virtio", mac: "", vlan: 42 }), "interface");
        assert.strictEqual(attr(child(child(bridge, "vlan"), "tag"), "id"), "42");
        const net = parsed(interfaceXml({ type: "network", source: "ovs-net", model: "virtio", mac: "", vlan: 4094 }), "interface");
        assert.strictEqual(attr(child(child(net, "vlan"), "tag"), "id"), "4094");
        const direct = parsed(interfaceXml({ type: "direct", source: "eth0", model: "virtio", mac: "", vlan: 7 }), "interface");
        assert.strictEqual(child(direct, "vlan"), undefined, "macvtap gets no tag");
        assert.strictEqual(vlanProblem(""), null, "empty: untagged");
        assert.strictEqual(vlanProblem(" 1 "), null);
        assert.strictEqual(vlanProblem("4094"), null);
        for (const bad of ["0", "4095", "-3", "12.5", "1e3", "ten", "NaN"])
            assert.true(vlanProblem(bad)?.includes("1 to 4094"), `${bad} is refused`);
    });

    QUnit.test("a volume in bytes with its format", assert => {
        const volume = parsed(volumeXml("new-disk", 1073741824, "qcow2"), "volume");
        assert.strictEqual(child(volume, "name")?.["#text"], "new-disk");
        assert.strictEqual(attr(child(volume, "capacity"), "unit"), "bytes");
        assert.strictEqual(child(volume, "capacity")?.["#text"], "1073741824");
        assert.strictEqual(attr(child(child(volume, "target"), "format"), "type"), "qcow2");
    });
});

QUnit.module("device input checks", () => {
    QUnit.test("MAC addresses", assert => {
        assert.strictEqual(macProblem(""), null, "empty means automatic");
        assert.strictEqual(macProblem("52:54:00:12:34:56"), null);
        assert.strictEqual(macProblem("52:54:00:AB:cd:EF"), null);
        for (const bad of ["52:54:00:12:34", "52-54-00-12-34-56", "52:54:00:12:34:5g", "525400123456", "52:54:00:12:34:56:78"])
            assert.notStrictEqual(macProblem(bad), null, `${bad} is refused`);
        assert.true(macProblem("01:00:5e:00:00:01")?.includes("multicast"), "multicast refused");
        assert.notStrictEqual(macProblem("00:00:00:00:00:00"), null);
        assert.true(macProblem("52:54:00:12:34:56", ["52:54:00:12:34:56"])?.includes("already"), "duplicates refused");
    });

    QUnit.test("next free target per bus", assert => {
        assert.strictEqual(nextTarget("virtio", ["vda"]), "vdb");
        assert.strictEqual(nextTarget("virtio", ["vdb"]), "vda");
        assert.strictEqual(nextTarget("sata", ["sda", "sdb", "vda"]), "sdc");
        assert.strictEqual(nextTarget("ide", []), "hda");
        const many = Array.from({ length: 26 }, (_v, i) => `vd${String.fromCharCode(97 + i)}`);
        assert.strictEqual(nextTarget("virtio", many), "vdaa", "after vdz comes vdaa");
    });

    QUnit.test("sizes and resizing", assert => {
        assert.strictEqual(sizeToBytes("1", "GiB"), 1024 ** 3);
        assert.strictEqual(sizeToBytes("1.5", "GiB"), 1.5 * 1024 ** 3);
        assert.strictEqual(sizeToBytes("512", "MiB"), 512 * 1024 ** 2);
        assert.true(Number.isNaN(sizeToBytes("-1", "GiB")));
        assert.true(Number.isNaN(sizeToBytes("0", "GiB")));
        assert.true(Number.isNaN(sizeToBytes("ten", "GiB")));
        assert.strictEqual(resizeProblem(2048, 1024), null);
        assert.true(resizeProblem(512, 1024)?.includes("only grow"), "shrinking is refused");
        assert.notStrictEqual(resizeProblem(1024, 1024), null);
        assert.notStrictEqual(resizeProblem(NaN, 1024), null);
    });

    QUnit.test("volume names and formats from paths", assert => {
        assert.strictEqual(volumeNameProblem("data-1.qcow2"), null);
        assert.notStrictEqual(volumeNameProblem(""), null);
        assert.notStrictEqual(volumeNameProblem("../etc"), null);
        assert.notStrictEqual(volumeNameProblem("a/b"), null);
        assert.strictEqual(formatFromPath("/x/disk.QCOW2"), "qcow2");
        assert.strictEqual(formatFromPath("/x/install.iso"), "raw");
    });
});

const DOMAIN = `<domain type='qemu'><name>vm</name><uuid>u</uuid><memory>1024</memory><vcpu>1</vcpu><os><type>hvm</type></os>
<devices>
  <disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='writeback'/><source file='/i/a.qcow2'/><target dev='vda' bus='virtio'/><address type='pci' slot='0x05'/></disk>
  <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/i/old.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
  <interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='net1'/><model type='virtio'/><address type='pci' slot='0x03'/></interface>
</devices></domain>`;

QUnit.module("editing existing devices", () => {
    QUnit.test("find devices by target and MAC", assert => {
        assert.deepEqual(diskTargets(DOMAIN), ["vda", "sda"]);
        assert.strictEqual(attr(child(findDisk(DOMAIN, "sda"), "source"), "file"), "/i/old.iso");
        assert.strictEqual(findDisk(DOMAIN, "vdz"), undefined);
        assert.strictEqual(attr(child(findInterface(DOMAIN, "52:54:00:AA:BB:CC"), "source"), "network"), "net1");
        assert.strictEqual(parseDomainXml(DOMAIN).disks[0]?.cache, "writeback", "the cache mode is parsed");
    });

    QUnit.test("eject and insert keep everything else", assert => {
        const cd = findDisk(DOMAIN, "sda");
        if (!cd) throw new Error("no cd");
        const ejected = parsed(deviceXml("disk", withMedia(cd, null)), "disk");
        assert.strictEqual(child(ejected, "source"), undefined);
        assert.strictEqual(attr(child(ejected, "target"), "dev"), "sda");
        assert.true("readonly" in ejected);
        const insertedXml = deviceXml("disk", withMedia(cd, "/i/new.iso"));
        const inserted = parsed(insertedXml, "disk");
        assert.strictEqual(attr(child(inserted, "source"), "file"), "/i/new.iso");
        assert.strictEqual(attr(child(inserted, "driver"), "type"), "raw");
        assert.true(insertedXml.indexOf("<source") < insertedXml.indexOf("<target"));
        const intoEmpty = parsed(deviceXml("disk", withMedia(withMedia(cd, null), "/i/x.iso")), "disk");
        assert.strictEqual(attr(child(intoEmpty, "source"), "file"), "/i/x.iso", "media goes into an empty drive");
    });

    QUnit.test("link state changes only the link", assert => {
        const nic = findInterface(DOMAIN, "52:54:00:aa:bb:cc");
        if (!nic) throw new Error("no nic");
        const down = parsed(deviceXml("interface", withLinkState(nic, false)), "interface");
        assert.strictEqual(attr(child(down, "link"), "state"), "down");
        assert.strictEqual(attr(child(down, "model"), "type"), "virtio", "the model is kept");
        assert.strictEqual(attr(child(down, "address"), "slot"), "0x03", "the address is kept");
        const up = parsed(deviceXml("interface", withLinkState(down, true)), "interface");
        assert.strictEqual(attr(child(up, "link"), "state"), "up");
    });
});

QUnit.module("host ARP table", () => {
    QUnit.test("complete entries by MAC; incomplete ones are skipped", assert => {
        const table = [
            "IP address       HW type     Flags       HW address            Mask     Device",
            "10.213.58.10     0x1         0x2         52:54:00:58:00:01     *        kvmmt-nics-pb",
            "10.213.58.11     0x1         0x2         52:54:00:58:00:01     *        kvmmt-nics-pb",
            "10.213.58.12     0x1         0x0         00:00:00:00:00:00     *        kvmmt-nics-pb",
            "192.0.2.1        0x1         0x2         02:FC:00:00:00:05     *        eth0",
            "",
        ].join("\n");
        const entries = parseArpTable(table);
        assert.strictEqual(entries.length, 2);
        assert.deepEqual(entries[0]?.addresses.map(a => a.address), ["10.213.58.10", "10.213.58.11"]);
        assert.strictEqual(entries[1]?.mac, "02:fc:00:00:00:05", "MACs are lower-cased");
        assert.deepEqual(parseArpTable(""), []);
    });
});
