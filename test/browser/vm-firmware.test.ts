// Firmware and TPM of a shut-off VM, changed on the Overview: a VM made with Secure Boot that
// cannot start the unsigned test ISO boots it once switched to plain UEFI (its NVRAM with the
// enrolled keys is dropped, or Secure Boot would still refuse); BIOS ↔ UEFI and TPM add/remove
// drop the NVRAM and the TPM's state and keep autostart; a running VM offers no edit, and one
// started while the dialog is open, or one with snapshots, is refused with nothing changed.
import { existsSync, rmSync } from "node:fs";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { type FirmwareKind, withFirmware } from "../../src/libvirt/firmware-xml.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { bootIso, serialLogPath, serialOutput, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("firmware");
const NVRAM_DIR = "/var/lib/libvirt/qemu/nvram";
const SWTPM_DIR = "/var/lib/libvirt/swtpm";

async function inactive(name: string) {
    return parseDomainXml(await virsh("dumpxml", "--inactive", "--", name));
}

function shown(frame: Frame, id: string): Promise<string> {
    return frame.$eval(`#vm-overview-${id}-value`, el => (el as HTMLElement).innerText).catch(() => "");
}

QUnit.module("VM firmware and TPM", hooks => {
    let iso = "";
    const ui = browserForModule(hooks, "vm-firmware", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            iso = await bootIso();
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    async function openOverview(name: string): Promise<Frame> {
        const session = ui();
        await session.page.goto(`${session.page.url().replace(/#.*$/, "")}#/vm/system/${name}`, { waitUntil: "domcontentloaded" });
        session.frame = await pluginFrame(session.page);
        await session.frame.waitForSelector("#vm-overview-firmware-value", { timeout: 30_000 });
        return session.frame;
    }

    /** Opens the dialog from the Overview and sets it up; the notices it shows, by id. */
    async function chooseFirmware(frame: Frame, firmware: FirmwareKind, tpm: boolean): Promise<string[]> {
        await (await frame.waitForSelector("#vm-overview-firmware-edit", { visible: true, timeout: 30_000 }))?.click();
        await frame.waitForSelector("#edit-firmware-dialog", { visible: true });
        await frame.select("#edit-firmware-kind", firmware);
        if (await frame.$eval("#edit-firmware-tpm", el => (el as HTMLInputElement).checked) !== tpm) await frame.click("#edit-firmware-tpm");
        return frame.$$eval("#edit-firmware-notices li", items => items.map(li => (li as HTMLElement).dataset.notice ?? ""));
    }

    async function save(frame: Frame): Promise<void> {
        await frame.click("#edit-firmware-dialog-submit");
        await frame.waitForSelector("#edit-firmware-dialog", { hidden: true, timeout: 60_000 });
    }

    QUnit.test("a VM switched from UEFI with Secure Boot to UEFI boots the unsigned test ISO", async assert => {
        const name = `${MARK}-sb`;
        const log = serialLogPath(name);
        rmSync(log, { force: true });
        // OVMF with grub needs more than 256 MiB; Secure Boot needs a Q35 machine.
        await defineXml(withFirmware(domainXml({ name, machine: "q35", memoryMiB: 512, cdrom: iso, boot: ["cdrom"], serialLog: log }),
                                     { firmware: "efi-secure", tpm: false }));
        await virsh("start", "--", name);
        // The report: grub-mkrescue's EFI loader is unsigned, and Secure Boot refuses it.
        await waitForSerial(name, "No bootable option or device was found", 1, 240_000);
        assert.true(/Access Denied|Security Violation/.test(serialOutput(name)), "Secure Boot refused the ISO's loader");
        await virsh("destroy", "--", name);
        const nvram = `${NVRAM_DIR}/${name}_VARS.fd`;
        assert.true(existsSync(nvram), "the VM has an NVRAM with the enrolled keys");

        const frame = await openOverview(name);
        assert.strictEqual(await shown(frame, "firmware"), "UEFI with Secure Boot");
        assert.deepEqual(await chooseFirmware(frame, "efi", false), ["nvram-reset", "secure-boot-off"], "the dialog says what the guest will notice");
        await save(frame);
        await waitFor("UEFI on the Overview", async () => await shown(frame, "firmware") === "UEFI");

        const xml = await virsh("dumpxml", "--inactive", "--", name);
        assert.true(/<feature enabled='no' name='secure-boot'\/>/.test(xml) && /<feature enabled='no' name='enrolled-keys'\/>/.test(xml), "Secure Boot and enrolled keys off");
        assert.false(existsSync(nvram), "the NVRAM with the Secure Boot keys is gone");

        rmSync(log, { force: true });
        await virsh("start", "--", name);
        await waitForSerial(name, "KVMM-ISO-GRUB: loading the test guest", 1, 240_000);
        await waitForSerial(name, "Linux version", 1, 240_000);
        assert.true(serialOutput(name).includes("Linux version"), "the ISO's grub started the test guest's kernel");
        const live = await virsh("dumpxml", "--", name);
        assert.true(/<loader[^>]*>\/usr\/share\/OVMF\/OVMF_CODE_4M\.fd<\/loader>/.test(live) && !/secure='yes'/.test(live), "the firmware without Secure Boot");
        assert.true(existsSync(nvram), "a fresh NVRAM from the template");
        await virsh("destroy", "--", name);
    });

    QUnit.test("BIOS ↔ UEFI and the TPM: NVRAM and TPM state dropped, autostart kept; refused while running", async assert => {
        const name = `${MARK}-switch`;
        await defineXml(withFirmware(domainXml({ name, machine: "q35", memoryMiB: 256 }), { firmware: "efi", tpm: true }));
        await virsh("autostart", "--", name);
        const uuid = (await virsh("domuuid", "--", name)).trim();
        const nvram = `${NVRAM_DIR}/${name}_VARS.fd`;
        await virsh("start", "--", name); // makes the NVRAM and the TPM's state

        const frame = await openOverview(name);
        assert.strictEqual(await shown(frame, "tpm"), "TPM 2.0");
        await frame.waitForSelector("#vm-overview-uptime", { timeout: 30_000 });
        assert.strictEqual(await frame.$("#vm-overview-firmware-edit"), null, "no edit while the VM runs");
        await virsh("destroy", "--", name);
        assert.true(existsSync(nvram) && existsSync(`${SWTPM_DIR}/${uuid}`), "NVRAM and TPM state exist");

        // Started while the dialog is open: refused, with the reason, and nothing changed.
        await chooseFirmware(frame, "bios", false);
        await virsh("start", "--", name);
        await frame.click("#edit-firmware-dialog-submit");
        const error = await waitFor("the error", () => frame.$eval("#edit-firmware-dialog .dialog-error", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        assert.true(error.includes("Shut the virtual machine down first"), `the user is told why: ${error}`);
        const kept = await inactive(name);
        assert.deepEqual([kept.firmware.kind, kept.firmware.secureBoot, kept.tpm], ["efi", false, true], "the definition is unchanged");
        await frame.click("#edit-firmware-dialog .pf-v6-c-modal-box__footer button.pf-m-link");
        await virsh("destroy", "--", name);

        assert.deepEqual(await chooseFirmware(frame, "bios", false), ["nvram-dropped", "boot-mode", "tpm-removed"]);
        await save(frame);
        await waitFor("BIOS without TPM on the Overview", async () => await shown(frame, "firmware") === "BIOS" && await shown(frame, "tpm") === "None");
        const bios = await virsh("dumpxml", "--inactive", "--", name);
        assert.false(/firmware=|<loader|<nvram|<tpm/.test(bios), "BIOS, no TPM in the definition");
        assert.false(existsSync(nvram), "the NVRAM is gone");
        assert.false(existsSync(`${SWTPM_DIR}/${uuid}`), "the TPM's state is gone");
        assert.true(/Autostart:\s+enable/.test(await virsh("dominfo", "--", name)), "autostart kept");
        assert.strictEqual((await virsh("domuuid", "--", name)).trim(), uuid, "the same VM");

        assert.deepEqual(await chooseFirmware(frame, "efi-secure", true), ["nvram-created", "boot-mode", "secure-boot-on", "tpm-added"]);
        await save(frame);
        await waitFor("UEFI with Secure Boot and a TPM on the Overview", async () =>
            await shown(frame, "firmware") === "UEFI with Secure Boot" && await shown(frame, "tpm") === "TPM 2.0");
        const sb = await inactive(name);
        assert.deepEqual([sb.firmware.kind, sb.firmware.secureBoot, sb.tpm], ["efi", true, true]);
        await virsh("start", "--", name);
        assert.true(/<loader[^>]*secure='yes'/.test(await virsh("dumpxml", "--", name)), "libvirt picked the Secure Boot firmware");
        await virsh("destroy", "--", name);
    });

    QUnit.test("a VM with snapshots keeps its firmware: the change is refused with the reason", async assert => {
        const name = `${MARK}-snap`;
        const disk = await createImage(MARK, name);
        await defineXml(withFirmware(domainXml({ name, machine: "q35", memoryMiB: 256, disks: [disk] }), { firmware: "efi-secure", tpm: true }));
        await virsh("snapshot-create-as", "--", name, "before");

        const frame = await openOverview(name);
        await chooseFirmware(frame, "efi", false);
        await frame.click("#edit-firmware-dialog-submit");
        const error = await waitFor("the error", () => frame.$eval("#edit-firmware-dialog .dialog-error", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        assert.true(error.includes("snapshots"), `the user is told why: ${error}`);
        const kept = await inactive(name);
        assert.deepEqual([kept.firmware.kind, kept.firmware.secureBoot, kept.tpm], ["efi", true, true], "the definition is unchanged");
        assert.true((await virsh("snapshot-list", "--name", "--", name)).includes("before"), "the snapshot is kept");
        await frame.click("#edit-firmware-dialog .pf-v6-c-modal-box__footer button.pf-m-link");
        assert.strictEqual(await shown(frame, "firmware"), "UEFI with Secure Boot");
    });
});
