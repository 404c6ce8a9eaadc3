// The Create VM wizard against real libvirt: a VM made from an imported image holds what was
// chosen; refused input and failures half-way leave no domain and no volume behind.
import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { closeWizard, fieldMessage, fillWizard, nextEnabled, openWizard, reviewXml, submitWizard } from "./lib/create-vm-wizard.ts";
import { cleanupTestDomains, createImage, domainExists, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("create");
const POOL = `${MARK}-pool`;
const NET = `${MARK}-net`;

async function poolVolumes(): Promise<string[]> {
    await virsh("pool-refresh", POOL);
    return (await virsh("vol-list", POOL)).split("\n").map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean);
}

QUnit.module("Create VM", hooks => {
    let image = "";
    const ui = browserForModule(hooks, "create-vm", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await virsh("net-destroy", NET).catch(() => undefined);
            await virsh("net-undefine", NET).catch(() => undefined);
            image = await createImage(MARK, `${MARK}-import`);
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            await virsh("net-undefine", NET).catch(() => undefined);
        },
    });

    QUnit.test("importing a disk image makes a VM with the chosen OS, memory and disk", async assert => {
        const frame = ui().frame;
        const name = `${MARK}-imported & "ü"`;
        await fillWizard(frame, { name, os: "debian11", source: "import", path: image, memory: "512" });
        const xmlPreview = await reviewXml(frame);
        assert.true(xmlPreview.includes("debian.org/debian/11"), "the review shows the XML with the OS");
        await submitWizard(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        const d = parseDomainXml(await virsh("dumpxml", "--", name));
        assert.strictEqual(d.name, name);
        assert.strictEqual(d.osId, "http://debian.org/debian/11", "OS recorded in the libosinfo metadata");
        assert.strictEqual(d.memoryKiB, 512 * 1024);
        assert.deepEqual(d.disks.map(x => [x.path, x.bus]), [[image, "virtio"]], "Debian 11 gets a virtio disk");
        assert.strictEqual(d.type, "qemu");
        assert.strictEqual((await virsh("domstate", "--", name)).trim(), "shut off", "not started when asked not to");
    });

    QUnit.test("Generic Windows gets Windows defaults: UEFI, no virtio disk, no recorded OS", async assert => {
        const frame = ui().frame;
        const name = `${MARK}-windows`;
        await fillWizard(frame, { name, os: "windows-generic", source: "import", path: image });
        await submitWizard(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        const d = parseDomainXml(await virsh("dumpxml", "--", name));
        assert.strictEqual(d.memoryKiB, 4 * 1024 * 1024, "4 GiB");
        assert.strictEqual(d.firmware.kind, "efi");
        assert.notStrictEqual(d.disks[0]?.bus, "virtio", `the disk is on ${d.disks[0]?.bus ?? "?"}, which Windows can boot from`);
        assert.strictEqual(d.osId, undefined, "no libosinfo id is made up");
    });

    QUnit.test("a VM connected to a host bridge: the bridge must be named, then it is in the definition", async assert => {
        const frame = ui().frame;
        const name = `${MARK}-bridged`;
        await fillWizard(frame, {
            name, source: "pxe", diskGiB: "0", pool: POOL, stayOnResources: true,
            onResourcesStep: async f => {
                await f.select("#create-vm-network", "bridge:");
                await f.waitForSelector("#create-vm-network-device", { visible: true });
            },
        });
        const refusal = await waitFor("the refusal", () => fieldMessage(frame, "create-vm-network-device-error"));
        assert.true(refusal.includes("Name the host bridge"), refusal);
        assert.false(await nextEnabled(frame), "the wizard does not go on");
        assert.false(await domainExists(name), "nothing was defined");
        await closeWizard(frame);

        await fillWizard(frame, {
            name, source: "pxe", diskGiB: "0", pool: POOL,
            onResourcesStep: async f => {
                await f.select("#create-vm-network", "bridge:");
                await f.type("#create-vm-network-device", "kvmmtbr-none");
            },
        });
        await submitWizard(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        const nics = parseDomainXml(await virsh("dumpxml", "--", name)).interfaces;
        assert.deepEqual(nics.map(n => [n.type, n.source]), [["bridge", "kvmmtbr-none"]]);
    });

    QUnit.test("run after creation opens the new VM's console", async assert => {
        const { page } = ui();
        const frame = ui().frame;
        const name = `${MARK}-console`;
        await fillWizard(frame, { name, source: "pxe", diskGiB: "0", pool: POOL });
        await submitWizard(frame, true);
        await waitFor("the console tab of the new VM", () => page.url().includes("tab=consoles") && decodeURIComponent(page.url()).includes(name), 60_000);
        await frame.waitForSelector("#vm-details-name", { visible: true });
        assert.strictEqual((await virsh("domstate", "--", name)).trim(), "running", "the VM was started");
        assert.true(await frame.$eval("button[id$='vm-tab-consoles']", el => el.getAttribute("aria-selected") === "true"), "the Console tab is shown");
    });

    QUnit.test("refused input is explained on its step and nothing is created", async assert => {
        const frame = ui().frame;
        const before = await poolVolumes();
        await openWizard(frame);
        await frame.type("#create-vm-name", `${MARK}-imported & "ü"`);
        const duplicate = await waitFor("the name's error", () => fieldMessage(frame, "create-vm-name-error"));
        assert.true(duplicate.includes("already exists"), `duplicate name: ${duplicate}`);
        assert.false(await nextEnabled(frame), "the wizard does not go on");
        await closeWizard(frame);

        await fillWizard(frame, { name: `${MARK}-badiso`, source: "iso", path: "/nonexistent/x.iso", diskGiB: "1", pool: POOL });
        await submitWizard(frame, false);
        let text = await waitFor("the ISO error", () => frame.$eval("#create-vm-error", el => (el as HTMLElement).innerText).catch(() => ""));
        assert.true(text.includes("does not exist or cannot be read"), text);
        assert.false(text.includes("libvirt reported an error"), "a check of the page's own is not libvirt's");
        await closeWizard(frame);

        await fillWizard(frame, { name: `${MARK}-huge`, source: "pxe", diskGiB: "1", pool: POOL, memory: "99999999", stayOnResources: true });
        text = await waitFor("the memory's error", () => fieldMessage(frame, "create-vm-memory-error"));
        assert.true(text.includes("The host has only"), text);
        assert.false(await nextEnabled(frame), "the wizard does not go on");
        await closeWizard(frame);

        await fillWizard(frame, { name: `${MARK}-bigdisk`, source: "pxe", diskGiB: "999999", pool: POOL, stayOnResources: true });
        text = await waitFor("the disk's error", () => fieldMessage(frame, "create-vm-disk-error"));
        assert.true(text.includes(`The pool ${POOL} has only`), `a disk larger than the pool: ${text}`);
        assert.false(await nextEnabled(frame), "the wizard does not go on");
        await closeWizard(frame);

        assert.false(await domainExists(`${MARK}-badiso`), "no domain");
        assert.deepEqual(await poolVolumes(), before, "no volume left in the pool");
    });

    QUnit.test("the wizard says when the default network is missing or stopped", async assert => {
        const frame = ui().frame;
        const info = await virsh("net-info", "default").catch(() => "");
        await fillWizard(frame, { name: `${MARK}-notice`, source: "pxe", diskGiB: "0", pool: POOL });
        await frame.click("button[id$='create-vm-step-resources'], #create-vm-step-resources");
        await frame.waitForSelector("#create-vm-memory", { visible: true });
        const shown = await frame.$eval("#default-network-missing, #default-network-inactive", el => el.id).catch(() => "");
        const expected = info === "" ? "default-network-missing" : /Active:\s+no/.test(info) ? "default-network-inactive" : "";
        assert.strictEqual(shown, expected, `virsh net-info default: ${info.replace(/\s+/g, " ")}`);
        await closeWizard(frame);
    });

    QUnit.test("a creation that fails at the start removes its volume and definition", async assert => {
        const frame = ui().frame;
        // An inactive network: defining works, starting fails.
        const { writeFileSync } = await import("node:fs");
        writeFileSync(`/tmp/${NET}.xml`, `<network><name>${NET}</name><bridge name="kvmmtcr0"/><ip address="192.168.251.1" netmask="255.255.255.0"/></network>`);
        await virsh("net-define", `/tmp/${NET}.xml`);
        const before = await poolVolumes();
        const name = `${MARK}-fails`;
        await fillWizard(frame, { name, source: "pxe", diskGiB: "1", pool: POOL, network: `network:${NET}` });
        await submitWizard(frame, true);
        const text = await waitFor("the start error", () => frame.$eval("#create-vm-error", el => (el as HTMLElement).innerText).catch(() => ""), 60_000);
        assert.true(text.length > 0, `libvirt's reason is shown: ${text}`);
        assert.false(await domainExists(name), "the definition was removed");
        assert.deepEqual(await poolVolumes(), before, "the new volume was removed");
        await closeWizard(frame);
    });
});
