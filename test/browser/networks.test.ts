// The networks page against the real libvirt: what virsh defines shows live, start/stop and
// create change what virsh sees, failures show libvirt's reason and change nothing. Only
// networks named with this suite's mark are touched (never the host's `default`).
import QUnit from "qunit";

import { type NatNetworkSpec,natNetworkXml } from "../../src/libvirt/network-xml.ts";
import { checkA11y } from "./lib/axe.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import {
    cleanupHostResources, clickInRow, closeDialog, defineNetworkXml, dialogError, dismissToasts, fillField, info, inputValue, navigate,
    networkNames, resourceRows, submitDialog, textOf, waitForFailureToast, waitForNoResource, waitForResource,
} from "./lib/host-pages.ts";
import { guestSpec } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("nets");
const NO_DIRS = `/tmp/${MARK}-none`;

function spec(suffix: string, bridge: string, subnet: number): NatNetworkSpec {
    const net = `192.168.${String(subnet)}`;
    return { name: `${MARK}-${suffix}`, bridge, address: `${net}.1`, prefix: 24, dhcpStart: `${net}.2`, dhcpEnd: `${net}.254` };
}

const A = spec("a", "kvmmt-nb0", 250);
const B = spec("b", "kvmmt-nb1", 251);

QUnit.module("Networks", hooks => {
    const ui = browserForModule(hooks, "networks", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await cleanupHostResources(MARK, NO_DIRS);
            await defineNetworkXml(natNetworkXml(A));
            await virsh("net-start", A.name);
            await defineNetworkXml(natNetworkXml(B));
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            await cleanupHostResources(MARK, NO_DIRS);
        },
    });

    QUnit.test("networks defined with virsh show with their addressing and state", async assert => {
        const { frame } = ui();
        await navigate(frame, "networks");
        const a = await waitForResource(frame, "network", A.name, true);
        assert.strictEqual(a.cells.Forwarding, "NAT");
        assert.strictEqual(a.cells.Bridge, "kvmmt-nb0");
        assert.strictEqual(a.cells["IP range"], "192.168.250.1/24");
        assert.strictEqual(a.cells["DHCP range"], "192.168.250.2 – 192.168.250.254");
        assert.strictEqual(a.cells.State, "Active");
        const b = await waitForResource(frame, "network", B.name, false);
        assert.strictEqual(b.cells.State, "Inactive");
        assert.false(b.autostart);
        await checkA11y(frame, "the networks page");
    });

    QUnit.test("Start and Stop on the page change virsh net-info", async assert => {
        const { frame } = ui();
        await clickInRow(frame, "network", B.name, "network-start");
        await waitForResource(frame, "network", B.name, true);
        assert.strictEqual((await info("net-info", B.name)).Active, "yes");
        await clickInRow(frame, "network", B.name, "network-stop");
        await waitForResource(frame, "network", B.name, false);
        assert.strictEqual((await info("net-info", B.name)).Active, "no");
        await clickInRow(frame, "network", B.name, "network-autostart");
        await waitFor("autostart on", async () => (await waitForResource(frame, "network", B.name)).autostart);
        assert.strictEqual((await info("net-info", B.name)).Autostart, "yes");
    });

    QUnit.test("a network defined with virsh after the page loaded appears, changes and goes without reload", async assert => {
        const { frame } = ui();
        const late = spec("late", "kvmmt-nb2", 252);
        await defineNetworkXml(natNetworkXml(late));
        assert.false((await waitForResource(frame, "network", late.name)).active);
        await virsh("net-start", late.name);
        assert.true((await waitForResource(frame, "network", late.name, true)).active);
        await virsh("net-destroy", late.name);
        await virsh("net-undefine", late.name);
        await waitForNoResource(frame, "network", late.name);
        assert.false((await resourceRows(frame, "network")).some(r => r.name === late.name));
    });

    QUnit.test("a failing start shows libvirt's error and changes nothing", async assert => {
        const { frame } = ui();
        // Same subnet as A, which runs: libvirt refuses to start it.
        const clash = { ...spec("clash", "kvmmt-nb3", 250), name: `${MARK}-clash` };
        await defineNetworkXml(natNetworkXml(clash));
        await waitForResource(frame, "network", clash.name, false);
        await clickInRow(frame, "network", clash.name, "network-start");
        const toast = await waitForFailureToast(frame, clash.name);
        assert.true(toast.includes(`Start failed for ${clash.name}`), toast);
        assert.true(toast.includes(`Its addresses overlap a network the host already has on ${A.bridge}`), `in words: ${toast}`);
        assert.true(toast.includes(`Network is already in use by interface ${A.bridge}`), `libvirt's message: ${toast}`);
        assert.strictEqual((await info("net-info", clash.name)).Active, "no");
        assert.false((await waitForResource(frame, "network", clash.name)).active);
        await dismissToasts(frame);
    });

    QUnit.test("Create network: bad input and libvirt's refusal change nothing; good input makes a running network", async assert => {
        const { frame } = ui();
        const made = spec("new", "kvmmt-nb4", 253);
        // Only this suite's: other work trees' tests make and remove networks meanwhile.
        const ours = async (): Promise<string[]> => (await networkNames()).filter(n => n.includes(MARK));
        const before = await ours();
        await frame.click("#create-network");
        await fillField(frame, "#create-network-name", made.name);
        await fillField(frame, "#create-network-bridge", "kvmmt-bridge-too-long");
        await fillField(frame, "#create-network-address", made.address);
        await fillField(frame, "#create-network-dhcpStart", made.dhcpStart);
        await fillField(frame, "#create-network-dhcpEnd", "192.168.254.9");
        await submitDialog(frame, "create-network-dialog");
        assert.true((await dialogError(frame, "create-network-dialog")).includes("at most 15"), "the bridge name is too long");
        await checkA11y(frame, "the Create network dialog with an error");
        await fillField(frame, "#create-network-bridge", A.bridge);
        await submitDialog(frame, "create-network-dialog");
        const outside = await textOf(frame, "#create-network-dialog .dialog-error");
        assert.true(outside.includes("inside the network") && !outside.includes("libvirt"), `the DHCP range is outside: ${outside}`);
        await fillField(frame, "#create-network-dhcpEnd", made.dhcpEnd);
        // A's bridge is taken: libvirt refuses.
        await submitDialog(frame, "create-network-dialog");
        const refusal = await dialogError(frame, "create-network-dialog");
        assert.true(refusal.includes(`Another network already uses the bridge device ${A.bridge}`), `in words: ${refusal}`);
        assert.true(refusal.includes(`bridge name '${A.bridge}' already in use`), `libvirt's reason: ${refusal}`);
        assert.deepEqual(await ours(), before, "nothing was defined");
        // A's name is taken.
        await fillField(frame, "#create-network-name", A.name);
        await fillField(frame, "#create-network-bridge", made.bridge);
        await submitDialog(frame, "create-network-dialog");
        await waitFor("the name refusal in words", async () => (await dialogError(frame, "create-network-dialog")).includes(`A network named ${A.name} already exists`));
        // A's subnet, which runs: defined, refused at the start, and removed again.
        const clash = spec("x", made.bridge, 250);
        await fillField(frame, "#create-network-name", made.name);
        await fillField(frame, "#create-network-address", clash.address);
        await fillField(frame, "#create-network-dhcpStart", clash.dhcpStart);
        await fillField(frame, "#create-network-dhcpEnd", clash.dhcpEnd);
        await submitDialog(frame, "create-network-dialog");
        await waitFor("the overlap in words", async () => (await dialogError(frame, "create-network-dialog")).includes(`Its addresses overlap a network the host already has on ${A.bridge}`));
        assert.deepEqual(await ours(), before, "nothing was left defined");
        await fillField(frame, "#create-network-address", made.address);
        await fillField(frame, "#create-network-dhcpStart", made.dhcpStart);
        await fillField(frame, "#create-network-dhcpEnd", made.dhcpEnd);
        await submitDialog(frame, "create-network-dialog");
        await frame.waitForSelector("#create-network-dialog", { hidden: true, timeout: 30_000 });
        assert.true((await waitForResource(frame, "network", made.name, true)).autostart);
        const virshInfo = await info("net-info", made.name);
        assert.strictEqual(virshInfo.Active, "yes");
        assert.strictEqual(virshInfo.Autostart, "yes");
        assert.strictEqual(virshInfo.Bridge, made.bridge);
        const xml = await virsh("net-dumpxml", made.name);
        assert.true(xml.includes("<forward mode='nat'") && xml.includes("192.168.253.254"), xml);
    });

    QUnit.test("the default network notice matches the host and offers libvirt's defaults", async assert => {
        const { frame } = ui();
        const defaultNet = (await networkNames()).includes("default") ? await info("net-info", "default") : null;
        if (!defaultNet) {
            await frame.waitForSelector("#default-network-missing", { visible: true });
            await frame.click("#create-default-network");
            assert.strictEqual(await inputValue(frame, "#create-network-name"), "default");
            assert.strictEqual(await inputValue(frame, "#create-network-bridge"), "virbr0");
            assert.strictEqual(await inputValue(frame, "#create-network-address"), "192.168.122.1");
            assert.strictEqual(await inputValue(frame, "#create-network-prefix"), "24");
            assert.strictEqual(await inputValue(frame, "#create-network-dhcpStart"), "192.168.122.2");
            assert.strictEqual(await inputValue(frame, "#create-network-dhcpEnd"), "192.168.122.254");
            await closeDialog(frame, "create-network-dialog");
            assert.false((await networkNames()).includes("default"), "cancel made nothing");
        } else if (defaultNet.Active !== "yes") {
            await frame.waitForSelector("#default-network-inactive #start-default-network", { visible: true });
            assert.strictEqual(await frame.$("#default-network-missing"), null);
        } else {
            assert.strictEqual(await frame.$("#default-network-missing, #default-network-inactive"), null);
        }
    });

    QUnit.test("Delete removes a stopped and a running network", async assert => {
        const { frame } = ui();
        const stopped = spec("del1", "kvmmt-nb5", 247);
        const running = spec("del2", "kvmmt-nb6", 248);
        await defineNetworkXml(natNetworkXml(stopped));
        await defineNetworkXml(natNetworkXml(running));
        await virsh("net-start", running.name);
        await waitForResource(frame, "network", stopped.name, false);
        await clickInRow(frame, "network", stopped.name, "network-delete");
        await frame.waitForSelector("#delete-network-dialog", { visible: true });
        await closeDialog(frame, "delete-network-dialog");
        assert.true((await networkNames()).includes(stopped.name), "cancel deletes nothing");
        await clickInRow(frame, "network", stopped.name, "network-delete");
        await submitDialog(frame, "delete-network-dialog");
        await waitForNoResource(frame, "network", stopped.name);
        assert.false((await networkNames()).includes(stopped.name), "virsh no longer knows the stopped one");

        await waitForResource(frame, "network", running.name, true);
        await clickInRow(frame, "network", running.name, "network-delete");
        assert.true((await textOf(frame, "#delete-network-dialog")).includes("stopped and removed"), "says it is stopped first");
        await submitDialog(frame, "delete-network-dialog");
        await waitForNoResource(frame, "network", running.name);
        assert.false((await networkNames()).includes(running.name), "virsh no longer knows the running one");
    });

    QUnit.test("deleting or stopping a network a shut-off VM is connected to asks first, naming it", async assert => {
        const { frame } = ui();
        const used = spec("used", "kvmmt-nb7", 249);
        const vm = `${MARK}-vm-off`;
        await defineNetworkXml(natNetworkXml(used));
        await virsh("net-start", used.name);
        await defineXml(domainXml(guestSpec(vm)));
        await virsh("attach-interface", "--domain", vm, "--type", "network", "--source", used.name, "--model", "virtio", "--config");

        await waitForResource(frame, "network", used.name, true);
        await clickInRow(frame, "network", used.name, "network-stop");
        const stopUsers = await textOf(frame, "#confirm-resource-action #resource-users");
        assert.true(stopUsers.includes(vm) && stopUsers.includes("shut off"), `Stop names the VM: ${stopUsers}`);
        await closeDialog(frame, "confirm-resource-action");
        assert.strictEqual((await info("net-info", used.name)).Active, "yes", "cancel stops nothing");

        await clickInRow(frame, "network", used.name, "network-delete");
        const deleteUsers = await textOf(frame, "#delete-network-users");
        assert.true(deleteUsers.includes(vm), `Delete names the VM: ${deleteUsers}`);
        await closeDialog(frame, "delete-network-dialog");
        assert.true((await networkNames()).includes(used.name), "cancel deletes nothing");
        await clickInRow(frame, "network", used.name, "network-delete");
        await textOf(frame, "#delete-network-users");
        await submitDialog(frame, "delete-network-dialog");
        await waitForNoResource(frame, "network", used.name);
        assert.false((await networkNames()).includes(used.name));
        await virsh("undefine", vm);
    });

    QUnit.test("stopping a network a running VM uses asks first", async assert => {
        const { frame } = ui();
        const vm = `${MARK}-vm`;
        await defineXml(domainXml(guestSpec(vm)));
        await virsh("attach-interface", "--domain", vm, "--type", "network", "--source", A.name, "--model", "virtio", "--config");
        await virsh("start", vm);
        await clickInRow(frame, "network", A.name, "network-stop");
        const users = await textOf(frame, "#confirm-resource-action #resource-users");
        assert.true(users.includes(vm) && users.includes("running"), users);
        await closeDialog(frame, "confirm-resource-action");
        assert.strictEqual((await info("net-info", A.name)).Active, "yes", "cancel stops nothing");
        await clickInRow(frame, "network", A.name, "network-stop");
        await submitDialog(frame, "confirm-resource-action");
        await waitForResource(frame, "network", A.name, false);
        assert.strictEqual((await info("net-info", A.name)).Active, "no");
        await virsh("destroy", vm);
    });
});
