// What the Create VM wizard checks and shows before it creates anything: each step's fields as
// the user types, free file names for new disks, vCPU overcommit with a warning, the review's
// summary and the OS search — against the real libvirt, which holds what was made.
import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { checkA11y } from "./lib/axe.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { closeWizard, fieldMessage, fillWizard, next, nextEnabled, openWizard, retype, submitWizard } from "./lib/create-vm-wizard.ts";
import { cleanupTestDomains, createImage, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("checks");
const POOL = `${MARK}-pool`;

async function poolVolumes(): Promise<string[]> {
    await virsh("pool-refresh", POOL);
    return (await virsh("vol-list", POOL)).split("\n").map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean).sort();
}

async function hostCpus(): Promise<number> {
    return Number(/CPU\(s\):\s+(\d+)/.exec(await virsh("nodeinfo"))?.[1]);
}

QUnit.module("Create VM checks", hooks => {
    const ui = browserForModule(hooks, "create-vm-checks", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await createImage(MARK, `${MARK}-other`); // makes the suite's pool
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    async function createWithDisk(name: string): Promise<string> {
        const frame = ui().frame;
        await fillWizard(frame, { name, source: "pxe", diskGiB: "1", pool: POOL });
        // The pool's files are read again on the review: wait for the name made from them.
        const disks = await waitFor("the new disk's file name", async () => {
            const text = await frame.$eval("#create-vm-summary-disks", el => (el as HTMLElement).innerText);
            return text.includes("…") ? undefined : text;
        });
        await submitWizard(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", (el, n) => (el as HTMLElement).innerText === n, name).catch(() => false), 30_000);
        return disks;
    }

    QUnit.test("names that make the same file name get files of their own, named on the review", async assert => {
        const first = `${MARK}-<b>bold`;
        const second = `${MARK}-(b)bold`;
        const plain = `${MARK}-_b_bold`;
        assert.true((await createWithDisk(first)).includes(`${plain}.qcow2`), "the first VM's disk file is named after it");
        const secondDisk = await createWithDisk(second);
        assert.true(secondDisk.includes(`${plain}-2.qcow2`), `the review shows the second a free name: ${secondDisk}`);
        // A renamed VM keeps its files under its old name.
        await virsh("domrename", first, `${MARK}-renamed`);
        const again = await createWithDisk(first);
        assert.true(again.includes(`${plain}-3.qcow2`), `so does re-creating a name after a rename: ${again}`);
        const diskOf = async (name: string) => parseDomainXml(await virsh("dumpxml", "--", name)).disks[0]?.path?.split("/").pop();
        assert.deepEqual([await diskOf(`${MARK}-renamed`), await diskOf(second), await diskOf(first)],
                         [`${plain}.qcow2`, `${plain}-2.qcow2`, `${plain}-3.qcow2`], "each VM has its own disk");
        assert.deepEqual(await poolVolumes(), [`${MARK}-other.qcow2`, `${plain}-2.qcow2`, `${plain}-3.qcow2`, `${plain}.qcow2`].sort());
    });

    QUnit.test("each step says what is wrong as the user types, and lets them on only when it is right", async assert => {
        const frame = ui().frame;
        await openWizard(frame);
        assert.false(await nextEnabled(frame), "no name yet");
        await frame.type("#create-vm-name", `${MARK}-a/b`);
        assert.true((await fieldMessage(frame, "create-vm-name-error")).includes("cannot contain '/'"), "a name libvirt refuses");
        assert.false(await nextEnabled(frame));
        await retype(frame, "#create-vm-name", `${MARK}-${"x".repeat(300)}`);
        const long = await fieldMessage(frame, "create-vm-name-error");
        assert.true(long.includes("too long"), `a name its files cannot hold: ${long}`);
        await checkA11y(frame, "the wizard's first step with an error");
        assert.false(await nextEnabled(frame));
        await retype(frame, "#create-vm-name", `${MARK}-over`);
        await waitFor("the name accepted", async () => await fieldMessage(frame, "create-vm-name-error") === "" && nextEnabled(frame));
        await next(frame);

        await (await frame.waitForSelector("#create-vm-source-iso", { visible: true }))?.click();
        assert.false(await nextEnabled(frame), "an ISO install needs its ISO");
        await checkA11y(frame, "the wizard's installation step");
        await frame.click("#create-vm-source-pxe");
        await waitFor("PXE needs none", () => nextEnabled(frame));
        await next(frame);

        await frame.waitForSelector("#create-vm-memory", { visible: true });
        await retype(frame, "#create-vm-memory input", "0");
        assert.true((await fieldMessage(frame, "create-vm-memory-error")).includes("at least 32 MiB"), "0 memory");
        assert.false(await nextEnabled(frame));
        await retype(frame, "#create-vm-memory input", "256");
        await retype(frame, "#create-vm-vcpus input", "9999");
        const tooMany = await fieldMessage(frame, "create-vm-vcpus-error");
        assert.true(/at most \d+ vCPUs/.test(tooMany), `more vCPUs than libvirt gives: ${tooMany}`);
        assert.false(await nextEnabled(frame));
        const cpus = await hostCpus();
        await retype(frame, "#create-vm-vcpus input", String(cpus + 1));
        const warning = await waitFor("the overcommit warning", () => fieldMessage(frame, "create-vm-vcpus-warning"));
        assert.true(warning.includes(`The host has ${String(cpus)} CPUs`) && warning.includes("slower"), `the cost is explained: ${warning}`);
        assert.strictEqual(await fieldMessage(frame, "create-vm-vcpus-error"), "", "but it is no error");
        await checkA11y(frame, "the wizard's resources step with a warning");
        await retype(frame, "#create-vm-disk input", "0");
        await frame.select("#create-vm-network", "");
        await frame.select("#create-vm-virt-type", "qemu");
        assert.true(await nextEnabled(frame), "more vCPUs than host CPUs can be created");
        await next(frame);
        await frame.waitForSelector("#create-vm-review", { visible: true });
        await checkA11y(frame, "the wizard's review step");
        await submitWizard(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        assert.strictEqual(parseDomainXml(await virsh("dumpxml", "--", `${MARK}-over`)).cpu.maximum, cpus + 1, "libvirt holds the vCPUs asked for");
    });

    QUnit.test("the OS search lists name matches first, each once; the review sums up the VM above its XML", async assert => {
        const frame = ui().frame;
        const name = `${MARK}-alpine`;
        await openWizard(frame);
        await frame.type("#create-vm-name", name);
        await frame.type("#create-vm-os-search input", "alpine");
        const items = await waitFor("the matches", async () => {
            const shown = await frame.$$eval("#create-vm-os [data-os]:not([data-os=''])", els => els.map(el => ({ os: el.getAttribute("data-os") ?? "", text: (el as HTMLElement).innerText })));
            return shown[0]?.os.startsWith("alpinelinux") ? shown : undefined;
        });
        assert.true(items[0]?.text.startsWith("Alpine Linux"), `Alpine first: ${items.map(i => i.text.split("\n")[0] ?? "").join(", ")}`);
        const texts = items.map(i => i.text);
        assert.strictEqual(new Set(texts).size, texts.length, "no two entries look the same");
        await frame.click(`#create-vm-os [data-os="${items[0]?.os ?? ""}"] button, #create-vm-os button[data-os="${items[0]?.os ?? ""}"]`);
        const osName = items[0]?.text.split("\n")[0] ?? "";
        await next(frame);
        await (await frame.waitForSelector("#create-vm-source-pxe", { visible: true }))?.click();
        await next(frame);
        await frame.waitForSelector("#create-vm-memory", { visible: true });
        await retype(frame, "#create-vm-memory input", "300");
        await retype(frame, "#create-vm-vcpus input", "1");
        await frame.select("#create-vm-pool", POOL);
        await frame.select("#create-vm-network", "user:");
        const firmware = await frame.$eval("#create-vm-firmware", el => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
        await next(frame);
        await frame.waitForSelector("#create-vm-review", { visible: true });
        await waitFor("the pool's files read", () => frame.$eval("#create-vm-summary-disks", el => !(el as HTMLElement).innerText.includes("…")));
        const rows = await frame.$$eval("#create-vm-summary [id^='create-vm-summary-']",
                                        els => els.map(el => [el.id.replace("create-vm-summary-", ""), (el as HTMLElement).innerText] as const));
        const summary: Record<string, string | undefined> = Object.fromEntries(rows);
        assert.strictEqual(summary.name, name);
        assert.strictEqual(summary.os, osName);
        assert.strictEqual(summary.source, "Network boot (PXE)");
        assert.strictEqual(summary.vcpus, "1");
        assert.strictEqual(summary.memory, "300 MiB");
        assert.true(summary.disks?.includes(`${MARK}-alpine.qcow2`) && summary.disks.includes(POOL), `the new disk: ${String(summary.disks)}`);
        assert.strictEqual(summary.network, "User-mode networking");
        assert.true(summary.firmware?.startsWith(firmware), `the firmware chosen (${firmware}): ${String(summary.firmware)}`);
        assert.true(await frame.$eval("#create-vm-summary", (el) => {
            const xml = document.querySelector("#create-vm-xml");
            return xml !== null && (el.compareDocumentPosition(xml) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
        }), "the summary comes before the XML");
        await closeWizard(frame);
    });
});
