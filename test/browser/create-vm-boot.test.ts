// Create VM end to end: VMs made by the wizard from an installation ISO (the test guest on a
// grub-mkrescue BIOS+UEFI ISO built at test time) boot, under BIOS, under UEFI and with an
// emulated TPM, and show their boot in the Console tab; Browse finds the ISO; creations whose
// pool fails them between the wizard's checks and the volume's creation leave nothing behind;
// the Generic Linux defaults (UEFI without Secure Boot) boot the ISO's unsigned EFI loader.
// (The mark is not "kvmmt-create…": the Create VM suite's clean-up removes names containing its own.)
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import type { Frame, Page } from "puppeteer-core";
import QUnit from "qunit";

import { parentDirectory } from "../../src/host/host-files.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { canvasColours } from "./lib/consoles-page.ts";
import { closeWizard, fillWizard, reviewXml, submitWizard, wizardError } from "./lib/create-vm-wizard.ts";
import { bootIso } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, domainExists, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("isoboot");
const POOL = `${MARK}-pool`;
const TINY = `${MARK}-tiny`;
const TINY_DIR = `/var/lib/libvirt/images/kvmm-test/${TINY}`;

async function terminalText(frame: Frame): Promise<string> {
    return frame.$eval("#serial-terminal .xterm-rows", e => e.textContent).catch(() => "");
}

/**
 * After the wizard went to the new VM's console: the serial console reaches the guest's shell
 * and the kernel command line proves it was booted by the ISO's grub configuration.
 */
async function guestBootedFromIso(page: Page, frame: Frame, name: string): Promise<string> {
    await waitFor("the console tab of the new VM", () => page.url().includes("tab=consoles") && decodeURIComponent(page.url()).includes(name), 60_000);
    await (await frame.waitForSelector("#console-type-serial", { visible: true, timeout: 30_000 }))?.click();
    await waitFor("the serial console to connect", () => frame.$eval("#serial-console", e => (e as HTMLElement).dataset.state === "connected").catch(() => false), 30_000);
    await frame.click("#serial-terminal .xterm-screen");
    // The shell may have printed its prompt before the console was attached: ask for another.
    await waitFor("the guest's shell prompt", async () => {
        if ((await terminalText(frame)).includes("kvmm-guest:~#")) return true;
        await page.keyboard.press("Enter");
        return false;
    }, 180_000, 3_000);
    return guestCommand(page, frame, "cat /proc/cmdline", /BOOT_IMAGE=\S+ console=tty0 console=ttyS0/);
}

/** Types a command into the serial console; the first match of `output` in the terminal. */
async function guestCommand(page: Page, frame: Frame, command: string, output: RegExp): Promise<string> {
    await page.keyboard.type(command);
    await page.keyboard.press("Enter");
    return waitFor(`the output of ${command}`, async () => output.exec(await terminalText(frame))?.[0], 30_000);
}

async function poolVolumes(pool: string): Promise<string[]> {
    await virsh("pool-refresh", pool);
    return (await virsh("vol-list", pool)).split("\n").map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean).sort();
}

async function removeTinyPool(): Promise<void> {
    await virsh("pool-destroy", TINY).catch(() => undefined);
    await virsh("pool-undefine", TINY).catch(() => undefined);
    await exec("umount", [TINY_DIR]).catch(() => undefined);
    rmSync(TINY_DIR, { recursive: true, force: true });
}

QUnit.module("Create VM from an ISO", hooks => {
    let iso = "";
    const ui = browserForModule(hooks, "create-vm-boot", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await removeTinyPool();
            iso = await bootIso();
            await createImage(MARK, `${MARK}-existing`); // the suite's pool, with a volume in it
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            await removeTinyPool();
        },
    });

    QUnit.test("a VM created from an installation ISO boots it (BIOS)", async assert => {
        const { page, frame } = ui();
        const name = `${MARK}-bios`;
        await fillWizard(frame, { name, source: "iso", path: iso, diskGiB: "1", pool: POOL, memory: "512" });
        await submitWizard(frame, true);
        const cmdline = await guestBootedFromIso(page, frame, name);
        assert.true(cmdline.startsWith("BOOT_IMAGE=/boot/vmlinuz"), `the guest's shell answers on the serial console: ${cmdline}`);
        // console=tty0: the kernel's text is on the display too.
        await frame.click("#console-type-graphical");
        await waitFor("the VNC console to connect", () => frame.$eval("#vnc-console", e => (e as HTMLElement).dataset.state === "connected").catch(() => false), 30_000);
        const colours = await waitFor("guest pixels on the VNC canvas", async () => {
            const n = await canvasColours(frame);
            return n > 1 ? n : 0;
        }, 30_000);
        assert.true(colours > 1, `the display is not blank (${String(colours)} colours)`);

        const d = parseDomainXml(await virsh("dumpxml", "--", name));
        assert.deepEqual(d.disks.map(x => [x.device, x.path]), [["disk", `/var/lib/libvirt/images/kvmm-test/${MARK}/${name}.qcow2`], ["cdrom", iso]],
                         "the new disk in the chosen pool and the ISO in a CD-ROM drive");
        const xml = await virsh("dumpxml", "--", name);
        assert.false(/<loader|<nvram/.test(xml), "BIOS: no UEFI loader");
        assert.strictEqual((await virsh("domstate", "--", name)).trim(), "running");
    });

    QUnit.test("an imported disk image boots; its format is read from the file, not its name", async assert => {
        const { page, frame } = ui();
        const name = `${MARK}-imported`;
        // The hybrid ISO is also a bootable disk (an MBR with grub): a raw image, named so that
        // a guess from the name would take it for qcow2.
        const image = `/var/lib/libvirt/images/kvmm-test/${MARK}/${MARK}-bootdisk`;
        copyFileSync(iso, image);
        await fillWizard(frame, { name, source: "import", path: image, memory: "512" });
        await submitWizard(frame, true);
        const cmdline = await guestBootedFromIso(page, frame, name);
        assert.true(cmdline.startsWith("BOOT_IMAGE=/boot/vmlinuz"), `the guest booted from the imported disk: ${cmdline}`);
        const d = parseDomainXml(await virsh("dumpxml", "--", name));
        assert.deepEqual(d.disks.map(x => [x.device, x.path, x.format]), [["disk", image, "raw"]], "the image itself, as raw");
    });

    QUnit.test("a VM created with UEFI firmware boots the same ISO through its EFI loader", async assert => {
        const { page, frame } = ui();
        const name = `${MARK}-uefi`;
        // OVMF with grub needs more than 256 MiB ("out of memory" loading the kernel).
        await fillWizard(frame, { name, source: "iso", path: iso, diskGiB: "0", memory: "512", firmware: "efi" });
        const preview = await reviewXml(frame);
        assert.true(preview.includes(`firmware="efi"`) && preview.includes(`name="secure-boot"`), "the review's XML asks for UEFI firmware");
        await submitWizard(frame, true);
        const cmdline = await guestBootedFromIso(page, frame, name);
        assert.true(cmdline.startsWith("BOOT_IMAGE="), `the guest booted: ${cmdline}`);

        // grub-mkrescue's EFI binary is unsigned: Secure Boot stays off (the wizard's default
        // without an OS that asks for it).
        const xml = await virsh("dumpxml", "--", name);
        const loader = /<loader[^>]*type='pflash'[^>]*>([^<]+)<\/loader>/.exec(xml);
        const nvram = /<nvram[^>]*>([^<]+)<\/nvram>/.exec(xml);
        assert.true(loader !== null && /OVMF|edk2/i.test(loader[1] ?? ""), `a UEFI pflash loader: ${loader?.[0] ?? xml}`);
        assert.true(nvram !== null && existsSync(nvram[1] ?? ""), `its NVRAM file exists: ${nvram?.[1] ?? "none"}`);
        assert.true(/<feature enabled='no' name='secure-boot'\/>/.test(xml), "Secure Boot off");
    });

    QUnit.test("with the Generic Linux defaults (UEFI without Secure Boot) the unsigned ISO boots", async assert => {
        const { page, frame } = ui();
        const name = `${MARK}-generic`;
        // The firmware is left as the OS's defaults set it (Secure Boot would refuse the ISO's loader).
        await fillWizard(frame, { name, os: "linux2022", source: "iso", path: iso, diskGiB: "0", memory: "512" });
        const preview = await reviewXml(frame);
        assert.true(preview.includes(`firmware="efi"`) && preview.includes(`<feature enabled="no" name="secure-boot"`), "UEFI without Secure Boot");
        await submitWizard(frame, true);
        const cmdline = await guestBootedFromIso(page, frame, name);
        assert.true(cmdline.startsWith("BOOT_IMAGE="), `the guest booted: ${cmdline}`);
        assert.true(/<loader[^>]*>\/usr\/share\/OVMF\/OVMF_CODE_4M\.fd</.test(await virsh("dumpxml", "--", name)), "the firmware without Secure Boot");
    });

    QUnit.test("a VM created with a TPM gets an emulated TPM 2.0 that the guest sees", async assert => {
        const { page, frame } = ui();
        const name = `${MARK}-tpm`;
        await fillWizard(frame, {
            name, source: "iso", path: iso, diskGiB: "0", memory: "512",
            onResourcesStep: async f => {
                assert.false(await f.$eval("#create-vm-tpm", el => (el as HTMLInputElement).disabled), "offered: swtpm is installed");
                await f.click("#create-vm-tpm");
            },
        });
        assert.true((await reviewXml(frame)).includes(`<tpm model="tpm-crb">`), "the review's XML has the TPM");
        await submitWizard(frame, true);
        await guestBootedFromIso(page, frame, name);
        // Debian's kernel has the CRB driver built in: the device shows as tpm0.
        assert.true((await guestCommand(page, frame, "ls /sys/class/tpm", /\/sys\/class\/tpm\s*tpm0/)).endsWith("tpm0"), "the guest has a TPM");

        const tpm = /<tpm model='tpm-crb'>\s*<backend type='emulator' version='2.0'/.exec(await virsh("dumpxml", "--", name));
        assert.true(tpm !== null, "virsh dumpxml: an emulated TPM 2.0 CRB device");
        assert.strictEqual((await virsh("domstate", "--", name)).trim(), "running", "the VM runs (with its swtpm)");
    });

    QUnit.test("Browse picks an ISO from a storage pool or from the host's folders", async assert => {
        const { frame } = ui();
        const poolIso = `/var/lib/libvirt/images/kvmm-test/${MARK}/${MARK}-media.iso`;
        copyFileSync(iso, poolIso);
        const pick = async (path: string): Promise<void> => {
            const item = await frame.waitForSelector(`#create-vm-iso-browser [data-path="${path}"] button, #create-vm-iso-browser [data-path="${path}"]`,
                                                     { visible: true, timeout: 30_000 });
            await item?.click();
        };
        const pathField = (): Promise<string> => frame.$eval("#create-vm-source-path", el => (el as HTMLInputElement).value);
        await fillWizard(frame, {
            name: `${MARK}-browse`, source: "iso", diskGiB: "0",
            onSourceStep: async f => {
                // A path in a folder that does not exist: the browser says so and can go up.
                await f.type("#create-vm-source-path", "/nonexistent-kvmm/x.iso");
                await f.click("#create-vm-iso-browse");
                const problem = await waitFor("the folder's problem", () => f.$eval("#create-vm-iso-folder", el => (el as HTMLElement).innerText).then(t => t.includes("cannot be listed") && t));
                assert.true(problem.includes("/nonexistent-kvmm") && problem.includes("no such folder"), `the missing folder is named: ${problem}`);
                await pick(poolIso);
                assert.strictEqual(await pathField(), poolIso, "the pool's ISO volume fills the path");

                // From the default folder up to / and down to the test guest's cache.
                await f.click("#create-vm-iso-browse");
                let directory = parentDirectory(poolIso);
                const start = directory;
                await waitFor("the start folder", () => f.$eval("#create-vm-iso-folder", (el, d) => (el as HTMLElement).dataset.directory === d, start));
                while (directory !== "/") {
                    await (await f.waitForSelector("#create-vm-iso-up button, #create-vm-iso-up", { visible: true }))?.click();
                    directory = parentDirectory(directory);
                    const shown = directory;
                    await waitFor(`the folder ${shown}`, () => f.$eval("#create-vm-iso-folder", (el, d) => (el as HTMLElement).dataset.directory === d, shown));
                }
                const target = iso.split("/").slice(1);
                for (let i = 1; i < target.length; i++) await pick(`/${target.slice(0, i).join("/")}`);
                await pick(iso);
                assert.strictEqual(await pathField(), iso, "the ISO picked in the folders fills the path");
            },
        });
        assert.true((await reviewXml(frame)).includes(iso), "the chosen ISO goes into the domain XML");
        await closeWizard(frame);
    });

    QUnit.test("a pool stopped while the wizard is on its review step: error, and nothing left", async assert => {
        const { frame } = ui();
        const name = `${MARK}-stopped`;
        const before = await poolVolumes(POOL);
        await fillWizard(frame, { name, source: "pxe", diskGiB: "1", pool: POOL });
        await virsh("pool-destroy", POOL);
        await submitWizard(frame, false);
        const text = await waitFor("the error", () => wizardError(frame), 30_000);
        assert.true(/not active/i.test(text) && text.includes(POOL), `the user is told the pool is not active: ${text}`);
        assert.false(await domainExists(name), "no domain");
        await virsh("pool-start", POOL);
        assert.deepEqual(await poolVolumes(POOL), before, "no new volume, and the existing one kept");
        await closeWizard(frame);
    });

    QUnit.test("a pool with space but no room for a file fails the volume: error, and nothing left", async assert => {
        const { frame } = ui();
        const name = `${MARK}-full`;
        // 2 GiB of space (the wizard's check passes) but only a few inodes, all taken.
        mkdirSync(TINY_DIR, { recursive: true });
        await exec("mount", ["-t", "tmpfs", "-o", "size=2g,nr_inodes=8,mode=0755", TINY, TINY_DIR]);
        await virsh("pool-define-as", TINY, "dir", "--target", TINY_DIR);
        await virsh("pool-start", TINY);
        let filler = 0;
        try {
            for (;;) writeFileSync(`${TINY_DIR}/filler-${String(++filler)}`, "");
        } catch (e) {
            assert.strictEqual((e as NodeJS.ErrnoException).code, "ENOSPC", "the file system is out of inodes");
        }
        const before = await poolVolumes(TINY);
        const files = readdirSync(TINY_DIR).sort();

        await fillWizard(frame, { name, source: "pxe", diskGiB: "1", pool: TINY });
        assert.strictEqual(await frame.$("#create-vm-problems"), null, "the wizard's checks pass");
        await submitWizard(frame, false);
        const text = await waitFor("the error", () => wizardError(frame), 30_000);
        assert.true(/no space left/i.test(text), `libvirt's reason is shown: ${text}`);
        assert.false(await domainExists(name), "no domain");
        assert.deepEqual(await poolVolumes(TINY), before, "no new volume");
        assert.deepEqual(readdirSync(TINY_DIR).sort(), files, "no file left in the pool's directory");
        await closeWizard(frame);
    });
});
