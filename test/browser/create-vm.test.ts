// The Create VM wizard against real libvirt: a VM made from an imported image holds what was
// chosen; refused input and failures half-way leave no domain and no volume behind.
import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { cleanupTestDomains, createImage, domainExists, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("create");
const POOL = `${MARK}-pool`;
const NET = `${MARK}-net`;

async function fillWizard(frame: Frame, values: { name: string; os?: string; source: "iso" | "import" | "pxe"; path?: string; diskGiB?: string; network?: string; memory?: string }): Promise<void> {
    if (await frame.$("#create-vm-dialog")) await closeWizard(frame); // left open by a failed test
    await frame.evaluate(() => {
        window.location.hash = "#/";
        // Toasts of earlier creations sit over the page header's button.
        document.querySelectorAll<HTMLButtonElement>(".pf-v6-c-alert-group .pf-v6-c-alert__action button").forEach(b => b.click());
    });
    await (await frame.waitForSelector("#create-vm-button", { visible: true, timeout: 30_000 }))?.click();
    await frame.waitForSelector("#create-vm-name", { visible: true });
    await frame.type("#create-vm-name", values.name);
    if (values.os) {
        await frame.type("#create-vm-os-search input", values.os);
        const item = await frame.waitForSelector(`#create-vm-os [data-os="${values.os}"] button, #create-vm-os [data-os="${values.os}"]`, { visible: true, timeout: 30_000 });
        await item?.click();
    }
    const next = async (): Promise<void> => {
        await frame.click(".pf-v6-c-wizard__footer button.pf-m-primary");
    };
    await next();
    await frame.click(`#create-vm-source-${values.source}`);
    if (values.path) await frame.type("#create-vm-source-path", values.path);
    await next();
    await frame.waitForSelector("#create-vm-memory", { visible: true });
    if (values.memory) {
        const memory = await frame.$("#create-vm-memory input");
        await memory?.click({ count: 3 });
        await memory?.type(values.memory);
    }
    if (values.diskGiB !== undefined && values.source !== "import") {
        const disk = await frame.$("#create-vm-disk input");
        await disk?.click({ count: 3 });
        await disk?.type(values.diskGiB);
        await frame.select("#create-vm-pool", POOL);
    }
    await frame.select("#create-vm-network", values.network ?? "");
    await frame.select("#create-vm-virt-type", "qemu");
    await next();
    await frame.waitForSelector("#create-vm-review", { visible: true });
}

async function submit(frame: Frame, runAfter: boolean): Promise<void> {
    const box = await frame.$("#create-vm-run-after");
    if (await box?.evaluate(el => (el as HTMLInputElement).checked) !== runAfter) await box?.click();
    await frame.click(".pf-v6-c-wizard__footer button.pf-m-primary");
}

async function closeWizard(frame: Frame): Promise<void> {
    await frame.click(".pf-v6-c-wizard__footer .pf-m-link");
    await frame.waitForSelector("#create-vm-dialog", { hidden: true });
}

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
        const xmlPreview = await frame.$eval("#create-vm-xml pre", el => el.textContent);
        assert.true(xmlPreview.includes("debian.org/debian/11"), "the review shows the XML with the OS");
        await submit(frame, false);
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
        await submit(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        const d = parseDomainXml(await virsh("dumpxml", "--", name));
        assert.strictEqual(d.memoryKiB, 4 * 1024 * 1024, "4 GiB");
        assert.strictEqual(d.firmware.kind, "efi");
        assert.notStrictEqual(d.disks[0]?.bus, "virtio", `the disk is on ${d.disks[0]?.bus ?? "?"}, which Windows can boot from`);
        assert.strictEqual(d.osId, undefined, "no libosinfo id is made up");
    });

    QUnit.test("run after creation opens the new VM's console", async assert => {
        const { page } = ui();
        const frame = ui().frame;
        const name = `${MARK}-console`;
        await fillWizard(frame, { name, source: "pxe", diskGiB: "0" });
        await submit(frame, true);
        await waitFor("the console tab of the new VM", () => page.url().includes("tab=consoles") && decodeURIComponent(page.url()).includes(name), 60_000);
        await frame.waitForSelector("#vm-details-name", { visible: true });
        assert.strictEqual((await virsh("domstate", "--", name)).trim(), "running", "the VM was started");
        assert.true(await frame.$eval("button[id$='vm-tab-consoles']", el => el.getAttribute("aria-selected") === "true"), "the Console tab is shown");
    });

    QUnit.test("refused input is explained and nothing is created", async assert => {
        const frame = ui().frame;
        const before = await poolVolumes();
        await fillWizard(frame, { name: `${MARK}-imported & "ü"`, source: "pxe", diskGiB: "1" });
        await submit(frame, false);
        let text = await frame.waitForSelector("#create-vm-error", { visible: true }).then(el => el?.evaluate(e => (e as HTMLElement).innerText));
        assert.true(text?.includes("already exists"), `duplicate name: ${String(text)}`);
        await closeWizard(frame);

        await fillWizard(frame, { name: `${MARK}-badiso`, source: "iso", path: "/nonexistent/x.iso", diskGiB: "1" });
        await submit(frame, false);
        text = await waitFor("the ISO error", () => frame.$eval("#create-vm-error", el => (el as HTMLElement).innerText).catch(() => ""));
        assert.true(text.includes("does not exist or cannot be read"), text);
        await closeWizard(frame);

        await fillWizard(frame, { name: `${MARK}-huge`, source: "pxe", diskGiB: "1", memory: "99999999" });
        await submit(frame, false);
        text = await waitFor("the memory error", () => frame.$eval("#create-vm-error", el => (el as HTMLElement).innerText).catch(() => ""));
        assert.true(text.includes("The host has only"), text);
        await closeWizard(frame);

        assert.false(await domainExists(`${MARK}-badiso`), "no domain");
        assert.false(await domainExists(`${MARK}-huge`), "no domain");
        assert.deepEqual(await poolVolumes(), before, "no volume left in the pool");
    });

    QUnit.test("the wizard says when the default network is missing or stopped", async assert => {
        const frame = ui().frame;
        const info = await virsh("net-info", "default").catch(() => "");
        await fillWizard(frame, { name: `${MARK}-notice`, source: "pxe", diskGiB: "0" });
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
        await fillWizard(frame, { name, source: "pxe", diskGiB: "1", network: `network:${NET}` });
        await submit(frame, true);
        const text = await waitFor("the start error", () => frame.$eval("#create-vm-error", el => (el as HTMLElement).innerText).catch(() => ""), 60_000);
        assert.true(text.length > 0, `libvirt's reason is shown: ${text}`);
        assert.false(await domainExists(name), "the definition was removed");
        assert.deepEqual(await poolVolumes(), before, "the new volume was removed");
        await closeWizard(frame);
    });
});
