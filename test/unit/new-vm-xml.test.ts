import QUnit from "qunit";

import { parseDomainCapabilities } from "../../src/libvirt/domain-capabilities.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { buildNewDomainXml, type NewVmSpec } from "../../src/libvirt/new-domain-xml.ts";

const SPEC: NewVmSpec = {
    name: `web & "db" <x> ü`,
    virtType: "qemu",
    emulator: "/usr/bin/qemu-system-x86_64",
    machine: "pc-q35-7.2",
    memoryMiB: 2048,
    vcpus: 2,
    osId: "http://debian.org/debian/12",
    firmware: "efi",
    secureBoot: true,
    tpm: false,
    virtio: true,
    disks: [{ path: "/var/lib/libvirt/images/web & db.qcow2", format: "qcow2" }],
    cdrom: "/iso/debian 12.iso",
    network: { type: "network", source: "default" },
    boot: ["cdrom", "hd"],
};

QUnit.module("new VM XML", () => {
    QUnit.test("the wizard's choices become domain XML that reads back the same", assert => {
        const xml = buildNewDomainXml(SPEC);
        const d = parseDomainXml(xml);
        assert.strictEqual(d.name, SPEC.name, "special characters are escaped and survive");
        assert.strictEqual(d.type, "qemu");
        assert.strictEqual(d.memoryKiB, 2048 * 1024);
        assert.strictEqual(d.cpu.maximum, 2);
        assert.deepEqual(d.firmware, { kind: "efi", secureBoot: true, machine: "pc-q35-7.2", arch: "x86_64" });
        assert.deepEqual(d.bootOrder, ["cdrom", "hd"]);
        assert.strictEqual(d.osId, "http://debian.org/debian/12", "the OS is recorded for other tools");
        assert.deepEqual(d.disks.map(x => [x.device, x.target, x.bus, x.path]), [
            ["disk", "vda", "virtio", "/var/lib/libvirt/images/web & db.qcow2"],
            ["cdrom", "sdn", "sata", "/iso/debian 12.iso"],
        ]);
        assert.deepEqual(d.interfaces.map(i => [i.type, i.source, i.model]), [["network", "default", "virtio"]]);
        assert.deepEqual(d.channels.map(c => c.name), ["org.qemu.guest_agent.0", "org.kvmmanager.agent.0"]);
        assert.true(xml.includes("<smm state=\"on\"/>") || xml.includes("<smm state=\"on\"></smm>"), "Secure Boot needs SMM");
    });

    QUnit.test("without virtio drivers the VM gets SATA and e1000e; BIOS has no firmware element", assert => {
        const withoutCdrom: NewVmSpec = { ...SPEC };
        delete withoutCdrom.cdrom;
        const d = parseDomainXml(buildNewDomainXml({ ...withoutCdrom, virtio: false, firmware: "bios", secureBoot: false, network: { type: "bridge", source: "br0" } }));
        assert.strictEqual(d.disks[0]?.bus, "sata");
        assert.strictEqual(d.disks[0]?.target, "sda");
        assert.strictEqual(d.interfaces[0]?.model, "e1000e");
        assert.strictEqual(d.interfaces[0]?.source, "br0");
        assert.strictEqual(d.firmware.kind, "bios");
    });

    QUnit.test("domain capabilities: firmware, Secure Boot and TPM are read", assert => {
        const caps = parseDomainCapabilities(`<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>qemu</domain>
          <machine>pc-q35-7.2</machine><arch>x86_64</arch><vcpu max='288'/>
          <os supported='yes'><enum name='firmware'><value>efi</value></enum>
            <loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</value><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value>
              <enum name='secure'><value>yes</value><value>no</value></enum></loader></os>
          <devices><disk supported='yes'><enum name='bus'><value>sata</value><value>virtio</value></enum></disk>
            <tpm supported='yes'><enum name='model'><value>tpm-crb</value></enum><enum name='backendModel'><value>passthrough</value></enum></tpm></devices>
        </domainCapabilities>`);
        assert.strictEqual(caps.machine, "pc-q35-7.2");
        assert.strictEqual(caps.maxVcpus, 288);
        assert.true(caps.efi);
        assert.true(caps.secureBoot);
        assert.deepEqual(caps.loaders, [{ path: "/usr/share/OVMF/OVMF_CODE_4M.ms.fd", secure: true }, { path: "/usr/share/OVMF/OVMF_CODE_4M.fd", secure: false }]);
        assert.false(caps.tpmEmulator, "passthrough only: no emulated TPM to offer");
        assert.deepEqual(caps.diskBuses, ["sata", "virtio"]);
        assert.throws(() => parseDomainCapabilities("<capabilities/>"), /not a domainCapabilities/);
    });
});
