// The VM page: reached from the list, kept on reload, shows and edits the configuration,
// graphs a running guest's usage, and says so when the VM is deleted underneath it.
import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { checkA11y } from "./lib/axe.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";
import { rowCell, waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("details");
const OFF = `${MARK}-off`;
const RUNNING = `${MARK}-running`;
const LINUX = `${MARK}-linux`;
const LIBOSINFO_NS = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

async function dumpxml(name: string, inactive = false): Promise<string> {
    return inactive ? virsh("dumpxml", "--inactive", "--", name) : virsh("dumpxml", "--", name);
}

QUnit.module("VM details", hooks => {
    const ui = browserForModule(hooks, "vm-details", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml({ name: OFF, vcpus: 2, memoryMiB: 128 }));
            await defineXml(domainXml({ ...guestSpec(RUNNING), vcpus: 1 }));
            await virsh("setvcpus", "--config", "--maximum", "--", RUNNING, "2");
            await virsh("start", "--", RUNNING);
            await defineXml(domainXml({ name: LINUX }));
            await virsh("metadata", "--config", "--uri", LIBOSINFO_NS, "--key", "libosinfo",
                        "--set", `<libosinfo><os id="http://libosinfo.org/linux/2022"/></libosinfo>`, "--", LINUX);
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    async function edit(field: string, values: Record<string, string>): Promise<void> {
        const frame = ui().frame;
        await frame.click(`#vm-overview-${field}-edit`);
        for (const [id, value] of Object.entries(values)) {
            const input = await frame.waitForSelector(`#${id} input`, { visible: true });
            await input?.click({ count: 3 });
            await input?.type(value);
        }
        await frame.click(`#edit-${field}-dialog-submit`);
    }

    QUnit.test("the name in the list opens the VM's page; reload keeps it; back returns", async assert => {
        const { page } = ui();
        const frame = ui().frame;
        await waitForRow(frame, OFF);
        await frame.$$eval("tr.vm-row", (rows, name) => {
            const row = rows.find(r => (r as HTMLElement).dataset.vmName === name);
            (row?.querySelector(".vm-name a, .vm-name button") as HTMLElement | null)?.click();
        }, OFF);
        await frame.waitForSelector("#vm-details-name");
        assert.strictEqual(await frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText), OFF);
        assert.true(page.url().includes(`/vm/system/${OFF}`), page.url());
        await page.reload({ waitUntil: "domcontentloaded" });
        const reloaded = ui().frame = await pluginFrame(page);
        await reloaded.waitForSelector("#vm-overview-vcpus-value");
        assert.strictEqual(await reloaded.$eval("#vm-overview-vcpus-value", el => (el as HTMLElement).innerText), "2 of at most 2");
        assert.strictEqual(await reloaded.$eval("#vm-overview-memory-value", el => (el as HTMLElement).innerText), "128 MiB of at most 128 MiB");
        // Every tab of a shut-off VM passes the accessibility check (the Usage tab with charts: below).
        for (const tab of ["overview", "disks", "nics", "snapshots", "schedules", "consoles", "guest"]) {
            await reloaded.evaluate((name, t) => { window.location.hash = `#/vm/system/${name}?tab=${t}` }, OFF, tab);
            await reloaded.waitForSelector(`[id$='vm-tab-${tab}'][aria-selected='true']`);
            // The lazily loaded tabs show a spinner first; check what they show once loaded.
            await reloaded.waitForFunction(() => !document.querySelector(".vm-details-tab > .pf-v6-c-spinner"), { timeout: 10_000 });
            await checkA11y(reloaded, `the ${tab} tab`);
        }
        // The next tests start from the VM's Overview.
        await reloaded.evaluate(name => { window.location.hash = `#/vm/system/${name}` }, OFF);
        await reloaded.waitForSelector("#vm-overview-vcpus-edit", { visible: true });
    });

    QUnit.test("editing vCPUs and memory of a shut-off VM changes its XML", async assert => {
        const frame = ui().frame;
        await edit("vcpus", { "edit-vcpus-count": "1" });
        await frame.waitForSelector("#edit-vcpus-dialog", { hidden: true });
        await waitFor("vCPUs shown", () => frame.$eval("#vm-overview-vcpus-value", el => (el as HTMLElement).innerText === "1 of at most 2"));
        assert.true((await dumpxml(OFF)).includes("<vcpu placement='static' current='1'>2</vcpu>"), "virsh holds 1 of 2 vCPUs");

        await edit("memory", { "edit-memory-max": "256", "edit-memory-current": "192" });
        await frame.waitForSelector("#edit-memory-dialog", { hidden: true });
        const xml = await dumpxml(OFF);
        assert.true(xml.includes("<memory unit='KiB'>262144</memory>"), "maximum 256 MiB");
        assert.true(xml.includes("<currentMemory unit='KiB'>196608</currentMemory>"), "current 192 MiB");
    });

    QUnit.test("more vCPUs than the host has CPUs are allowed, with a warning of the cost; not more than libvirt gives", async assert => {
        const frame = ui().frame;
        const cpus = Number(/CPU\(s\):\s+(\d+)/.exec(await virsh("nodeinfo"))?.[1]);
        const typeInto = async (id: string, value: string): Promise<void> => {
            const input = await frame.waitForSelector(`#${id} input`, { visible: true });
            await input?.click({ count: 3 });
            await input?.type(value);
        };
        const message = (id: string) => frame.$eval(`#${id}`, el => (el as HTMLElement).innerText).catch(() => "");
        await frame.click("#vm-overview-vcpus-edit");
        await typeInto("edit-vcpus-max", "9999");
        await typeInto("edit-vcpus-count", "1");
        const tooMany = await waitFor("the limit", () => message("edit-vcpus-error"));
        assert.true(/at most \d+ vCPUs/.test(tooMany), `libvirt's maximum: ${tooMany}`);
        await typeInto("edit-vcpus-max", String(cpus + 1));
        await typeInto("edit-vcpus-count", String(cpus + 1));
        const warning = await waitFor("the warning", () => message("edit-vcpus-warning"));
        assert.true(warning.includes(`The host has ${String(cpus)} CPUs`), `the cost is explained: ${warning}`);
        await frame.click("#edit-vcpus-dialog-submit");
        await frame.waitForSelector("#edit-vcpus-dialog", { hidden: true });
        const cpu = parseDomainXml(await dumpxml(OFF)).cpu;
        assert.deepEqual([cpu.current, cpu.maximum], [cpus + 1, cpus + 1], "libvirt holds them");
    });

    QUnit.test("bad values are refused with a reason and change nothing", async assert => {
        const frame = ui().frame;
        const before = await dumpxml(OFF);
        await edit("vcpus", { "edit-vcpus-count": "0" });
        const error = await frame.waitForSelector("#edit-vcpus-dialog .dialog-error", { visible: true });
        assert.true((await error?.evaluate(el => (el as HTMLElement).innerText))?.includes("at least one vCPU"));
        await checkA11y(frame, "the vCPUs dialog with its error");
        await frame.click("#edit-vcpus-dialog button.pf-m-link");
        await edit("memory", { "edit-memory-max": "99999999", "edit-memory-current": "1024" });
        const memError = await frame.waitForSelector("#edit-memory-dialog .dialog-error", { visible: true });
        assert.true((await memError?.evaluate(el => (el as HTMLElement).innerText))?.includes("The host has only"));
        await frame.click("#edit-memory-dialog button.pf-m-link");
        assert.strictEqual(await dumpxml(OFF), before, "the XML is unchanged");
    });

    QUnit.test("boot order, description and autostart are saved in the VM's configuration", async assert => {
        const frame = ui().frame;
        await frame.click("#vm-overview-boot-order-edit");
        await frame.waitForSelector("#boot-order-list", { visible: true });
        await frame.click("#boot-check-cdrom");
        await frame.click("#boot-up-cdrom"); // cdrom was second (after the enabled hd): now first
        await frame.click("#edit-boot-order-dialog-submit");
        await frame.waitForSelector("#edit-boot-order-dialog", { hidden: true });
        await waitFor("boot order shown", () => frame.$eval("#vm-overview-boot-order-value", el => (el as HTMLElement).innerText === "CD/DVD, Disk"));
        const xml = await dumpxml(OFF);
        assert.true(xml.indexOf("<boot dev='cdrom'/>") >= 0 && xml.indexOf("<boot dev='cdrom'/>") < xml.indexOf("<boot dev='hd'/>"), "virsh boots cdrom, then hd");

        const description = `Web & "db" <server> ü`;
        await frame.click("#vm-overview-description-edit");
        const area = await frame.waitForSelector("#edit-description-text", { visible: true });
        await area?.type(description);
        await frame.click("#edit-description-dialog-submit");
        await waitFor("description shown", () => frame.$eval("#vm-overview-description-value", (el, d) => (el as HTMLElement).innerText === d, description));
        assert.strictEqual(parseDomainXml(await dumpxml(OFF)).description, description, "libvirt holds the text exactly");

        await frame.click("#vm-overview-autostart-switch");
        await waitFor("autostart in libvirt", async () => /Autostart:\s+enable/.test(await virsh("dominfo", "--", OFF)));
        assert.true(await waitFor("the switch to show it", () => frame.$eval("#vm-overview-autostart-switch", el => (el as HTMLInputElement).checked)), "the switch shows it");
    });

    QUnit.test("a shut-off VM can be renamed and its page follows", async assert => {
        const { page } = ui();
        const frame = ui().frame;
        const renamed = `${OFF}-renamed ü`;
        await frame.click("#vm-overview-name-edit");
        const input = await frame.waitForSelector("#rename-vm-name", { visible: true });
        await input?.click({ count: 3 });
        await input?.type(renamed);
        await frame.click("#rename-vm-dialog-submit");
        await waitFor("the page to show the new name", () => frame.$eval("#vm-details-name", (el, n) => (el as HTMLElement).innerText === n, renamed).catch(() => false));
        assert.true((await virsh("list", "--all", "--name")).split("\n").includes(renamed), "virsh knows the new name");
        assert.true(decodeURIComponent(page.url()).includes(renamed), "the URL follows");
    });

    QUnit.test("after a CD/DVD installation the page offers to eject the media and boot from disk", async assert => {
        const { page } = ui();
        const name = `${MARK}-installed`;
        const iso = await createImage(MARK, `${MARK}-installer`);
        await defineXml(domainXml({ name, cdrom: iso, boot: ["cdrom", "hd"] }));
        await page.goto(page.url().replace(/#.*$/, `#/vm/system/${name}`), { waitUntil: "domcontentloaded" });
        const frame = ui().frame = await pluginFrame(page);
        await (await frame.waitForSelector("#eject-install-media", { visible: true }))?.click();
        await frame.waitForSelector("#install-media-notice", { hidden: true, timeout: 30_000 });
        const saved = parseDomainXml(await dumpxml(name, true));
        assert.deepEqual(saved.bootOrder, ["hd"], "boots from disk now");
        assert.strictEqual(saved.disks.find(d => d.device === "cdrom")?.path, undefined, "the media is ejected");
        assert.notStrictEqual(saved.disks.find(d => d.device === "cdrom"), undefined, "the drive itself stays");
    });

    QUnit.test("the Operating system row names the OS recorded in the VM's metadata", async assert => {
        const { page } = ui();
        await page.goto(page.url().replace(/#.*$/, `#/vm/system/${LINUX}`), { waitUntil: "domcontentloaded" });
        const frame = ui().frame = await pluginFrame(page);
        const shown = await waitFor("the OS name", () => frame.$eval("#vm-overview-os", el => (el as HTMLElement).innerText).then(t => t.trim()), 30_000);
        assert.true(shown.includes("Generic Linux 2022"), shown);
        assert.false(shown.includes("http://"), "not the libosinfo id");
    });

    QUnit.test("a live memory change shows one figure in the list and on Overview, applied now", async assert => {
        const { page } = ui();
        await waitForSerial(RUNNING, "KVMM-GUEST-READY"); // its balloon driver is loaded
        await page.goto(page.url().replace(/#.*$/, `#/vm/system/${RUNNING}`), { waitUntil: "domcontentloaded" });
        const frame = ui().frame = await pluginFrame(page);
        await frame.waitForSelector("#vm-overview-memory-value");
        await edit("memory", { "edit-memory-current": "96" });
        await frame.waitForSelector("#edit-memory-dialog", { hidden: true });
        // The balloon reaches 96 MiB in steps (127 MiB, 114 MiB…): the page follows it.
        await waitFor("Overview to show the new size", () => frame.$eval("#vm-overview-memory-value", el => (el as HTMLElement).innerText === "96 MiB of at most 128 MiB"), 30_000);
        assert.strictEqual(await frame.$("#vm-overview-memory-pending"), null, "not marked as waiting for a shutdown: libvirt applied it");
        assert.true((await dumpxml(RUNNING)).includes("<currentMemory unit='KiB'>98304</currentMemory>"), "the running VM has 96 MiB");
        await frame.evaluate(() => { window.location.hash = "#/" });
        assert.strictEqual(await waitFor("the list's Memory", () => rowCell(frame, RUNNING, "vm-memory")), "96 MiB", "the list shows the same figure");
    });

    QUnit.test("the Usage tab opens with the usage since the page loaded", async assert => {
        const { page } = ui();
        // A busy guest: its CPU figure in the list is above 0 only from the list's second poll
        // on, when the history holds a point. (The shell computes the markers, so the echoed
        // command line does not match them.)
        await waitForSerial(RUNNING, "KVMM-GUEST-READY");
        await runOnSerial(RUNNING, "(while :; do :; done) & echo BUSY-$((40+2))", "BUSY-42");
        try {
            const list = page.url().replace(/#.*$/, "#/");
            await page.goto("about:blank");
            await page.goto(list, { waitUntil: "domcontentloaded" });
            const frame = ui().frame = await pluginFrame(page);
            await waitFor("the list's CPU usage of the busy VM", async () => parseFloat(await rowCell(frame, RUNNING, "vm-cpu-usage")) > 10, 30_000);
            await frame.evaluate(name => { window.location.hash = `#/vm/system/${name}?tab=usage` }, RUNNING);
            await frame.waitForSelector("#usage-cpu");
            const points = Number(await frame.$eval("#usage-cpu", el => el.getAttribute("data-points")));
            assert.true(points >= 1, `the CPU graph has ${String(points)} points as it opens`);
            const description = await frame.$eval("#usage-cpu svg desc", el => el.textContent);
            assert.true(/now .*highest .*lowest/.test(description), `the chart's text alternative: ${description}`);
            await checkA11y(frame, "the Usage tab");
        } finally {
            await runOnSerial(RUNNING, "kill $!; echo IDLE-$((40+3))", "IDLE-43");
        }
    });

    QUnit.test("on a running VM, a change that needs a restart is marked as such", async assert => {
        const { page } = ui();
        await waitForSerial(RUNNING, "KVMM-GUEST-READY");
        await page.goto(page.url().replace(/#.*$/, `#/vm/system/${RUNNING}`), { waitUntil: "domcontentloaded" });
        const frame = ui().frame = await pluginFrame(page);
        await frame.waitForSelector("#vm-overview-memory-value");
        await edit("memory", { "edit-memory-max": "192", "edit-memory-current": "160" });
        await frame.waitForSelector("#edit-memory-dialog", { hidden: true });
        await frame.waitForSelector("#vm-overview-memory-pending", { visible: true });
        assert.true((await dumpxml(RUNNING, true)).includes("<memory unit='KiB'>196608</memory>"), "saved config has the new maximum");
        assert.true((await dumpxml(RUNNING)).includes("<memory unit='KiB'>131072</memory>"), "the running VM keeps its maximum until restart");
    });

    QUnit.test("the usage graphs get points for a running guest", async assert => {
        const frame = ui().frame;
        await frame.click("button[id$='vm-tab-usage']");
        const points = await waitFor("two points on the CPU graph", async () => {
            const n = Number(await frame.$eval("#usage-cpu", el => el.getAttribute("data-points")).catch(() => "0"));
            return n >= 2 ? n : 0;
        }, 30_000);
        assert.true(points >= 2);
        assert.true(await frame.$eval("#usage-cpu svg path", () => true).catch(() => false), "a chart is drawn");
    });

    QUnit.test("a VM deleted while its page is open says so", async assert => {
        const frame = ui().frame;
        await virsh("destroy", "--", RUNNING);
        await virsh("undefine", "--", RUNNING);
        const text = await waitFor("the missing state", () => frame.$eval("#vm-details-missing", el => (el as HTMLElement).innerText).catch(() => ""));
        assert.true(text.includes("does not exist"), text);
    });
});
