import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import {
    editedInterfaceXml, type InterfaceSettings, liveSettings, sameSettings, settingsOf, withEditedInterface,
} from "../../src/libvirt/interface-edit.ts";
import { pendingChanges, savedCounterpart } from "../../src/views/vm-details/nics/nic-labels.ts";

// A running VM's interface as libvirt writes it: port, host device, alias and address.
const LIVE = `<domain type='qemu'><name>vm</name><uuid>u</uuid>
  <devices>
    <disk type='file' device='disk'><source file='/img/a.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'>
      <mac address='52:54:00:77:00:01'/>
      <source network='net-a' portid='429b725b' bridge='virbr7'/>
      <target dev='vnet0'/>
      <model type='virtio'/>
      <alias name='net0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
    </interface>
    <interface type='bridge'><mac address='52:54:00:77:00:02'/><source bridge='br0'/><model type='e1000'/><link state='down'/></interface>
  </devices>
</domain>`;

const NIC: InterfaceSettings = { type: "network", source: "net-a", model: "virtio", mac: "52:54:00:77:00:01", linkUp: true };

QUnit.module("Editing an interface", () => {
    QUnit.test("an unchanged source keeps libvirt's port; target, alias and address stay", assert => {
        const xml = editedInterfaceXml(LIVE, "52:54:00:77:00:01", { ...NIC, linkUp: false }) ?? "";
        assert.true(xml.includes("portid=\"429b725b\""), "the source is the one libvirt wrote");
        assert.true(xml.includes("<link state=\"down\"/>"), xml);
        assert.true(xml.includes("<target dev=\"vnet0\"") && xml.includes("<alias name=\"net0\"") && xml.includes("slot=\"0x03\""), "the rest is kept");
        assert.false(xml.includes("<disk"), "only the interface");
    });

    QUnit.test("a new bridge, model and MAC replace the old ones; the address stays", assert => {
        const wanted: InterfaceSettings = { type: "bridge", source: "br1", model: "e1000e", mac: "52:54:00:77:00:09", linkUp: true };
        const d = parseDomainXml(withEditedInterface(LIVE, "52:54:00:77:00:01", wanted) ?? "");
        assert.strictEqual(d.interfaces.length, 2, "no interface added or lost");
        const first = d.interfaces[0];
        assert.deepEqual([first?.type, first?.source, first?.model, first?.mac, first?.linkUp], ["bridge", "br1", "e1000e", "52:54:00:77:00:09", true]);
        assert.strictEqual(first?.address, "pci 0x0000:0x00:0x03.0x0", "same place on the bus");
        assert.strictEqual(d.disks[0]?.path, "/img/a.qcow2", "the rest of the domain is kept");
        assert.strictEqual(d.interfaces[1]?.mac, "52:54:00:77:00:02", "in the same order");
    });

    QUnit.test("a macvtap attachment gets its mode; a link set down before can come up", assert => {
        const wanted: InterfaceSettings = { type: "direct", source: "eth0", mode: "vepa", model: "e1000", mac: "52:54:00:77:00:02", linkUp: true };
        const d = parseDomainXml(withEditedInterface(LIVE, "52:54:00:77:00:02", wanted) ?? "");
        const nic = d.interfaces[1];
        assert.deepEqual([nic?.type, nic?.source, nic?.mode, nic?.model, nic?.linkUp], ["direct", "eth0", "vepa", "e1000", true]);
    });

    QUnit.test("an unknown MAC address finds nothing", assert => {
        assert.strictEqual(editedInterfaceXml(LIVE, "52:54:00:00:00:00", NIC), undefined);
        assert.strictEqual(withEditedInterface(LIVE, "52:54:00:00:00:00", NIC), undefined);
    });

    QUnit.test("what changes live: network and bridge, link; not model, MAC or macvtap", assert => {
        const wanted: InterfaceSettings = { type: "bridge", source: "br1", model: "e1000e", mac: "52:54:00:77:00:09", linkUp: false };
        assert.deepEqual(liveSettings(NIC, wanted), { ...NIC, type: "bridge", source: "br1", linkUp: false });
        const direct: InterfaceSettings = { ...NIC, type: "direct", source: "eth0", mode: "bridge" };
        assert.deepEqual(liveSettings(NIC, direct), NIC, "not to macvtap");
        assert.deepEqual(liveSettings(direct, { ...direct, source: "eth1", linkUp: false }), { ...direct, linkUp: false }, "nor from it");
        assert.true(sameSettings(NIC, { ...NIC, mac: NIC.mac.toUpperCase() }));
        assert.false(sameSettings(NIC, { ...NIC, model: "e1000e" }));
    });

    QUnit.test("interfaces the form cannot edit; pending changes in words", assert => {
        const d = parseDomainXml(LIVE);
        const [a, b] = d.interfaces;
        if (!a || !b) throw new Error("two interfaces expected");
        assert.strictEqual(settingsOf({ ...a, type: "user" }), undefined, "user mode is not edited here");
        assert.deepEqual(settingsOf(a), NIC);
        const saved = { ...a, mac: "52:54:00:77:00:09", model: "e1000e" };
        assert.strictEqual(savedCounterpart(a, [b, saved]), saved, "found by its bus address although the MAC differs");
        assert.strictEqual(savedCounterpart(b, [saved, b]), b, "by MAC without an address");
        assert.deepEqual(pendingChanges(a, saved), ["model e1000e", "MAC address 52:54:00:77:00:09"]);
        assert.deepEqual(pendingChanges(a, a), []);
    });
});
