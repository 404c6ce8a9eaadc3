// Export and import: an OVA round trip through the page (same disk byte for byte, same vCPUs and
// memory, the copy boots), our bundle through kvmm (libvirt's settings kept, the copy boots),
// OVAs laid out as VirtualBox and VMware write them, single vmdk/vdi images, and bad input — a
// truncated archive, a checksum mismatch, a missing disk, unknown required hardware, a name that
// exists — each refused in words with nothing left behind (no domain, no volume, no work files).
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { promisify } from "node:util";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { adminFrame } from "./lib/agent-guest.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { type ForeignVm, UNKNOWN_REQUIRED_ITEM, virtualBoxOvf, vmwareOvf } from "./lib/foreign-ovf.ts";
import { dismissToasts } from "./lib/host-pages.ts";
import { kvmm } from "./lib/kvmm.ts";
import { bootIso, guestSpec, serialLogPath, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("export");
const POOL = `${MARK}-pool`;
const MiB = 2 ** 20;

async function sh(...argv: string[]): Promise<string> {
    const [program = "", ...args] = argv;
    return (await exec(program, args, { maxBuffer: 16 * MiB })).stdout;
}

/** The pool's directory (made by createImage) and its volume names as libvirt lists them after a refresh. */
async function poolVolumes(): Promise<string[]> {
    await virsh("pool-refresh", POOL);
    return (await virsh("vol-list", POOL)).split("\n").map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean).sort();
}

function workLeftovers(): string[] {
    return readdirSync("/var/tmp").filter(n => n.startsWith(".kvmm-work-"));
}

async function sameImage(a: string, b: string): Promise<boolean> {
    return sh("qemu-img", "compare", "-q", a, b).then(() => true, () => false);
}

async function diskOf(name: string, index = 0): Promise<string> {
    return parseDomainXml(await virsh("dumpxml", "--inactive", "--", name)).disks.filter(d => d.device === "disk")[index]?.path ?? "";
}

/** An image with recognisable data at its start. */
async function patternImage(name: string, format = "qcow2"): Promise<string> {
    const image = await createImage(MARK, `${name}-src`, "16M");
    await sh("qemu-io", "-c", "write -P 0x5a 0 1M", "-c", "write -P 0xa5 8M 512k", image);
    if (format === "qcow2") return image;
    const out = image.replace(/\.qcow2$/, `.${format}`);
    await sh("qemu-img", "convert", "-O", format, image, out);
    return out;
}

/** An OVA as another program packs it: descriptor, manifest, disks (streamOptimized VMDK). */
async function foreignOva(kind: "vbox" | "vmware", vm: ForeignVm, sources: string[], mutate: (dir: string) => void = () => undefined): Promise<string> {
    const dir = `${dirname(await createImage(MARK, "anchor"))}/${vm.name}.d`;
    await sh("mkdir", "-p", dir);
    for (const [i, source] of sources.entries()) {
        await sh("qemu-img", "convert", "-O", "vmdk", "-o", "subformat=streamOptimized", source, `${dir}/${vm.disks[i]?.file ?? ""}`);
    }
    const sizes = vm.disks.map(d => readFileSync(`${dir}/${d.file}`).length);
    writeFileSync(`${dir}/${vm.name}.ovf`, kind === "vbox" ? virtualBoxOvf(vm) : vmwareOvf({ ...vm, fileSizes: sizes }));
    const files = [`${vm.name}.ovf`, ...vm.disks.map(d => d.file)];
    const sums = (await sh("sha256sum", ...files.map(f => `${dir}/${f}`))).trim().split("\n").map(l => l.split(/\s+/)[0] ?? "");
    writeFileSync(`${dir}/${vm.name}.mf`, files.map((f, i) => `SHA256(${f})= ${sums[i] ?? ""}\n`).join(""));
    mutate(dir);
    const ova = `${dirname(dir)}/${vm.name}.ova`;
    await sh("tar", "--format=ustar", "-cf", ova, "-C", dir, `${vm.name}.ovf`, `${vm.name}.mf`, ...vm.disks.map(d => d.file));
    return ova;
}

async function openDialog(frame: Frame, selector: string, dialog: string): Promise<void> {
    // A toast of the previous step sits over the list's header buttons.
    await dismissToasts(frame);
    await (await frame.waitForSelector(selector, { visible: true, timeout: 20_000 }))?.click();
    await frame.waitForSelector(`#${dialog}`, { visible: true, timeout: 10_000 });
}

async function typeInto(frame: Frame, selector: string, text: string): Promise<void> {
    await frame.$eval(selector, el => { (el as HTMLInputElement).select() });
    await frame.type(selector, text);
}

async function submitDialog(frame: Frame, dialog: string): Promise<void> {
    await (await frame.waitForSelector(`#${dialog}-submit:not([disabled])`, { visible: true, timeout: 10_000 }))?.click();
}

/** Adds a log file to the serial console of a VM the import defined (its pty alone cannot be read afterwards). */
async function logSerial(name: string): Promise<void> {
    const xml = (await virsh("dumpxml", "--inactive", "--", name)).replace(/<serial type='pty'>/, `<serial type='pty'><log file='${serialLogPath(name)}' append='off'/>`);
    await defineXml(xml);
}

QUnit.module("Export and import VMs", hooks => {
    const ui = browserForModule(hooks, "vm-export-import", {
        setUp: () => cleanupTestDomains(MARK),
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("OVA round trip through the page, exported into a storage pool: same disk byte for byte, same vCPUs and memory, the copy boots", async assert => {
        const name = `${MARK}-ova`;
        const copy = `${name}-copy`;
        const disk = await createImage(MARK, name);
        await sh("qemu-img", "convert", "-O", "qcow2", await bootIso(), disk);
        await defineXml(domainXml({ name, vcpus: 2, memoryMiB: 160, disks: [disk] }));
        const ova = disk.replace(/[^/]+$/, "round-trip.ova");
        const frame = await adminFrame(ui());
        await waitForRow(frame, name, "shutoff");
        await clickAction(frame, name, "export");
        await frame.waitForSelector("#export-vm-dialog", { visible: true });
        await frame.click("#export-vm-to-pool");
        await frame.waitForSelector(`#export-vm-pool option[value="${POOL}"]`, { timeout: 20_000 });
        await frame.select("#export-vm-pool", POOL);
        await typeInto(frame, "#export-vm-file-name", "round-trip.ova");
        await submitDialog(frame, "export-vm-dialog");
        await frame.waitForSelector("#export-vm-dialog", { hidden: true, timeout: 120_000 });
        assert.true((await virsh("vol-list", POOL)).includes(ova), "written into the chosen pool's directory, listed as its volume");
        assert.deepEqual((await sh("tar", "-tf", ova)).trim().split("\n"), [`${name}.ovf`, `${name}.mf`, `${name}-disk1.vmdk`], "descriptor, manifest, disk, in that order");
        assert.true((await sh("tar", "-xOf", ova, `${name}.ovf`)).includes("vmdk.html#streamOptimized"));

        await openDialog(frame, "#import-vm-button", "import-vm-dialog");
        await frame.type("#import-vm-file", ova);
        await frame.type("#import-vm-name", copy);
        await frame.waitForSelector(`#import-vm-pool option[value="${POOL}"]`, { timeout: 20_000 });
        await frame.select("#import-vm-pool", POOL);
        await submitDialog(frame, "import-vm-dialog");
        await frame.waitForSelector("#import-vm-dialog", { hidden: true, timeout: 120_000 });
        await waitForRow(frame, copy, "shutoff");
        const config = parseDomainXml(await virsh("dumpxml", "--inactive", "--", copy));
        assert.strictEqual(config.vcpus, 2);
        assert.strictEqual(config.maxMemoryKiB, 160 * 1024);
        const copied = await diskOf(copy);
        assert.true(copied.startsWith(disk.replace(/[^/]+$/, "")), `the disk is in the chosen pool (${copied})`);
        assert.true(await sameImage(disk, copied), "qemu-img compare: identical");
        await logSerial(copy);
        await virsh("start", copy);
        await waitForSerial(copy, "KVMM-ISO-GRUB: loading the test guest", 1, 240_000);
        await waitForSerial(copy, "Linux version", 1, 240_000);
        assert.true(true, "the imported VM boots its disk");
        await virsh("destroy", copy);
    });

    QUnit.test("an export cancelled in the page leaves no file behind", async assert => {
        const name = `${MARK}-cancel`;
        const disk = await createImage(MARK, name, "2G");
        await sh("qemu-io", "-c", "write -P 0x3c 0 1536M", disk);
        await defineXml(domainXml({ name, disks: [disk] }));
        const dir = dirname(disk);
        const ova = `${dir}/cancelled.ova`;
        const frame = await adminFrame(ui());
        await dismissToasts(frame);
        await waitForRow(frame, name, "shutoff");
        await clickAction(frame, name, "export");
        await frame.waitForSelector("#export-vm-dialog", { visible: true });
        await typeInto(frame, "#export-vm-target", ova);
        await submitDialog(frame, "export-vm-dialog");
        await frame.waitForSelector("#export-vm-progress-bar", { visible: true, timeout: 60_000 });
        assert.true(true, "the copy's progress is shown");
        await frame.click("#export-vm-dialog-cancel");
        // The dialog closes once what was made is removed again.
        await frame.waitForSelector("#export-vm-dialog", { hidden: true, timeout: 60_000 });
        await waitFor("the working files removed", () => !readdirSync(dir).some(n => n.startsWith(".kvmm-")), 60_000, 250);
        assert.false(existsSync(ova), "no OVA");
        assert.deepEqual(readdirSync(dir).filter(n => n.startsWith(".kvmm-")), [], "no working directory or partial file");
    });

    QUnit.test("bundle round trip with kvmm: libvirt's settings kept (kernel boot, serial log), the copy boots", async assert => {
        const name = `${MARK}-bundle`;
        const copy = `${name}-copy`;
        const disk = await patternImage(name);
        await defineXml(domainXml({ ...guestSpec(name), vcpus: 2, memoryMiB: 144, disks: [disk] }));
        const bundle = disk.replace(/[^/]+$/, "vm.tar");
        const exported = await kvmm("export", name, bundle, "--compress");
        assert.strictEqual(exported.code, 0, exported.stderr);
        assert.deepEqual((await sh("tar", "-tf", bundle)).trim().split("\n"), ["domain.xml", "manifest.mf", "vda.qcow2"]);
        const imported = await kvmm("import", bundle, "--name", copy, "--pool", POOL);
        assert.strictEqual(imported.code, 0, imported.stderr);
        assert.strictEqual(imported.stdout, `imported ${copy}\n`);
        const original = parseDomainXml(await virsh("dumpxml", "--inactive", "--", name));
        const config = parseDomainXml(await virsh("dumpxml", "--inactive", "--", copy));
        assert.strictEqual(config.kernel, original.kernel, "direct kernel boot kept");
        assert.notStrictEqual(config.uuid, original.uuid, "a new UUID");
        assert.strictEqual(config.vcpus, 2);
        assert.strictEqual(config.maxMemoryKiB, 144 * 1024);
        assert.true(await sameImage(disk, await diskOf(copy)), "qemu-img compare: identical");
        await virsh("start", copy);
        await waitForSerial(copy, "KVMM-GUEST-READY", 1, 240_000);
        assert.true(existsSync(serialLogPath(copy)), "the serial log follows the new name");
        await virsh("destroy", copy);
        const again = await kvmm("export", name, bundle);
        assert.strictEqual(again.code, 1);
        assert.true(again.stderr.includes("already exists: choose another file name"), again.stderr);
    });

    QUnit.test("OVAs laid out as VirtualBox and VMware export them", async assert => {
        const vboxDisk = await patternImage("vbox");
        const vbox = { name: `${MARK}-vbox`, vcpus: 2, memoryMiB: 192, network: "NAT", efi: false, disks: [{ file: `${MARK}-vbox-disk001.vmdk`, capacity: 16 * MiB }] };
        const vboxOva = await foreignOva("vbox", vbox, [vboxDisk]);
        const fromVbox = await kvmm("import", vboxOva, "--pool", POOL, "--network", "default");
        assert.strictEqual(fromVbox.code, 0, fromVbox.stderr);
        assert.true(fromVbox.stdout.includes("not translated: usb (USB controller)"), fromVbox.stdout);
        assert.true(fromVbox.stdout.includes("not translated: sound (sound card)"), fromVbox.stdout);
        let config = parseDomainXml(await virsh("dumpxml", "--inactive", "--", vbox.name));
        assert.deepEqual([config.vcpus, config.maxMemoryKiB / 1024], [2, 192]);
        assert.deepEqual(config.interfaces.map(i => [i.type, i.source]), [["network", "default"]], "the NIC is on the chosen network");
        assert.true(await sameImage(vboxDisk, await diskOf(vbox.name)));

        const [a, b] = [await patternImage("vmw-a"), await createImage(MARK, "vmw-b", "32M")];
        const vmw = { name: `${MARK}-vmware`, vcpus: 3, memoryMiB: 256, network: "nat", efi: false,
                      disks: [{ file: `${MARK}-vmware-disk1.vmdk`, capacity: 16 * MiB }, { file: `${MARK}-vmware-disk2.vmdk`, capacity: 32 * MiB }] };
        const vmwOva = await foreignOva("vmware", vmw, [a, b]);
        const fromVmw = await kvmm("import", vmwOva, "--pool", POOL, "--format", "raw", "--json");
        assert.strictEqual(fromVmw.code, 0, fromVmw.stderr);
        assert.deepEqual(JSON.parse(fromVmw.stdout), {
            name: vmw.name, notTranslated: ["usb (USB controller)", "CD/DVD drive 1 (CD drive)", "Video card (graphics card)", "VMCI device (other device)"],
        });
        config = parseDomainXml(await virsh("dumpxml", "--inactive", "--", vmw.name));
        assert.deepEqual([config.vcpus, config.maxMemoryKiB / 1024], [3, 256]);
        assert.deepEqual(config.disks.filter(d => d.device === "disk").map(d => d.format), ["raw", "raw"]);
        assert.true(await sameImage(a, await diskOf(vmw.name, 0)));
        assert.true(await sameImage(b, await diskOf(vmw.name, 1)));
    });

    QUnit.test("single disk images: vmdk and vdi", async assert => {
        for (const format of ["vmdk", "vdi"]) {
            const source = await patternImage(`single-${format}`, format);
            const name = `${MARK}-single-${format}`;
            const result = await kvmm("import", source, "--name", name, "--pool", POOL);
            assert.strictEqual(result.code, 0, result.stderr);
            assert.true(await sameImage(source, await diskOf(name)), `${format}: identical after conversion`);
        }
    });

    QUnit.test("bad input is refused in words, with nothing left behind", async assert => {
        const disk = await patternImage("bad");
        const vm = { name: `${MARK}-bad`, vcpus: 1, memoryMiB: 64, network: "n", disks: [{ file: "bad-disk1.vmdk", capacity: 16 * MiB }] };
        const good = await foreignOva("vmware", vm, [disk]);
        const truncated = good.replace(/\.ova$/, "-truncated.ova");
        writeFileSync(truncated, readFileSync(good).subarray(0, 6000));
        const tampered = await foreignOva("vmware", { ...vm, name: `${MARK}-bad2` }, [disk], dir => {
            writeFileSync(`${dir}/bad-disk1.vmdk`, Buffer.concat([readFileSync(`${dir}/bad-disk1.vmdk`), Buffer.from("x")]));
        });
        const noDisk = await foreignOva("vmware", { ...vm, name: `${MARK}-bad3` }, [disk], dir => {
            writeFileSync(`${dir}/${MARK}-bad3.ovf`, readFileSync(`${dir}/${MARK}-bad3.ovf`, "utf8").replace('ovf:href="bad-disk1.vmdk"', 'ovf:href="elsewhere.vmdk"'));
        });
        const unknown = await foreignOva("vbox", { ...vm, name: `${MARK}-bad4`, extraItem: UNKNOWN_REQUIRED_ITEM }, [disk]);
        await defineXml(domainXml({ name: `${MARK}-taken` }));
        const volumes = await poolVolumes();
        const cases: [string, string[], RegExp][] = [
            ["truncated", [truncated, "--pool", POOL], /is damaged or not a complete archive/],
            ["checksum", [tampered, "--pool", POOL], /failed its checksum check: it is damaged or was changed: bad-disk1\.vmdk does not match its checksum/],
            ["missing disk", [noDisk, "--pool", POOL], /refers to the disk elsewhere\.vmdk, which the package does not contain/],
            ["unknown hardware", [unknown, "--pool", POOL], /requires hardware this host cannot give: "Vendor accelerator" \(resource type 32769\)/],
            ["name taken", [good, "--pool", POOL, "--name", `${MARK}-taken`], /A virtual machine named .*-taken already exists/],
            ["no such pool", [good, "--pool", `${MARK}-nopool`], /There is no storage pool named/],
        ];
        for (const [what, args, message] of cases) {
            const result = await kvmm("import", ...args);
            assert.strictEqual(result.code, 1, `${what}: exit status 1`);
            assert.true(message.test(result.stderr), `${what}: ${result.stderr}`);
        }
        for (const name of [vm.name, `${MARK}-bad2`, `${MARK}-bad3`, `${MARK}-bad4`]) assert.false(await domainExists(name), `no domain ${name}`);
        assert.deepEqual(await poolVolumes(), volumes, "no new volume in the pool");
        assert.deepEqual(workLeftovers(), [], "no unpacked files left in /var/tmp");

        // The page says the same in its dialog, and keeps it open to correct the input.
        const frame = ui().frame;
        await openDialog(frame, "#import-vm-button", "import-vm-dialog");
        await frame.type("#import-vm-file", tampered);
        await frame.waitForSelector(`#import-vm-pool option[value="${POOL}"]`, { timeout: 20_000 });
        await frame.select("#import-vm-pool", POOL);
        await submitDialog(frame, "import-vm-dialog");
        const alert = await frame.waitForSelector("#import-vm-dialog .dialog-error", { visible: true, timeout: 60_000 });
        assert.true((await alert?.evaluate(el => (el as HTMLElement).innerText))?.includes("failed its checksum check"));
        await frame.click("#import-vm-dialog-cancel");
        assert.deepEqual(await poolVolumes(), volumes, "still no new volume");
    });

    QUnit.test("a running VM is exported only from a snapshot; an OVF 2.0 OVA imports the same disk", async assert => {
        const name = `${MARK}-running`;
        const disk = await patternImage(name);
        await defineXml(domainXml({ ...guestSpec(name), disks: [disk] }));
        await virsh("start", name);
        const ova = disk.replace(/[^/]+$/, "running.ova");
        const refused = await kvmm("export", name, ova);
        assert.strictEqual(refused.code, 1);
        assert.true(refused.stderr.includes("Only a shut-off virtual machine can be exported"), refused.stderr);
        assert.false(existsSync(ova), "no file written");
        assert.strictEqual((await kvmm("snapshot", "create", name, "s1")).code, 0);
        const noPool = await kvmm("export", name, "x.ova", "--snapshot", "s1", "--pool", `${MARK}-nopool`);
        assert.strictEqual(noPool.code, 1);
        assert.true(noPool.stderr.includes(`There is no storage pool named ${MARK}-nopool`), noPool.stderr);
        const fromSnapshot = await kvmm("export", name, ova, "--snapshot", "s1", "--ovf-version", "2.0");
        assert.strictEqual(fromSnapshot.code, 0, fromSnapshot.stderr);
        const descriptor = await sh("tar", "-xOf", ova, `${name}.ovf`);
        assert.true(descriptor.includes("ovf/envelope/2") && descriptor.includes("<StorageItem>"), "an OVF 2.0 descriptor");
        const copy = `${name}-copy`;
        assert.strictEqual((await kvmm("import", ova, "--name", copy, "--pool", POOL)).code, 0);
        await virsh("destroy", name);
        assert.true(await sameImage(disk, await diskOf(copy)), "the snapshot's data");
    });
});
