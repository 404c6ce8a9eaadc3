// Host devices (passthrough) on the real stack. These machines have PCI devices but no IOMMU and
// no USB bus: the dialog lists the host's devices as libvirt does and refuses a PCI device in
// words before anything changes; a USB device given elsewhere (virsh) is listed and taken back.
import { writeFileSync } from "node:fs";

import QUnit from "qunit";

import { hostDeviceXml } from "../../src/libvirt/host-device-xml.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { cancelDialog, dumpxml, openVmTab, submitDialog } from "./lib/device-tabs.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("hostdev");
const VM = `${MARK}-vm`;

const nodeDevices = async (cap: string): Promise<string[]> => (await virsh("nodedev-list", "--cap", cap)).split("\n").map(s => s.trim()).filter(Boolean);

QUnit.module("Host devices", hooks => {
    const ui = browserForModule(hooks, "vm-host-devices", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml({ name: VM, disks: [await createImage(MARK, VM)] }));
            // A USB token by vendor and product, as virt-manager would give it.
            const file = `/tmp/${MARK}-usb.xml`;
            writeFileSync(file, hostDeviceXml({ kind: "usb", vendorId: "0x1234", productId: "0x5678" }));
            await virsh("attach-device", "--config", "--", VM, file);
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("the host's devices are offered as libvirt lists them; a PCI device is refused without an IOMMU; a USB device is taken back", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, VM, "hostdevs");
        await waitFor("the USB device's row", async () => (await frame.$$("tr.vm-host-device-row[data-address='1234:5678']")).length === 1);
        const rowText = await frame.$eval("tr.vm-host-device-row", el => (el as HTMLElement).innerText);
        assert.true(rowText.includes("USB") && rowText.includes("Not present on the host"), `the row says what it is and that the host lacks it: ${rowText}`);

        // Enabled once the host's devices and every VM's definition have been read.
        await (await frame.waitForSelector("#vm-host-devices-add:not([disabled])", { visible: true, timeout: 60_000 }))?.click();
        await frame.waitForSelector("#add-host-device-dialog #host-device-choice", { visible: true });
        const options = await frame.$$eval("#host-device-choice option", opts => opts.map(o => o.textContent));
        const pci = await nodeDevices("pci");
        const usb = await nodeDevices("usb_device");
        assert.strictEqual(options.length, pci.length + usb.length, `every PCI and USB device of the host is offered: ${options.join(" | ")}`);
        assert.true(options.every(o => /^(PCI \w{4}:\w{2}:\w{2}\.\d|USB \d{3}:\d{3}) · /.test(o)), "each by type and address");
        const problem = await frame.waitForSelector("#host-device-problem", { visible: true });
        assert.true((await problem?.evaluate(el => (el as HTMLElement).innerText))?.includes("no IOMMU"), "the reason is given before anything is tried");
        assert.strictEqual(await frame.$eval("#host-device-iommu", el => (el as HTMLElement).innerText), "None: the host has no IOMMU");
        assert.true(await frame.$eval("#add-host-device-dialog-submit", el => (el as HTMLButtonElement).disabled), "Add stays off");
        await cancelDialog(frame, "add-host-device-dialog");
        assert.false((await dumpxml(VM, true)).includes("<hostdev mode='subsystem' type='pci'"), "nothing was given");

        const remove = await frame.waitForSelector("tr.vm-host-device-row button.host-device-remove", { visible: true });
        await remove?.click();
        await submitDialog(frame, "remove-host-device-dialog");
        await frame.waitForSelector("#vm-hostdevs-empty", { visible: true, timeout: 20_000 });
        assert.false((await dumpxml(VM, true)).includes("<hostdev"), "virsh no longer lists the device");
    });
});
