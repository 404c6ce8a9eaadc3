import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

import QUnit from "qunit";

import { parseDomainCapabilities } from "../../src/libvirt/domain-capabilities.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { withFirmware } from "../../src/libvirt/firmware-xml.ts";
import { buildNewDomainXml } from "../../src/libvirt/new-domain-xml.ts";
import { applyOsDefaults, formToSpec, initialForm } from "../../src/operations/create-vm/create-vm-form.ts";
import { genericChoices } from "../../src/osinfo/generic-os.ts";
import { parseOsinfoConcatenated, resolveInheritance } from "../../src/osinfo/osinfo-parse.ts";
import { describeFirmwareChange } from "../../src/views/vm-details/overview/firmware-change.ts";

const CAPS = parseDomainCapabilities(`<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>qemu</domain>
  <machine>pc-q35-7.2</machine><arch>x86_64</arch><vcpu max='255'/>
  <os supported='yes'><enum name='firmware'><value>efi</value></enum>
    <loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</value><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value>
      <enum name='secure'><value>yes</value><value>no</value></enum></loader></os>
  <devices><tpm supported='yes'><enum name='model'><value>tpm-crb</value></enum><enum name='backendModel'><value>emulator</value></enum></tpm></devices>
</domainCapabilities>`);

function hostOsinfo(): ReturnType<typeof resolveInheritance> {
    const text = execFileSync("sh", ["-c", "find /usr/share/osinfo/os -name '*.xml' -exec cat {} +"], { maxBuffer: 64 * 1024 * 1024 }).toString();
    return resolveInheritance(parseOsinfoConcatenated(text));
}

const SB_DOMAIN = `<domain type='qemu'>
  <name>vm</name>
  <os firmware='efi'>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
    <firmware><feature enabled='yes' name='secure-boot'/><feature enabled='yes' name='enrolled-keys'/></firmware>
    <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</loader>
    <nvram template='/usr/share/OVMF/OVMF_VARS_4M.ms.fd'>/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>
    <boot dev='cdrom'/><boot dev='hd'/>
  </os>
  <features><acpi/><apic/><smm state='on'/></features>
  <devices>
    <disk type='file' device='disk'><source file='/img/a.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>
    <memballoon model='virtio'/>
  </devices>
</domain>`;

QUnit.module("Firmware", () => {
    QUnit.test("Generic Linux and Debian 11 default to UEFI without Secure Boot; Windows 11 and Generic Windows with it", assert => {
        if (!existsSync("/usr/share/osinfo/os")) {
            assert.true(false, "osinfo-db is not installed (make check installs it)");
            return;
        }
        const list = hostOsinfo();
        const defaults = (id: string) => {
            const os = list.find(o => o.id === id);
            const form = applyOsDefaults({ ...initialForm(), name: "vm", source: "iso", sourcePath: "/x.iso" }, os, CAPS);
            const xml = parseDomainXml(buildNewDomainXml(formToSpec(form, CAPS, undefined)));
            return [os?.name, form.firmware, form.secureBoot, xml.firmware.kind, xml.firmware.secureBoot];
        };
        assert.deepEqual(defaults("http://libosinfo.org/linux/2022"), ["Generic Linux 2022", "efi", false, "efi", false]);
        assert.deepEqual(defaults("http://debian.org/debian/11"), ["Debian 11", "efi", false, "efi", false]);
        assert.deepEqual(defaults("http://microsoft.com/win/11"), ["Microsoft Windows 11", "efi", true, "efi", true]);
        const windows = genericChoices(list)[1];
        assert.true(applyOsDefaults(initialForm(), windows, CAPS).secureBoot, "Generic Windows: Secure Boot");
        const noSecureBootHost = { ...CAPS, secureBoot: false };
        assert.false(applyOsDefaults(initialForm(), windows, noSecureBootHost).secureBoot, "not where the host has no Secure Boot firmware");
    });

    QUnit.test("a new VM's XML names both firmware features, so libvirt picks a varstore that matches", assert => {
        const spec = formToSpec({ ...applyOsDefaults(initialForm(), undefined, CAPS), name: "vm", firmware: "efi", secureBoot: false }, CAPS, undefined);
        const off = buildNewDomainXml(spec);
        assert.true(off.includes(`<feature enabled="no" name="secure-boot">`) || off.includes(`<feature enabled="no" name="secure-boot"/>`), off);
        assert.true(/<feature enabled="no" name="enrolled-keys"/.test(off), "enrolled keys off");
        const on = buildNewDomainXml({ ...spec, secureBoot: true });
        assert.true(/<feature enabled="yes" name="secure-boot"/.test(on) && /<feature enabled="yes" name="enrolled-keys"/.test(on), "both on");
        assert.true(/<smm state="on"/.test(on), "with SMM");
    });

    QUnit.test("UEFI with Secure Boot → UEFI: features off, old loader and NVRAM paths dropped, the rest kept", assert => {
        const out = withFirmware(SB_DOMAIN, { firmware: "efi", tpm: true });
        const d = parseDomainXml(out);
        assert.deepEqual([d.firmware.kind, d.firmware.secureBoot, d.tpm], ["efi", false, true]);
        assert.true(/<os firmware="efi">/.test(out), "firmware autoselection");
        assert.false(/<loader|<nvram/.test(out), "no loader or NVRAM of the old firmware");
        assert.true(/<feature enabled="no" name="secure-boot"\/>\s*<feature enabled="no" name="enrolled-keys"\/>/.test(out), out);
        assert.deepEqual(d.bootOrder, ["cdrom", "hd"], "boot order kept");
        assert.strictEqual(d.disks[0]?.path, "/img/a.qcow2", "devices kept");
        assert.true(out.indexOf("<type") < out.indexOf("<firmware>") && out.indexOf("<firmware>") < out.indexOf("<boot"), "<firmware> after <type>");
    });

    QUnit.test("to BIOS and back to Secure Boot; TPM removed and added", assert => {
        const bios = withFirmware(SB_DOMAIN, { firmware: "bios", tpm: false });
        const b = parseDomainXml(bios);
        assert.deepEqual([b.firmware.kind, b.firmware.secureBoot, b.tpm], ["bios", false, false]);
        assert.false(/firmware=|<firmware|<loader|<nvram|<tpm/.test(bios), bios);

        const noFeatures = bios.replace(/<features>[\s\S]*<\/features>/, "");
        const sb = withFirmware(noFeatures, { firmware: "efi-secure", tpm: true });
        const s = parseDomainXml(sb);
        assert.deepEqual([s.firmware.kind, s.firmware.secureBoot, s.tpm], ["efi", true, true]);
        assert.true(/<smm state="on"\/>/.test(sb), "SMM on, in a new <features>");
        assert.true(sb.indexOf("</os>") < sb.indexOf("<features>"), "<features> after <os>");
        assert.true(/<tpm model="tpm-crb">\s*<backend type="emulator" version="2.0"\/>\s*<\/tpm>\s*<memballoon/.test(sb), "the TPM before the balloon");
        assert.throws(() => withFirmware("<domain><name>x</name><devices/></domain>", { firmware: "bios", tpm: false }), /no <os>/);
    });

    QUnit.test("the dialog says what the guest will notice", assert => {
        const from = { firmware: "efi-secure" as const, tpm: true };
        assert.deepEqual(describeFirmwareChange(from, from).map(n => n.id), [], "no change, nothing to say");
        const ids = (to: Parameters<typeof describeFirmwareChange>[1]) => describeFirmwareChange(from, to).map(n => n.id);
        assert.deepEqual(ids({ firmware: "efi", tpm: true }), ["nvram-reset", "secure-boot-off"]);
        assert.deepEqual(ids({ firmware: "bios", tpm: false }), ["nvram-dropped", "boot-mode", "tpm-removed"]);
        assert.deepEqual(describeFirmwareChange({ firmware: "bios", tpm: false }, { firmware: "efi", tpm: true }).map(n => n.id),
                         ["nvram-created", "boot-mode", "tpm-added"]);
        assert.deepEqual(describeFirmwareChange({ firmware: "efi", tpm: false }, { firmware: "efi-secure", tpm: false }).map(n => n.id),
                         ["nvram-reset", "secure-boot-on"]);
    });
});
