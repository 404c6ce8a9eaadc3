// The Network interfaces tab on a running test guest and on a shut-off VM: listing with IP
// addresses, link state, adding, editing and removing; a bad MAC changes nothing. Editing a
// running VM's interface changes its network and link at once, and its model and MAC address
// at the next start, marked so until then. The tests use
// networks of their own, never "default": one without DHCP and DNS, and for the DHCP-lease
// test a NAT network with DHCP (libvirt runs dnsmasq for it).
import { writeFileSync } from "node:fs";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { xmlBuilder } from "../../src/libvirt/xml.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import {
    addNicRefusals, cancelDialog, choose, click, clickRowButton, deviceRows, dumpxml, elements, openVmTab, setValue, submitDialog,
    submitExpectingError, waitForDeviceRow,
} from "./lib/device-tabs.ts";
import { guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("nics");
const NET = `${MARK}-net`;
const BRIDGE = "kvmmt-nics-br";
const RUN = `${MARK}-run`;
const OFF = `${MARK}-off`;
const RUN_MAC = "52:54:00:57:00:01";
const GUEST_IP = "10.213.57.10";
const LEASE_NET = `${MARK}-lease`;
const LEASE_VM = `${MARK}-lease`;
const LEASE_MAC = "52:54:00:58:00:01";
const LEASE_IP = "10.213.58.10";
const NET2 = `${MARK}-net2`;
const EDIT_RUN = `${MARK}-edit-run`;
const EDIT_OFF = `${MARK}-edit-off`;
const EDIT_MAC = "52:54:00:57:00:20";

async function removeNetwork(): Promise<void> {
    for (const net of [NET, NET2, LEASE_NET]) await virsh("net-destroy", net).catch(() => undefined);
}

/** NAT with DHCP; the guest's MAC always gets LEASE_IP. */
async function createLeaseNetwork(): Promise<void> {
    const file = `/tmp/${LEASE_NET}.xml`;
    writeFileSync(file, xmlBuilder.build({
        network: {
            name: LEASE_NET,
            forward: { "@_mode": "nat" },
            bridge: { "@_name": "kvmmt-nics-lbr", "@_stp": "off" },
            ip: {
                "@_address": "10.213.58.1", "@_prefix": "24",
                dhcp: { range: { "@_start": "10.213.58.100", "@_end": "10.213.58.150" }, host: { "@_mac": LEASE_MAC, "@_ip": LEASE_IP } },
            },
        },
    }));
    await virsh("net-create", file);
}

async function createNetwork(name = NET, bridge = BRIDGE, address = "10.213.57.1"): Promise<void> {
    const file = `/tmp/${name}.xml`;
    writeFileSync(file, xmlBuilder.build({
        network: {
            name,
            bridge: { "@_name": bridge, "@_stp": "off" },
            dns: { "@_enable": "no" },
            ip: { "@_address": address, "@_prefix": "24" },
        },
    }));
    await virsh("net-create", file);
}

/** A field's value or an element's text, once it is shown. */
async function shown(frame: Frame, selector: string): Promise<string> {
    const el = await frame.waitForSelector(selector, { visible: true, timeout: 10_000 });
    return await el?.evaluate(e => e instanceof HTMLInputElement || e instanceof HTMLSelectElement ? e.value : (e as HTMLElement).innerText) ?? "";
}

const interfaces = async (name: string, inactive = false): Promise<string[]> => elements(await dumpxml(name, inactive), "interface");

QUnit.module("VM NICs", hooks => {
    const ui = browserForModule(hooks, "vm-nics", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await removeNetwork();
            await createNetwork();
            await createNetwork(NET2, `${BRIDGE}2`, "10.213.59.1");
            await defineXml(domainXml(guestSpec(RUN)));
            await virsh("attach-interface", RUN, "network", NET, "--model", "virtio", "--mac", RUN_MAC, "--config");
            await defineXml(domainXml({ name: OFF }));
            await virsh("start", "--", RUN);
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            await removeNetwork();
        },
    });

    QUnit.test("lists the interface with its network, model, MAC and link", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, RUN, "nics");
        await waitForDeviceRow(frame, "nics", "the guest's interface", rows => rows.find(r => r.key === RUN_MAC));
        const row = (await deviceRows(frame, "nics")).find(r => r.key === RUN_MAC);
        assert.true(row?.text.includes("Virtual network"), "type");
        assert.true(row?.text.includes(NET), "source network");
        assert.true(row?.text.includes("virtio"), "model");
        assert.strictEqual(row?.data.link, "up");
    });

    QUnit.test("shows the guest's IP address with where it came from", async assert => {
        const frame = ui().frame;
        await waitForSerial(RUN, "KVMM-GUEST-READY");
        await runOnSerial(RUN, `ip link set eth0 up; ip addr add ${GUEST_IP}/24 dev eth0; ping -c 2 -W 2 10.213.57.1; echo KVMM-NIC-$((40+2))`, "KVMM-NIC-42");
        await openVmTab(frame, RUN, "nics");
        await waitForDeviceRow(frame, "nics", `${GUEST_IP} in the row`, rows => rows.find(r => r.key === RUN_MAC && r.text.includes(GUEST_IP)));
        const origin = await frame.$eval(`tr[data-mac="${RUN_MAC}"] .nic-address[data-address="${GUEST_IP}"]`, el => el.getAttribute("data-origin"));
        assert.strictEqual(origin, "arp", "no agent, no DHCP lease: the host's ARP table knew it");
        const row = (await deviceRows(frame, "nics")).find(r => r.key === RUN_MAC);
        assert.true(row?.text.includes("ARP table"), "the origin is shown");
    });

    QUnit.test("unplug and plug in the link", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, RUN, "nics");
        await clickRowButton(frame, "nics", RUN_MAC, "nic-link-toggle");
        await waitForDeviceRow(frame, "nics", "link down", rows => rows.find(r => r.key === RUN_MAC && r.data.link === "down"));
        assert.true((await interfaces(RUN))[0]?.includes("<link state='down'/>"), "the running VM's link is down");
        assert.true((await interfaces(RUN, true))[0]?.includes("<link state='down'/>"), "and stays down after restart");
        await clickRowButton(frame, "nics", RUN_MAC, "nic-link-toggle");
        await waitForDeviceRow(frame, "nics", "link up", rows => rows.find(r => r.key === RUN_MAC && r.data.link === "up"));
        assert.false((await interfaces(RUN))[0]?.includes("state='down'"), "the running VM's link is up");
        assert.false((await interfaces(RUN, true))[0]?.includes("state='down'"));
    });

    QUnit.test("an invalid MAC address is refused and nothing changes", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, OFF, "nics");
        const before = await dumpxml(OFF, true);
        await click(frame, "#vm-nics-add");
        await choose(frame, "#add-nic-network", NET);
        await click(frame, "#add-nic-auto-mac");
        await setValue(frame, "#add-nic-mac", "52:54:00:zz:00:10");
        const error = await submitExpectingError(frame, "add-nic-dialog");
        assert.true(error.includes("hexadecimal"), `the error explains the format: ${error}`);
        await setValue(frame, "#add-nic-mac", "01:54:00:57:00:10");
        const multicast = await submitExpectingError(frame, "add-nic-dialog");
        assert.true(multicast.includes("multicast"), `a multicast MAC is refused: ${multicast}`);
        await cancelDialog(frame, "add-nic-dialog");
        assert.strictEqual(await dumpxml(OFF, true), before, "the definition is unchanged");
    });

    QUnit.test("add an interface with a given MAC to a shut-off VM, then remove it", async assert => {
        const frame = ui().frame;
        const mac = "52:54:00:57:00:10";
        await openVmTab(frame, OFF, "nics");
        await click(frame, "#vm-nics-add");
        await choose(frame, "#add-nic-network", NET);
        await choose(frame, "#add-nic-model", "e1000e");
        await click(frame, "#add-nic-auto-mac");
        await setValue(frame, "#add-nic-mac", mac.toUpperCase());
        await submitDialog(frame, "add-nic-dialog");
        await waitForDeviceRow(frame, "nics", "the new interface", rows => rows.find(r => r.key === mac));
        const saved = await interfaces(OFF, true);
        assert.strictEqual(saved.length, 1);
        assert.true(saved[0]?.includes(`<mac address='${mac}'/>`), "with the given MAC");
        assert.true(saved[0]?.includes(`<source network='${NET}'/>`), "on the network");
        assert.true(saved[0]?.includes("<model type='e1000e'/>"), "with the model");

        await clickRowButton(frame, "nics", mac, "nic-remove");
        await submitDialog(frame, "remove-nic-dialog");
        await waitForDeviceRow(frame, "nics", "the interface gone", rows => !rows.some(r => r.key === mac));
        assert.deepEqual(await interfaces(OFF, true), [], "no interface left");
        assert.true(await frame.$("#vm-nics-empty") !== null, "the tab says there is none");
    });

    QUnit.test("bridge and direct (macvtap) interfaces are added to a shut-off VM's definition", async assert => {
        const frame = ui().frame;
        await openVmTab(frame, OFF, "nics");
        await click(frame, "#vm-nics-add");
        await choose(frame, "#add-nic-type", "bridge");
        await setValue(frame, "#add-nic-device", BRIDGE);
        await choose(frame, "#add-nic-model", "rtl8139");
        await submitDialog(frame, "add-nic-dialog");
        await waitForDeviceRow(frame, "nics", "the bridge interface", rows => rows.some(r => r.text.includes(BRIDGE)));

        await click(frame, "#vm-nics-add");
        await choose(frame, "#add-nic-type", "direct");
        await setValue(frame, "#add-nic-device", "eth0");
        await choose(frame, "#add-nic-mode", "vepa");
        await submitDialog(frame, "add-nic-dialog");
        await waitForDeviceRow(frame, "nics", "the direct interface", rows => rows.length === 2);
        const saved = await interfaces(OFF, true);
        assert.true(saved.some(i => i.includes("type='bridge'") && i.includes(`<source bridge='${BRIDGE}'/>`) && i.includes("<model type='rtl8139'/>")),
                    "a bridge interface with its model");
        assert.true(saved.some(i => i.includes("type='direct'") && i.includes("<source dev='eth0' mode='vepa'/>")), "a macvtap interface in VEPA mode");
        const rows = await deviceRows(frame, "nics");
        assert.true(rows.some(r => r.text.includes("Direct (macvtap)")), "the type is shown");
    });

    QUnit.test("hot-plug an interface into a running VM, then unplug it", async assert => {
        const frame = ui().frame;
        await waitForSerial(RUN, "KVMM-GUEST-READY");
        await openVmTab(frame, RUN, "nics");
        await click(frame, "#vm-nics-add");
        await choose(frame, "#add-nic-network", NET);
        await submitDialog(frame, "add-nic-dialog");
        await waitForDeviceRow(frame, "nics", "two interfaces", rows => rows.length === 2);
        const added = (await deviceRows(frame, "nics")).find(r => r.key !== RUN_MAC)?.key ?? "";
        assert.true(/^52:54:00(:[0-9a-f]{2}){3}$/.test(added), `libvirt generated a MAC: ${added}`);
        assert.true((await interfaces(RUN)).some(i => i.includes(added)), "the running VM has it");
        assert.true((await interfaces(RUN, true)).some(i => i.includes(added)), "and keeps it after shutdown");

        await clickRowButton(frame, "nics", added, "nic-remove");
        await submitDialog(frame, "remove-nic-dialog");
        await waitForDeviceRow(frame, "nics", "the interface unplugged", rows => !rows.some(r => r.key === added));
        assert.false((await interfaces(RUN)).some(i => i.includes(added)), "unplugged from the running VM");
        assert.false((await interfaces(RUN, true)).some(i => i.includes(added)), "and from the saved definition");
        assert.strictEqual((await interfaces(RUN)).length, 1, "the first interface is still there");
    });

    QUnit.test("a VLAN tag out of 1–4094 is refused; libvirt refuses one on a Linux-bridge network (no OVS here), worded; nothing changes", async assert => {
        const before = await dumpxml(RUN);
        const [range, refused] = await addNicRefusals(ui().frame, RUN, NET, ["4095", "42"]);
        assert.true(range?.includes("1 to 4094"), `out of range: ${String(range)}`);
        assert.true(refused?.includes("Open vSwitch") && refused.includes("vlan tag not supported"), `libvirt's refusal worded, with its message: ${String(refused)}`);
        assert.strictEqual(await dumpxml(RUN), before, "the running VM is unchanged");
    });

    QUnit.test("an address from a DHCP lease of a libvirt network is labelled so", async assert => {
        const frame = ui().frame;
        await createLeaseNetwork();
        await defineXml(domainXml(guestSpec(LEASE_VM)));
        await virsh("attach-interface", LEASE_VM, "network", LEASE_NET, "--model", "virtio", "--mac", LEASE_MAC, "--config");
        await virsh("start", "--", LEASE_VM);
        // The guest's udhcpc asks dnsmasq; libvirt records the lease.
        await waitFor("the lease", async () => (await virsh("net-dhcp-leases", LEASE_NET)).includes(LEASE_IP), 90_000, 1000);
        await openVmTab(frame, LEASE_VM, "nics");
        const selector = `tr[data-mac="${LEASE_MAC}"] .nic-address[data-address="${LEASE_IP}"]`;
        await frame.waitForSelector(selector, { timeout: 30_000 });
        assert.strictEqual(await frame.$eval(selector, el => el.getAttribute("data-origin")), "lease", "no agent in this guest: the lease it is");
        assert.strictEqual((await frame.$eval(selector, el => (el as HTMLElement).innerText)).trim(), `${LEASE_IP}/24 (DHCP lease)`);
        await virsh("destroy", "--", LEASE_VM);
        await virsh("net-destroy", LEASE_NET);
    });

    QUnit.test("edit a shut-off VM's interface: network, model, MAC address and link are saved; a bad MAC changes nothing", async assert => {
        const frame = ui().frame;
        const mac = "52:54:00:57:00:30";
        const other = "52:54:00:57:00:31";
        const newMac = "52:54:00:57:00:3a";
        await defineXml(domainXml({ name: EDIT_OFF }));
        await virsh("attach-interface", EDIT_OFF, "network", NET, "--model", "virtio", "--mac", mac, "--config");
        await virsh("attach-interface", EDIT_OFF, "network", NET, "--model", "virtio", "--mac", other, "--config");
        await openVmTab(frame, EDIT_OFF, "nics");
        await waitForDeviceRow(frame, "nics", "the interface to edit", rows => rows.find(r => r.key === mac));
        const before = await dumpxml(EDIT_OFF, true);

        await clickRowButton(frame, "nics", mac, "nic-edit");
        assert.strictEqual(await shown(frame, "#edit-nic-network"), NET, "the form starts from the interface");
        assert.strictEqual(await shown(frame, "#edit-nic-mac"), mac);
        await setValue(frame, "#edit-nic-mac", "52:54:00:57:00:3g");
        assert.true((await submitExpectingError(frame, "edit-nic-dialog")).includes("hexadecimal"), "a malformed MAC is refused");
        await setValue(frame, "#edit-nic-mac", other);
        assert.true((await submitExpectingError(frame, "edit-nic-dialog")).includes("already uses"), "another interface's MAC is refused");
        await cancelDialog(frame, "edit-nic-dialog");
        assert.strictEqual(await dumpxml(EDIT_OFF, true), before, "the definition is unchanged");

        await clickRowButton(frame, "nics", mac, "nic-edit");
        await choose(frame, "#edit-nic-network", NET2);
        await choose(frame, "#edit-nic-model", "e1000e");
        await setValue(frame, "#edit-nic-mac", newMac.toUpperCase());
        await click(frame, "#edit-nic-link");
        await submitDialog(frame, "edit-nic-dialog");
        await waitForDeviceRow(frame, "nics", "the edited interface", rows => rows.find(r => r.key === newMac && r.text.includes(NET2)));
        const saved = await interfaces(EDIT_OFF, true);
        assert.strictEqual(saved.length, 2, "no interface added or lost");
        const edited = saved.find(i => i.includes(newMac)) ?? "";
        assert.true(edited.includes(`<source network='${NET2}'/>`), "on the other network");
        assert.true(edited.includes("<model type='e1000e'/>"), "with the new model");
        assert.true(edited.includes("<link state='down'/>"), "with its link down");
        assert.false(saved.some(i => i.includes(mac)), "the old MAC is gone");
        assert.true(saved.findIndex(i => i.includes(newMac)) === 0, "in its place, before the other interface");
        const row = (await deviceRows(frame, "nics")).find(r => r.key === newMac);
        assert.strictEqual(row?.data.pending, "no", "a shut-off VM has nothing pending");
        assert.strictEqual(row?.data.link, "down");
    });

    QUnit.test("edit a running VM's interface: network and link change now, model and MAC at the next start, marked so", async assert => {
        const frame = ui().frame;
        const newMac = "52:54:00:57:00:2a";
        await defineXml(domainXml({ name: EDIT_RUN }));
        await virsh("attach-interface", EDIT_RUN, "network", NET, "--model", "virtio", "--mac", EDIT_MAC, "--config");
        await virsh("start", "--", EDIT_RUN);
        await openVmTab(frame, EDIT_RUN, "nics");
        await waitForDeviceRow(frame, "nics", "the running VM's interface", rows => rows.find(r => r.key === EDIT_MAC));
        // The dialog is for the VM as the page knows it: wait until the page has heard it started.
        await frame.waitForSelector("#vm-details[data-vm-state='running']", { timeout: 30_000 });

        await clickRowButton(frame, "nics", EDIT_MAC, "nic-edit");
        assert.true((await shown(frame, "#edit-nic-live-note")).includes("after it shuts down"),
                    "the dialog says what waits for the next start");
        await choose(frame, "#edit-nic-network", NET2);
        await choose(frame, "#edit-nic-model", "e1000e");
        await setValue(frame, "#edit-nic-mac", newMac);
        await click(frame, "#edit-nic-link");
        await submitDialog(frame, "edit-nic-dialog");
        await waitForDeviceRow(frame, "nics", "the interface on the other network, marked", rows =>
            rows.find(r => r.key === EDIT_MAC && r.text.includes(NET2) && r.data.pending === "yes" && r.data.link === "down"));

        const [now] = await interfaces(EDIT_RUN);
        assert.true(now?.includes(`<source network='${NET2}'`), "the running VM is on the other network now");
        assert.true(now?.includes("<link state='down'/>"), "with its link down now");
        assert.true(now?.includes("<model type='virtio'/>") && now.includes(EDIT_MAC), "model and MAC are still the old ones while it runs");
        const [next] = await interfaces(EDIT_RUN, true);
        assert.true(next?.includes(`<source network='${NET2}'/>`) && next.includes("<model type='e1000e'/>") && next.includes(newMac) &&
                    next.includes("<link state='down'/>"), `the saved definition has everything: ${next ?? ""}`);
        const row = (await deviceRows(frame, "nics")).find(r => r.key === EDIT_MAC);
        assert.true(row?.text.includes("changes apply after the VM shuts down"), "the row is marked");
        assert.true(row?.text.includes("model e1000e") && row.text.includes(newMac), `and says what changes: ${row?.text ?? ""}`);

        // Editing again starts from what the next start will have.
        await clickRowButton(frame, "nics", EDIT_MAC, "nic-edit");
        assert.strictEqual(await shown(frame, "#edit-nic-mac"), newMac);
        await cancelDialog(frame, "edit-nic-dialog");

        // Plugged in only until shutdown: no saved definition can take a new model.
        const hotMac = "52:54:00:57:00:2f";
        await virsh("attach-interface", EDIT_RUN, "network", NET, "--model", "virtio", "--mac", hotMac, "--live");
        await waitForDeviceRow(frame, "nics", "the hot-plugged interface", rows => rows.find(r => r.key === hotMac));
        const beforeHot = await dumpxml(EDIT_RUN);
        await clickRowButton(frame, "nics", hotMac, "nic-edit");
        await choose(frame, "#edit-nic-model", "e1000e");
        const refused = await submitExpectingError(frame, "edit-nic-dialog");
        assert.true(refused.includes("not kept for its next start"), `the model change is refused with the reason: ${refused}`);
        await cancelDialog(frame, "edit-nic-dialog");
        assert.strictEqual(await dumpxml(EDIT_RUN), beforeHot, "the running VM is unchanged");

        await virsh("destroy", "--", EDIT_RUN);
        await waitForDeviceRow(frame, "nics", "the new MAC after shutdown, nothing pending", rows =>
            rows.find(r => r.key === newMac && r.data.pending === "no" && r.text.includes("e1000e")));
        assert.true(true, "the changes applied when the VM stopped");
    });
});
