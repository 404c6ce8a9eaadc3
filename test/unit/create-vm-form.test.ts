import QUnit from "qunit";

import { joinPath, parentDirectory } from "../../src/host/host-files.ts";
import { parseImageInfo } from "../../src/host/qemu-img.ts";
import { freeFileStem, newFileSuffixes } from "../../src/lib/vm-file-names.ts";
import { type DomainCapabilities, parseDomainCapabilities, tpmUnavailable } from "../../src/libvirt/domain-capabilities.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { buildNewDomainXml } from "../../src/libvirt/new-domain-xml.ts";
import { child, type XmlNode,xmlParser } from "../../src/libvirt/xml.ts";
import {
    applyOsDefaults, checkForm, checkNameStep, checkResourcesStep, checkSourceStep, formToSpec, initialForm, resourceWarnings,
} from "../../src/operations/create-vm/create-vm-form.ts";
import { genericChoices } from "../../src/osinfo/generic-os.ts";
import type { OsInfo } from "../../src/osinfo/osinfo-parse.ts";
import { reviewSummary } from "../../src/views/create-vm/review-summary.ts";

function caps(tpmBackends: string[]): DomainCapabilities {
    const values = (list: string[]) => list.map(v => `<value>${v}</value>`).join("");
    return parseDomainCapabilities(`<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>qemu</domain>
      <machine>pc-q35-7.2</machine><arch>x86_64</arch><vcpu max='255'/>
      <os supported='yes'><enum name='firmware'><value>efi</value></enum>
        <loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value><enum name='secure'><value>no</value></enum></loader></os>
      <devices><tpm supported='yes'><enum name='model'><value>tpm-tis</value><value>tpm-crb</value></enum>
        <enum name='backendModel'>${values(tpmBackends)}</enum><enum name='backendVersion'><value>2.0</value></enum></tpm></devices>
    </domainCapabilities>`);
}

const WIN11: OsInfo = { id: "http://microsoft.com/win/11", shortId: "win11", name: "Microsoft Windows 11", parents: [], minimum: {}, recommended: {}, efi: "required" };
const DEBIAN: OsInfo = { id: "http://debian.org/debian/12", shortId: "debian12", name: "Debian 12", parents: [], minimum: {}, recommended: {}, efi: "supported" };
const LIMITS = { existingNames: new Set<string>(), hostMemoryKiB: 0, hostCpus: 0, maxVcpus: 0, poolAvailable: undefined, poolInactive: false };

QUnit.module("Create VM form", () => {
    QUnit.test("an OS that needs UEFI gets a TPM where the host can emulate one", assert => {
        const withSwtpm = caps(["passthrough", "emulator"]);
        const withoutSwtpm = caps(["passthrough"]);
        assert.strictEqual(tpmUnavailable(withSwtpm), undefined);
        assert.true(tpmUnavailable(withoutSwtpm)?.includes("swtpm"), "the reason names the missing package");

        const win11 = applyOsDefaults({ ...initialForm(), name: "w" }, WIN11, withSwtpm);
        assert.strictEqual(win11.firmware, "efi");
        assert.true(win11.tpm, "Windows 11 gets a TPM");
        assert.false(applyOsDefaults(initialForm(), WIN11, withoutSwtpm).tpm, "not without swtpm");
        assert.false(applyOsDefaults(initialForm(), DEBIAN, withSwtpm).tpm, "an OS that boots with BIOS too does not");
        assert.false(applyOsDefaults(win11, undefined, withSwtpm).tpm, "clearing the OS clears the default");
    });

    QUnit.test("Generic Linux is osinfo-db's own entry; Generic Windows has Windows defaults and records no id", assert => {
        const LINUX2022: OsInfo = { id: "http://libosinfo.org/linux/2022", shortId: "linux2022", name: "Generic Linux 2022", parents: [],
                                    minimum: {}, recommended: {}, virtio: true };
        const [linux, windows] = genericChoices([WIN11, LINUX2022, DEBIAN]);
        assert.strictEqual(linux, LINUX2022, "the newest generic Linux of the database");
        assert.strictEqual(genericChoices([DEBIAN])[0]?.id, "", "without one in the database, ours");
        assert.true(genericChoices([DEBIAN])[0]?.virtio, "which has virtio");

        const host = caps(["emulator"]);
        const form = applyOsDefaults({ ...initialForm(), name: "w", source: "pxe" }, windows, host);
        assert.deepEqual([form.memoryMiB, form.diskGiB, form.vcpus, form.firmware, form.tpm], [4096, 64, 2, "efi", true]);
        const xml = buildNewDomainXml(formToSpec(form, host, "/var/lib/libvirt/images/w.qcow2"));
        assert.deepEqual(parseDomainXml(xml).disks.map(d => d.bus), ["sata"], "no virtio disk: Windows has no driver for it");
        assert.false(xml.includes("libosinfo:os"), "no libosinfo id is recorded");
        const linuxXml = buildNewDomainXml(formToSpec(applyOsDefaults({ ...initialForm(), name: "l", source: "pxe" }, LINUX2022, host), host, undefined));
        assert.true(linuxXml.includes('id="http://libosinfo.org/linux/2022"'), "the generic Linux id is recorded");
    });

    QUnit.test("an imported image's format comes from qemu-img, and goes into the disk's driver", assert => {
        assert.strictEqual(parseImageInfo('{"virtual-size": 1, "filename": "/x.img", "format": "qcow2"}')?.format, "qcow2");
        assert.strictEqual(parseImageInfo('{"format": "vmdk"}')?.format, "vmdk");
        assert.strictEqual(parseImageInfo("qemu-img: Could not open")?.format, undefined, "not JSON");
        assert.strictEqual(parseImageInfo('{"format": "raw\'/><x"}')?.format, undefined, "not a plain format name");
        const form = { ...initialForm(), name: "i", source: "import" as const, sourcePath: "/images/disk" };
        const formatOf = (xml: string) => parseDomainXml(xml).disks[0]?.format;
        assert.strictEqual(formatOf(buildNewDomainXml(formToSpec(form, caps([]), undefined, {}, "raw"))), "raw");
        assert.strictEqual(formatOf(buildNewDomainXml(formToSpec(form, caps([]), undefined))), "qcow2", "unprobed: a guess");
    });

    QUnit.test("a bridge or macvtap network needs its host device named", assert => {
        const form = { ...initialForm(), name: "vm", source: "pxe" as const, diskGiB: 0 };
        assert.deepEqual(checkForm({ ...form, network: { type: "bridge", source: " " } }, LIMITS), ["Name the host bridge to connect to."]);
        assert.deepEqual(checkForm({ ...form, network: { type: "direct", source: "" } }, LIMITS), ["Name the host device to attach to."]);
        assert.deepEqual(checkForm({ ...form, network: { type: "bridge", source: "br0" } }, LIMITS), []);
        const nic = parseDomainXml(buildNewDomainXml(formToSpec({ ...form, network: { type: "direct", source: "eth0" } }, caps([]), undefined))).interfaces[0];
        assert.deepEqual([nic?.type, nic?.source], ["direct", "eth0"]);
    });

    QUnit.test("a TPM becomes an emulated TPM 2.0 CRB device in the domain XML", assert => {
        const host = caps(["emulator"]);
        const tpmOf = (tpm: boolean): XmlNode | undefined => {
            const doc = xmlParser.parse(buildNewDomainXml(formToSpec({ ...initialForm(), name: "t", source: "pxe", tpm }, host, undefined))) as XmlNode;
            return child(child(child(doc, "domain"), "devices"), "tpm");
        };
        const tpm = tpmOf(true);
        assert.strictEqual(tpm?.["@_model"], "tpm-crb");
        assert.deepEqual(child(tpm, "backend"), { "@_type": "emulator", "@_version": "2.0" });
        assert.strictEqual(tpmOf(false), undefined, "no TPM unless chosen");
    });

    QUnit.test("a stopped pool for the new disk is a problem; without a new disk it is not", assert => {
        const form = { ...initialForm(), name: "vm", source: "pxe" as const, pool: "tank" };
        assert.deepEqual(checkForm(form, { ...LIMITS, poolInactive: true }), ["The storage pool tank is not active: start it on the Storage pools page."]);
        assert.deepEqual(checkForm({ ...form, diskGiB: 0 }, { ...LIMITS, poolInactive: true }), []);
        assert.deepEqual(checkForm(form, LIMITS), []);
    });

    QUnit.test("the ISO browser's folder paths", assert => {
        assert.strictEqual(parentDirectory("/var/lib/libvirt/images/x.iso"), "/var/lib/libvirt/images");
        assert.strictEqual(parentDirectory("/var/"), "/");
        assert.strictEqual(parentDirectory("/"), "/");
        assert.strictEqual(joinPath("/", "var"), "/var");
        assert.strictEqual(joinPath("/var", "a b.iso"), "/var/a b.iso");
    });

    QUnit.test("names that give the same file name get a free one: -2, -3 …", assert => {
        const qcow2 = newFileSuffixes("qcow2", false);
        assert.strictEqual(freeFileStem("ux-<b>bold", qcow2, new Set()), "ux-_b_bold");
        assert.strictEqual(freeFileStem("ux-(b)bold", qcow2, new Set(["ux-_b_bold.qcow2"])), "ux-_b_bold-2");
        assert.strictEqual(freeFileStem("a", qcow2, new Set(["a.qcow2", "a-2.qcow2"])), "a-3");
        assert.strictEqual(freeFileStem("a", qcow2, new Set(["a.raw", "a-cidata.iso"])), "a", "other files do not count");
        assert.strictEqual(freeFileStem("a", newFileSuffixes("qcow2", true), new Set(["a-cidata.iso"])), "a-2", "a cloud VM's seed must be free too");
    });

    QUnit.test("each step checks its own fields: the name on the first, resources on theirs", assert => {
        const form = { ...initialForm(), name: "vm", source: "pxe" as const };
        assert.deepEqual(checkNameStep({ ...form, name: "" }, LIMITS), { name: "Enter a name." });
        assert.true(checkNameStep({ ...form, name: "a/b" }, LIMITS).name?.includes("'/'"));
        assert.true(checkNameStep({ ...form, name: "x".repeat(300) }, LIMITS).name?.includes("too long"), "a name the files cannot hold");
        assert.true(checkNameStep(form, { existingNames: new Set(["vm"]) }).name?.includes("already exists"));
        assert.deepEqual(checkSourceStep({ ...form, source: "iso" }), { sourcePath: "Choose the installation ISO." });
        assert.deepEqual(checkSourceStep(form), {}, "PXE needs no file");

        const host = { ...LIMITS, hostCpus: 2, maxVcpus: 255, hostMemoryKiB: 4 * 1024 * 1024 };
        assert.deepEqual(Object.keys(checkResourcesStep({ ...form, memoryMiB: 0, vcpus: 0 }, host)).sort(), ["memoryMiB", "vcpus"], "0 memory, 0 vCPUs");
        assert.deepEqual(checkResourcesStep({ ...form, vcpus: 3 }, host), {}, "more vCPUs than the host's CPUs are allowed");
        assert.true(resourceWarnings({ ...form, vcpus: 3 }, host).vcpus?.includes("The host has 2 CPUs"), "with a warning");
        assert.deepEqual(resourceWarnings({ ...form, vcpus: 2 }, host), {});
        assert.true(checkResourcesStep({ ...form, vcpus: 256 }, host).vcpus?.includes("at most 255"), "not more than libvirt gives");
        assert.true(checkResourcesStep({ ...form, diskGiB: 1.5 }, host).diskGiB?.includes("whole"));
        assert.true(checkResourcesStep({ ...form, memoryMiB: 8192 }, host).memoryMiB?.includes("only 4096 MiB"));
        assert.strictEqual(checkForm({ ...form, name: "", memoryMiB: 0 }, host).length, 2, "Create sees all of them");
    });

    QUnit.test("the review summary says what will be made, with the disk's file name", assert => {
        const form = {
            ...applyOsDefaults({ ...initialForm(), name: "web", source: "iso" as const, sourcePath: "/isos/deb.iso" }, DEBIAN, caps([])),
            network: { type: "network" as const, source: "default" }, vcpus: 2, memoryMiB: 2048, diskGiB: 20,
        };
        const rows = Object.fromEntries(reviewSummary(form, "web-2.qcow2").map(r => [r.id, r.value]));
        assert.deepEqual(rows, {
            name: "web", os: "Debian 12", source: "ISO image /isos/deb.iso", vcpus: "2", memory: "2 GiB",
            disks: "New qcow2 disk of 20 GiB: web-2.qcow2 in the storage pool default", network: "Virtual network default", firmware: "UEFI",
        });
        const imported = Object.fromEntries(reviewSummary({ ...initialForm(), name: "i", source: "import", sourcePath: "/img/a.qcow2" }, undefined)
            .map(r => [r.id, r.value]));
        assert.deepEqual([imported.os, imported.disks, imported.network, imported.firmware], ["Other operating system", "/img/a.qcow2 (used as it is)", "None", "BIOS"]);
    });
});
