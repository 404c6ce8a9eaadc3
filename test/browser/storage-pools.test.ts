// The storage pools page against the real libvirt: what virsh defines shows live, start/stop
// and create change what virsh sees, failures show libvirt's reason and change nothing; and
// the top navigation with back/forward.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

import QUnit from "qunit";

import { checkA11y } from "./lib/axe.ts";
import { browserForModule, launch, login, pluginFrame, saveArtifacts, TEST_PASSWORD, waitFor } from "./lib/cockpit-session.ts";
import {
    cleanupHostResources, clickInRow, closeDialog, dialogError, dismissToasts, fillField, info, inputValue, navigate, poolNames, resourceRows,
    shellHash, submitDialog, submitDisabled, textOf, waitForFailureToast, waitForNoResource, waitForResource, waitForSection,
} from "./lib/host-pages.ts";
import { guestSpec } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("pools");
const DIRS = `/var/lib/libvirt/images/kvmm-test/${MARK}-dirs`;
const dir = (name: string): string => `${DIRS}/${name}`;

async function definePool(name: string, start: boolean): Promise<void> {
    await virsh("pool-define-as", name, "dir", "--target", dir(name));
    await virsh("pool-build", name);
    if (start) await virsh("pool-start", name);
}

QUnit.module("Storage pools", hooks => {
    const ui = browserForModule(hooks, "storage-pools", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await cleanupHostResources(MARK, DIRS);
            mkdirSync(DIRS, { recursive: true });
            await definePool(`${MARK}-a`, true);
            await definePool(`${MARK}-b`, false);
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            await cleanupHostResources(MARK, DIRS);
        },
    });

    QUnit.test("the top navigation moves between the pages; back and forward work", async assert => {
        const { frame, page } = ui();
        await waitForSection(frame, "vms");
        await navigate(frame, "storage");
        assert.strictEqual(shellHash(page), "#/storage");
        await navigate(frame, "networks");
        assert.strictEqual(shellHash(page), "#/networks");
        await navigate(frame, "vms");
        await waitForSection(frame, "vms");
        await page.goBack();
        await waitForSection(frame, "networks");
        await page.goBack();
        await waitForSection(frame, "storage");
        await page.goForward();
        await waitForSection(frame, "networks");
        assert.strictEqual(shellHash(page), "#/networks");
        await navigate(frame, "storage");
        assert.strictEqual(await frame.$eval('[data-nav="storage"]', el => el.getAttribute("aria-selected")), "true", "the tab shows where we are");
    });

    QUnit.test("pools defined with virsh show with their state, size and path", async assert => {
        const { frame } = ui();
        const a = await waitForResource(frame, "pool", `${MARK}-a`, true);
        assert.strictEqual(a.cells.Type, "dir");
        assert.strictEqual(a.cells.Path, dir(`${MARK}-a`));
        assert.strictEqual(a.cells.State, "Active");
        assert.true(/\d/.test(a.cells.Capacity ?? ""), `capacity shown: ${a.cells.Capacity ?? ""}`);
        const b = await waitForResource(frame, "pool", `${MARK}-b`, false);
        assert.strictEqual(b.cells.State, "Inactive");
        assert.strictEqual(b.cells.Capacity, "—");
        assert.false(b.autostart);
        await checkA11y(frame, "the storage pools page");
    });

    QUnit.test("Start and Stop on the page change virsh pool-info", async assert => {
        const { frame } = ui();
        const name = `${MARK}-b`;
        await clickInRow(frame, "pool", name, "pool-start");
        await waitForResource(frame, "pool", name, true);
        assert.strictEqual((await info("pool-info", name)).State, "running");
        await clickInRow(frame, "pool", name, "pool-stop");
        await waitForResource(frame, "pool", name, false);
        assert.strictEqual((await info("pool-info", name)).State, "inactive");
        await clickInRow(frame, "pool", name, "pool-autostart");
        await waitFor("autostart on", async () => (await waitForResource(frame, "pool", name)).autostart);
        assert.strictEqual((await info("pool-info", name)).Autostart, "yes");
    });

    QUnit.test("Refresh makes libvirt see an image copied into the pool's directory", async assert => {
        const { frame } = ui();
        const name = `${MARK}-a`;
        const volumes = async (): Promise<string> => virsh("vol-list", "--", name);
        writeFileSync(`${dir(name)}/copied-in.img`, Buffer.alloc(4096));
        assert.false((await volumes()).includes("copied-in.img"), "libvirt does not know it yet");
        await waitForResource(frame, "pool", name, true);
        await clickInRow(frame, "pool", name, "pool-refresh");
        await waitFor("the volume after the refresh", async () => (await volumes()).includes("copied-in.img"));
        assert.true((await volumes()).includes("copied-in.img"));
    });

    QUnit.test("a pool defined with virsh after the page loaded appears, changes and goes without reload", async assert => {
        const { frame } = ui();
        const name = `${MARK}-late`;
        await definePool(name, false);
        assert.false((await waitForResource(frame, "pool", name)).active);
        await virsh("pool-start", name);
        assert.true((await waitForResource(frame, "pool", name, true)).active);
        await virsh("pool-destroy", name);
        await virsh("pool-undefine", name);
        await waitForNoResource(frame, "pool", name);
        assert.false((await resourceRows(frame, "pool")).some(r => r.name === name));
    });

    QUnit.test("a failing start shows libvirt's error and changes nothing", async assert => {
        const { frame } = ui();
        const name = `${MARK}-nodir`;
        await definePool(name, false);
        rmSync(dir(name), { recursive: true, force: true });
        await waitForResource(frame, "pool", name, false);
        await clickInRow(frame, "pool", name, "pool-start");
        const toast = await waitForFailureToast(frame, name);
        assert.true(toast.includes(`Start failed for ${name}`), toast);
        assert.true(toast.includes(dir(name)), `libvirt's message names the directory: ${toast}`);
        assert.strictEqual((await info("pool-info", name)).State, "inactive");
        assert.false((await waitForResource(frame, "pool", name)).active);
    });

    QUnit.test("Create storage pool: bad input and libvirt's refusal change nothing; good input makes a running pool", async assert => {
        const { frame } = ui();
        const name = `${MARK}-new`;
        await dismissToasts(frame);
        await frame.click("#create-pool");
        await submitDialog(frame, "create-pool-dialog");
        assert.true((await dialogError(frame, "create-pool-dialog")).includes("Enter a name."));
        await checkA11y(frame, "the Create storage pool dialog with an error");
        await fillField(frame, "#create-pool-name", `${MARK}-a`);
        await fillField(frame, "#create-pool-path", dir("other"));
        await submitDialog(frame, "create-pool-dialog");
        const refusal = await dialogError(frame, "create-pool-dialog");
        assert.true(refusal.includes(`A storage pool named ${MARK}-a already exists`), `in words: ${refusal}`);
        assert.true(/already exists with uuid/.test(refusal), `libvirt's reason: ${refusal}`);
        assert.false(existsSync(dir("other")), "no directory made");
        // Another name on the same directory: libvirt's conflict, in words.
        await fillField(frame, "#create-pool-name", `${MARK}-same-dir`);
        await fillField(frame, "#create-pool-path", dir(`${MARK}-a`));
        await submitDialog(frame, "create-pool-dialog");
        await waitFor("the conflict in words", async () => (await dialogError(frame, "create-pool-dialog")).includes(`The storage pool ${MARK}-a already uses this directory`));
        assert.false((await poolNames()).includes(`${MARK}-same-dir`), "nothing defined");

        await fillField(frame, "#create-pool-name", name);
        await fillField(frame, "#create-pool-path", dir(name));
        await submitDialog(frame, "create-pool-dialog");
        await frame.waitForSelector("#create-pool-dialog", { hidden: true, timeout: 30_000 });
        const row = await waitForResource(frame, "pool", name, true);
        assert.true(row.autostart);
        const virshInfo = await info("pool-info", name);
        assert.strictEqual(virshInfo.State, "running");
        assert.strictEqual(virshInfo.Autostart, "yes");
        assert.true((await virsh("pool-dumpxml", name)).includes(`<path>${dir(name)}</path>`));
        assert.true(existsSync(dir(name)), "the directory was made");
        assert.deepEqual((await poolNames()).filter(n => n.startsWith(`${MARK}-a`)), [`${MARK}-a`], "no duplicate made");
    });

    QUnit.test("the default pool notice matches the host and offers the real defaults", async assert => {
        const { frame } = ui();
        const defaultPool = (await poolNames()).includes("default") ? await info("pool-info", "default") : null;
        if (!defaultPool) {
            await frame.waitForSelector("#default-pool-missing", { visible: true });
            await frame.click("#create-default-pool");
            assert.strictEqual(await inputValue(frame, "#create-pool-name"), "default");
            assert.strictEqual(await inputValue(frame, "#create-pool-path"), "/var/lib/libvirt/images");
            await closeDialog(frame, "create-pool-dialog");
            assert.false((await poolNames()).includes("default"), "cancel made nothing");
        } else if (defaultPool.State !== "running") {
            await frame.waitForSelector("#default-pool-inactive #start-default-pool", { visible: true });
            assert.strictEqual(await frame.$("#default-pool-missing"), null);
        } else {
            assert.strictEqual(await frame.$("#default-pool-missing, #default-pool-inactive"), null);
        }
    });

    QUnit.test("a pool path with .. is saved normalized; one that comes to / is refused", async assert => {
        const { frame } = ui();
        const name = `${MARK}-dots`;
        await frame.click("#create-pool");
        await fillField(frame, "#create-pool-name", name);
        await fillField(frame, "#create-pool-path", "/srv/..");
        await submitDialog(frame, "create-pool-dialog");
        assert.true((await dialogError(frame, "create-pool-dialog")).includes("other than \"/\""), "a path that comes to / is refused");
        await fillField(frame, "#create-pool-path", `${DIRS}/x/./../${name}//`);
        await waitFor("the normalized path shown", async () => (await textOf(frame, "#create-pool-path-help")).includes(`Saved as ${dir(name)}.`));
        await submitDialog(frame, "create-pool-dialog");
        await frame.waitForSelector("#create-pool-dialog", { hidden: true, timeout: 30_000 });
        assert.strictEqual((await waitForResource(frame, "pool", name, true)).cells.Path, dir(name));
        assert.true((await virsh("pool-dumpxml", name)).includes(`<path>${dir(name)}</path>`), "libvirt holds the normalized path");
        assert.false(existsSync(`${DIRS}/x`), "no directory made for the .. detour");
    });

    QUnit.test("Delete removes a stopped pool from libvirt; its directory and images stay", async assert => {
        const { frame } = ui();
        const name = `${MARK}-del`;
        await definePool(name, false);
        writeFileSync(`${dir(name)}/keep.img`, Buffer.alloc(4096));
        await waitForResource(frame, "pool", name, false);
        await clickInRow(frame, "pool", name, "pool-delete");
        await frame.waitForSelector("#delete-pool-dialog", { visible: true });
        await closeDialog(frame, "delete-pool-dialog");
        assert.true((await poolNames()).includes(name), "cancel deletes nothing");
        await clickInRow(frame, "pool", name, "pool-delete");
        await submitDialog(frame, "delete-pool-dialog");
        await waitForNoResource(frame, "pool", name);
        assert.false((await poolNames()).includes(name), "virsh no longer knows it");
        assert.true(existsSync(`${dir(name)}/keep.img`), "the image stays");
    });

    QUnit.test("Delete with its volumes removes a running pool's volumes, the pool and its directory", async assert => {
        const { frame } = ui();
        const name = `${MARK}-delvols`;
        await definePool(name, true);
        await virsh("vol-create-as", name, "one.qcow2", "1M", "--format", "qcow2");
        await virsh("vol-create-as", name, "two.raw", "1M");
        await waitForResource(frame, "pool", name, true);
        await clickInRow(frame, "pool", name, "pool-delete");
        await waitFor("the volume count", async () => (await textOf(frame, "#delete-pool-dialog")).includes("Also delete its 2 volumes"));
        await frame.click("#delete-pool-volumes");
        await submitDialog(frame, "delete-pool-dialog");
        await waitForNoResource(frame, "pool", name);
        assert.false((await poolNames()).includes(name), "virsh no longer knows it");
        assert.false(existsSync(dir(name)), "the volumes and the emptied directory are gone");
    });

    QUnit.test("deleting a pool a VM has disks in: its volumes are refused, naming the VM; the pool alone is asked", async assert => {
        const { frame } = ui();
        const vm = `${MARK}-vm-del`;
        const pool = `${MARK}-pool`;
        const image = await createImage(MARK, "del-disk");
        await defineXml(domainXml(guestSpec(vm, { disks: [image] })));
        await waitForResource(frame, "pool", pool, true);
        await clickInRow(frame, "pool", pool, "pool-delete");
        const asked = await textOf(frame, "#delete-pool-users");
        assert.true(asked.includes(vm) && asked.includes("shut off"), `the VM is named: ${asked}`);
        await frame.click("#delete-pool-volumes");
        const refused = await textOf(frame, "#delete-pool-refused");
        assert.true(refused.includes(vm), `refused, naming the VM: ${refused}`);
        assert.true(await submitDisabled(frame, "delete-pool-dialog"), "Delete cannot be pressed");
        await frame.click("#delete-pool-volumes");
        await submitDialog(frame, "delete-pool-dialog");
        await waitForNoResource(frame, "pool", pool);
        assert.false((await poolNames()).includes(pool));
        assert.true(existsSync(image), "the VM's image stays");
        await virsh("undefine", vm);
    });

    /** Stop on the pool that `vm` uses asks first, naming it with `state`; Cancel stops nothing. */
    async function stopAsksFirst(assert: Assert, vm: string, state: string): Promise<void> {
        const { frame } = ui();
        const pool = `${MARK}-pool`;
        await waitForResource(frame, "pool", pool, true);
        await clickInRow(frame, "pool", pool, "pool-stop");
        const users = await textOf(frame, "#confirm-resource-action #resource-users");
        assert.true(users.includes(vm) && users.includes(state), users);
        await closeDialog(frame, "confirm-resource-action");
        assert.strictEqual((await info("pool-info", pool)).State, "running", "cancel stops nothing");
        await clickInRow(frame, "pool", pool, "pool-stop");
        await submitDialog(frame, "confirm-resource-action");
        await waitForResource(frame, "pool", pool, false);
        assert.strictEqual((await info("pool-info", pool)).State, "inactive");
    }

    QUnit.test("stopping a pool a shut-off VM uses asks first, naming it", async assert => {
        const vm = `${MARK}-vm-off`;
        await defineXml(domainXml(guestSpec(vm, { disks: [await createImage(MARK, "off-disk")] })));
        await stopAsksFirst(assert, vm, "shut off");
        await virsh("undefine", vm);
    });

    QUnit.test("stopping a pool a running VM uses asks first", async assert => {
        const vm = `${MARK}-vm`;
        await defineXml(domainXml(guestSpec(vm, { disks: [await createImage(MARK, "disk")] })));
        await virsh("start", vm);
        await stopAsksFirst(assert, vm, "running");
        await virsh("destroy", vm);
    });

    QUnit.test("a user without libvirt access is told why on the storage pools and networks pages", async assert => {
        const { browser, page, console } = await launch();
        const frameText = async (selector: string): Promise<string> => {
            const frame = await pluginFrame(page);
            return waitFor(selector, () => frame.$eval(selector, el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
        };
        try {
            await login(page, "/kvm-manager#/storage", process.env.KVMM_TEST_NOPRIV_USER ?? "kvmtest-nopriv", TEST_PASSWORD);
            const pools = await frameText("#pools-unreachable");
            assert.true(pools.includes("Permission denied") && pools.includes("libvirt group"), pools);
            const frame = await pluginFrame(page);
            await checkA11y(frame, "the storage pools page without libvirt access");
            await frame.click('[data-nav="networks"]');
            const networks = await frameText("#networks-unreachable");
            assert.true(networks.includes("Permission denied"), networks);
        } catch (error) {
            await saveArtifacts({ browser, page, frame: await pluginFrame(page), console }, "storage-pools-nopriv");
            throw error;
        } finally {
            await browser.close();
        }
    });
});
