import QUnit from "qunit";

import { buildManifest, manifestProblems, parseManifest } from "../../src/lib/ovf/manifest.ts";
import { buildOvf } from "../../src/lib/ovf/ovf-build.ts";
import { OvfError, parseOvf, unitBytes } from "../../src/lib/ovf/ovf-parse.ts";
import { UNKNOWN_REQUIRED_ITEM, virtualBoxOvf, vmwareOvf } from "../browser/lib/foreign-ovf.ts";

const MiB = 2 ** 20;

QUnit.module("OVF descriptors", () => {
    QUnit.test("what we build reads back the same, names escaped", assert => {
        const xml = buildOvf({
            name: `web & "db" <1>`, vcpus: 3, memoryMiB: 768, firmware: "efi",
            disks: [{ file: "a-disk1.vmdk", fileSize: 1234, capacity: 16 * MiB }, { file: "a-disk2.vmdk", fileSize: 99, capacity: 2 * 2 ** 30 }],
            nics: ["default", "lan"],
        });
        assert.true(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>`));
        assert.true(xml.includes(`xmlns="http://schemas.dmtf.org/ovf/envelope/1"`), "OVF 1.0 envelope namespace");
        const vm = parseOvf(xml);
        assert.strictEqual(vm.name, `web & "db" <1>`);
        assert.strictEqual(vm.vcpus, 3);
        assert.strictEqual(vm.memoryMiB, 768);
        assert.strictEqual(vm.firmware, "efi");
        assert.deepEqual(vm.disks, [{ file: "a-disk1.vmdk", capacity: 16 * MiB }, { file: "a-disk2.vmdk", capacity: 2 * 2 ** 30 }]);
        assert.deepEqual(vm.nics.map(n => n.network), ["default", "lan"]);
        assert.deepEqual(vm.notTranslated, [], "the SCSI controller is read, not reported");
    });

    QUnit.test("rasd elements are in the schema's alphabetical order (VMware checks it)", assert => {
        const xml = buildOvf({ name: "v", vcpus: 1, memoryMiB: 64, firmware: "bios", disks: [{ file: "d.vmdk", fileSize: 1, capacity: MiB }], nics: ["n"] });
        for (const item of xml.split("<Item>").slice(1)) {
            const names = [...(item.split("</Item>")[0] ?? "").matchAll(/<rasd:(\w+)>/g)].map(m => m[1] ?? "");
            assert.deepEqual(names, [...names].sort(), names.join(","));
        }
    });

    QUnit.test("OVF 2.0: its envelope namespace, disks as sasd StorageItems and NICs as epasd EthernetPortItems, read back the same", assert => {
        const out = { name: "v2", vcpus: 2, memoryMiB: 512, firmware: "bios" as const,
                      disks: [{ file: "v2-disk1.vmdk", fileSize: 10, capacity: 16 * MiB }, { file: "v2-disk2.vmdk", fileSize: 20, capacity: 32 * MiB }],
                      nics: ["default"] };
        const xml = buildOvf(out, "2.0");
        assert.true(xml.includes(`xmlns="http://schemas.dmtf.org/ovf/envelope/2"`), "OVF 2.0 envelope namespace");
        assert.false(xml.includes("envelope/1"), "no OVF 1.0 namespace left");
        const storage = xml.split("<StorageItem>").slice(1).map(i => i.split("</StorageItem>")[0] ?? "");
        const ports = xml.split("<EthernetPortItem>").slice(1).map(i => i.split("</EthernetPortItem>")[0] ?? "");
        assert.strictEqual(storage.length, 2, "one StorageItem per disk");
        assert.strictEqual(ports.length, 1, "one EthernetPortItem per NIC");
        for (const [prefix, bodies] of [["sasd", storage], ["epasd", ports]] as const) {
            for (const body of bodies) {
                const names = [...body.matchAll(/<(\w+):(\w+)>/g)].map(m => { assert.strictEqual(m[1], prefix); return m[2] ?? ""; });
                assert.deepEqual(names, [...names].sort(), `${prefix}: ${names.join(",")}`);
            }
        }
        const itemTypes = xml.split("<Item>").slice(1).map(i => /<rasd:ResourceType>(\d+)</.exec(i)?.[1]);
        assert.deepEqual(itemTypes, ["3", "4", "6"], "the rasd Items hold only CPU, memory and the controller");
        const vm = parseOvf(xml);
        assert.deepEqual([vm.name, vm.vcpus, vm.memoryMiB, vm.firmware], ["v2", 2, 512, "bios"]);
        assert.deepEqual(vm.disks, [{ file: "v2-disk1.vmdk", capacity: 16 * MiB }, { file: "v2-disk2.vmdk", capacity: 32 * MiB }]);
        assert.deepEqual(vm.nics.map(n => n.network), ["default"]);
        assert.deepEqual(vm.notTranslated, []);
        assert.strictEqual(buildOvf(out), buildOvf(out, "1.0"), "1.0 is the default");
    });

    QUnit.test("a VirtualBox export: default namespace, MegaBytes, /disk/ references, vbox firmware", assert => {
        const vm = parseOvf(virtualBoxOvf({ name: "vbox-vm", vcpus: 2, memoryMiB: 1024, network: "NAT", efi: true,
                                            disks: [{ file: "vbox-vm-disk001.vmdk", capacity: 8 * 2 ** 30 }] }));
        assert.strictEqual(vm.name, "vbox-vm", "the name from ovf:id (VirtualBox writes no <Name>)");
        assert.strictEqual(vm.vcpus, 2);
        assert.strictEqual(vm.memoryMiB, 1024);
        assert.strictEqual(vm.firmware, "efi");
        assert.deepEqual(vm.disks, [{ file: "vbox-vm-disk001.vmdk", capacity: 8 * 2 ** 30 }]);
        assert.deepEqual(vm.nics, [{ network: "NAT", model: "E1000" }]);
        assert.deepEqual(vm.notTranslated, ["usb (USB controller)", "sound (sound card)", "cdrom1 (CD drive)"]);
    });

    QUnit.test("a VMware export: byte * 2^20 capacities, ovf:/disk/ references, vmw:Config firmware", assert => {
        const vm = parseOvf(vmwareOvf({ name: "vmw-vm", vcpus: 4, memoryMiB: 256, network: "nat", efi: false, fileSizes: [1000, 2000],
                                        disks: [{ file: "vmw-vm-disk1.vmdk", capacity: 16 * MiB }, { file: "vmw-vm-disk2.vmdk", capacity: 32 * MiB }] }));
        assert.strictEqual(vm.name, "vmw-vm");
        assert.strictEqual(vm.vcpus, 4);
        assert.strictEqual(vm.memoryMiB, 256);
        assert.strictEqual(vm.firmware, "bios");
        assert.deepEqual(vm.disks.map(d => [d.file, d.capacity]), [["vmw-vm-disk1.vmdk", 16 * MiB], ["vmw-vm-disk2.vmdk", 32 * MiB]]);
        assert.deepEqual(vm.nics, [{ network: "nat", model: "E1000e" }]);
        assert.deepEqual(vm.notTranslated, ["usb (USB controller)", "CD/DVD drive 1 (CD drive)", "Video card (graphics card)", "VMCI device (other device)"]);
        assert.strictEqual(parseOvf(vmwareOvf({ name: "e", vcpus: 1, memoryMiB: 64, network: "n", efi: true, fileSizes: [], disks: [] })).firmware, "efi");
    });

    QUnit.test("refusals: unknown required hardware, a disk whose file is not listed, no envelope, no memory", assert => {
        const base = { name: "x", vcpus: 1, memoryMiB: 64, network: "n", disks: [{ file: "x.vmdk", capacity: MiB }] };
        assert.throws(() => parseOvf(virtualBoxOvf({ ...base, extraItem: UNKNOWN_REQUIRED_ITEM })),
                      (e: Error) => e instanceof OvfError && /requires hardware this host cannot give: "Vendor accelerator" \(resource type 32769\)/.test(e.message));
        const optional = parseOvf(virtualBoxOvf({ ...base, extraItem: UNKNOWN_REQUIRED_ITEM.replace("<Item>", `<Item ovf:required="false">`) }));
        assert.true(optional.notTranslated.includes("Vendor accelerator (resource type 32769)"), "an optional unknown item is listed as left out");
        const missingFile = virtualBoxOvf(base).replace(`ovf:fileRef="file1"`, `ovf:fileRef="file9"`);
        assert.throws(() => parseOvf(missingFile), /refers to a file it does not list \(file9\)/);
        const missingDisk = virtualBoxOvf(base).replace("/disk/vmdisk1<", "/disk/vmdisk7<");
        assert.throws(() => parseOvf(missingDisk), /refers to a disk it does not describe \(\/disk\/vmdisk7\)/);
        assert.throws(() => parseOvf("<domain/>"), /not an OVF descriptor/);
        assert.throws(() => parseOvf(virtualBoxOvf(base).replace("<rasd:ResourceType>4<", "<rasd:ResourceType>1<")), /does not say how much memory/);
    });

    QUnit.test("allocation units", assert => {
        assert.strictEqual(unitBytes("byte * 2^20", 1), MiB);
        assert.strictEqual(unitBytes("byte*2^30", 1), 2 ** 30);
        assert.strictEqual(unitBytes("byte * 10^3", 1), 1000);
        assert.strictEqual(unitBytes("MegaBytes", 1), MiB);
        assert.strictEqual(unitBytes("GigaBytes", 1), 2 ** 30);
        assert.strictEqual(unitBytes(undefined, MiB), MiB);
        assert.strictEqual(unitBytes("furlongs", 1), undefined);
    });
});

QUnit.module("OVA manifests", () => {
    QUnit.test("built, read back and checked", assert => {
        const text = buildManifest([{ file: "vm.ovf", sha256: "ab" }, { file: "vm-disk1.vmdk", sha256: "CD" }]);
        assert.strictEqual(text, "SHA256(vm.ovf)= ab\nSHA256(vm-disk1.vmdk)= CD\n");
        const entries = parseManifest(`${text}SHA1(old.vmdk)= 0f\r\n`);
        assert.deepEqual(entries, [
            { algorithm: "SHA256", file: "vm.ovf", digest: "ab" },
            { algorithm: "SHA256", file: "vm-disk1.vmdk", digest: "cd" },
            { algorithm: "SHA1", file: "old.vmdk", digest: "0f" },
        ]);
        assert.deepEqual(manifestProblems(entries, new Map([["vm.ovf", "ab"], ["vm-disk1.vmdk", "cd"], ["old.vmdk", "0F"]])), []);
        assert.deepEqual(manifestProblems(entries, new Map([["vm.ovf", "00"], ["vm-disk1.vmdk", "cd"]])),
                         ["vm.ovf does not match its checksum in the manifest", "old.vmdk is listed in the manifest but missing from the archive"]);
        assert.throws(() => parseManifest("garbage line"), /cannot be read: garbage line/);
    });
});
