// Network modes, a network's page and its live edits, and kvmm net, against the real libvirt:
// what the page and kvmm create and change is what virsh shows (running and saved definitions
// alike), bad input and overlapping subnets change nothing. Only networks and bridges named with this suite's mark
// are touched.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import QUnit from "qunit";

import { natNetworkXml } from "../../src/libvirt/network-xml.ts";
import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import {
    cleanupHostResources, defineNetworkXml, dialogError, fillField, info, navigate, networkNames, submitDialog, textOf, waitForResource,
} from "./lib/host-pages.ts";
import { bothXml, clickRowButton, openNetwork, rowsOf } from "./lib/network-page.ts";
import { guestSpec } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("netd");
const NO_DIRS = `/tmp/${MARK}-none`;
/** A Linux bridge of the host's own, for a bridge-mode network (at most 15 characters). */
const HOST_BRIDGE = `kvmmt${(process.env.KVMM_TEST_RUN ?? "").slice(0, 4)}hb`;

const RUNNING = { name: `${MARK}-run`, bridge: "kvmmt-nd0", address: "192.168.236.1", prefix: 24, dhcpStart: "192.168.236.100", dhcpEnd: "192.168.236.200" };
const IDLE = { name: `${MARK}-idle`, bridge: "kvmmt-nd1", address: "10.236.0.1", prefix: 16, dhcpStart: "10.236.0.2", dhcpEnd: "10.236.0.254" };
const VM = `${MARK}-vm`;

async function removeHostBridge(): Promise<void> {
    await exec("ip", ["link", "del", HOST_BRIDGE]).catch(() => undefined);
}

QUnit.module("Network modes and a network's page", hooks => {
    const ui = browserForModule(hooks, "network-details", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await cleanupHostResources(MARK, NO_DIRS);
            await removeHostBridge();
            await defineNetworkXml(natNetworkXml(RUNNING));
            await virsh("net-start", RUNNING.name);
            await defineNetworkXml(natNetworkXml(IDLE));
            await defineXml(domainXml(guestSpec(VM)));
            await virsh("attach-interface", "--domain", VM, "--type", "network", "--source", RUNNING.name, "--mac", "52:54:00:36:00:07", "--model", "virtio", "--config");
        },
        tearDown: async () => {
            await cleanupTestDomains(MARK);
            await cleanupHostResources(MARK, NO_DIRS);
            await removeHostBridge();
        },
    });

    QUnit.test("Create: isolated with IPv4, IPv6 and a domain; overlaps with a running or a stopped network refused before anything is defined", async assert => {
        const { frame } = ui();
        const name = `${MARK}-iso`;
        const ours = async (): Promise<string[]> => (await networkNames()).filter(n => n.includes(MARK)).sort();
        const before = await ours();
        await navigate(frame, "networks");
        await frame.click("#create-network");
        await fillField(frame, "#create-network-name", name);
        await frame.select("#create-network-mode", "isolated");
        await fillField(frame, "#create-network-bridge", "kvmmt-nd2");
        // Inside the running network's subnet: its bridge is a host interface with that address.
        await fillField(frame, "#create-network-address", "192.168.236.129");
        await fillField(frame, "#create-network-prefix", "25");
        await fillField(frame, "#create-network-dhcpStart", "192.168.236.130");
        await fillField(frame, "#create-network-dhcpEnd", "192.168.236.140");
        await submitDialog(frame, "create-network-dialog");
        await waitFor("the overlap with the bridge", async () => (await dialogError(frame, "create-network-dialog")).includes(`overlap a network the host already has on ${RUNNING.bridge}`));
        // Inside the stopped network's subnet: libvirt would define and start it; we refuse.
        await fillField(frame, "#create-network-address", "10.236.5.1");
        await fillField(frame, "#create-network-prefix", "24");
        await fillField(frame, "#create-network-dhcpStart", "10.236.5.10");
        await fillField(frame, "#create-network-dhcpEnd", "10.236.5.20");
        await submitDialog(frame, "create-network-dialog");
        await waitFor("the overlap with the stopped network", async () => (await dialogError(frame, "create-network-dialog")).includes(`overlap those of the network ${IDLE.name}`));
        assert.deepEqual(await ours(), before, "nothing was defined");
        await fillField(frame, "#create-network-ipv6Address", "fd36:1::1");
        await fillField(frame, "#create-network-ipv6DhcpStart", "fd36:1::100");
        await fillField(frame, "#create-network-ipv6DhcpEnd", "fd36:2::1");
        await submitDialog(frame, "create-network-dialog");
        assert.true((await dialogError(frame, "create-network-dialog")).includes("IPv6 DHCP range must lie inside"), "the DHCPv6 range is checked");
        await fillField(frame, "#create-network-ipv6DhcpEnd", "fd36:1::1ff");
        await fillField(frame, "#create-network-address", "192.168.237.1");
        await fillField(frame, "#create-network-dhcpStart", "192.168.237.10");
        await fillField(frame, "#create-network-dhcpEnd", "192.168.237.20");
        await fillField(frame, "#create-network-domain", "iso.test");
        await submitDialog(frame, "create-network-dialog");
        await frame.waitForSelector("#create-network-dialog", { hidden: true, timeout: 30_000 });
        const row = await waitForResource(frame, "network", name, true);
        assert.strictEqual(row.cells.Forwarding, "Isolated");
        const xml = await virsh("net-dumpxml", name);
        assert.false(xml.includes("<forward"), "no forwarding");
        assert.true(xml.includes("<domain name='iso.test' localOnly='yes'/>"), xml);
        assert.true(xml.includes("family='ipv6' address='fd36:1::1' prefix='64'") && xml.includes("<range start='fd36:1::100' end='fd36:1::1ff'/>"), xml);
        assert.true((await exec("ip", ["-6", "addr", "show", "dev", "kvmmt-nd2"])).stdout.includes("fd36:1::1/64"), "the host has its IPv6 address");
    });

    QUnit.test("Create: bridge mode joins a host bridge that exists, and is refused for one that does not", async assert => {
        const { frame } = ui();
        const name = `${MARK}-br`;
        await navigate(frame, "networks");
        await frame.click("#create-network");
        await fillField(frame, "#create-network-name", name);
        await frame.select("#create-network-mode", "bridge");
        await fillField(frame, "#create-network-bridge", HOST_BRIDGE);
        await submitDialog(frame, "create-network-dialog");
        assert.true((await dialogError(frame, "create-network-dialog")).includes(`The host has no bridge named ${HOST_BRIDGE}`));
        assert.false((await networkNames()).includes(name), "nothing defined");
        await exec("ip", ["link", "add", HOST_BRIDGE, "type", "bridge"]);
        await submitDialog(frame, "create-network-dialog");
        await frame.waitForSelector("#create-network-dialog", { hidden: true, timeout: 30_000 });
        assert.strictEqual((await waitForResource(frame, "network", name, true)).cells.Forwarding, "Bridge");
        const xml = await virsh("net-dumpxml", name);
        assert.true(xml.includes("<forward mode='bridge'/>") && xml.includes(`<bridge name='${HOST_BRIDGE}'/>`), xml);
    });

    QUnit.test("a network's page: static leases, DNS entries and the DHCP range change live and saved; bad input changes nothing", async assert => {
        const { frame } = ui();
        await openNetwork(frame, RUNNING.name);
        assert.true((await textOf(frame, "#network-settings")).includes("DHCP 192.168.236.100 – 192.168.236.200"));
        await waitFor("the VM listed with its MAC", async () => (await textOf(frame, "tr.network-vm-row")).includes("52:54:00:36:00:07"));

        await frame.click("#network-add-lease");
        await frame.select("#add-lease-vm", "52:54:00:36:00:07");
        assert.strictEqual(await frame.$eval("#add-lease-mac", el => (el as HTMLInputElement).value), "52:54:00:36:00:07", "the VM's MAC filled in");
        await fillField(frame, "#add-lease-ip", "192.168.237.50");
        await submitDialog(frame, "add-lease-dialog");
        assert.true((await dialogError(frame, "add-lease-dialog")).includes("inside the network"), "an address outside is refused");
        await fillField(frame, "#add-lease-ip", "192.168.236.50");
        await fillField(frame, "#add-lease-name", "web");
        await submitDialog(frame, "add-lease-dialog");
        await frame.waitForSelector("#add-lease-dialog", { hidden: true, timeout: 60_000 });
        await waitFor("the lease row", async () => (await rowsOf(frame, "network-lease-row", "mac")).includes("52:54:00:36:00:07"));
        for (const xml of await bothXml(RUNNING.name)) assert.true(xml.includes("<host mac='52:54:00:36:00:07' name='web' ip='192.168.236.50'/>"), xml);

        await frame.click("#network-add-lease");
        await fillField(frame, "#add-lease-mac", "52:54:00:36:00:08");
        await fillField(frame, "#add-lease-ip", "192.168.236.50");
        await submitDialog(frame, "add-lease-dialog");
        assert.true((await dialogError(frame, "add-lease-dialog")).includes("already has a static lease"), "a taken address is refused");
        await frame.click("#add-lease-dialog .pf-v6-c-modal-box__footer button.pf-m-link");

        await frame.click("#network-add-dns-host");
        await fillField(frame, "#add-dns-host-ip", "192.168.236.60");
        await fillField(frame, "#add-dns-host-names", "db db2");
        await submitDialog(frame, "add-dns-host-dialog");
        await frame.waitForSelector("#add-dns-host-dialog", { hidden: true, timeout: 60_000 });
        await waitFor("the DNS row", async () => (await rowsOf(frame, "network-dns-row", "ip")).includes("192.168.236.60"));
        for (const xml of await bothXml(RUNNING.name)) assert.true(/<host ip='192.168.236.60'>\s*<hostname>db<\/hostname>\s*<hostname>db2<\/hostname>/.test(xml), xml);

        await frame.click("#network-edit-dhcp-0");
        await fillField(frame, "#edit-dhcp-end", "192.168.236.99");
        await submitDialog(frame, "edit-dhcp-range-dialog");
        assert.true((await dialogError(frame, "edit-dhcp-range-dialog")).includes("start before it ends"));
        await fillField(frame, "#edit-dhcp-start", "192.168.236.150");
        await fillField(frame, "#edit-dhcp-end", "192.168.236.160");
        await submitDialog(frame, "edit-dhcp-range-dialog");
        // libvirt restarts dnsmasq for a new range: slow on a busy host.
        await frame.waitForSelector("#edit-dhcp-range-dialog", { hidden: true, timeout: 90_000 });
        for (const xml of await bothXml(RUNNING.name)) {
            assert.true(xml.includes("<range start='192.168.236.150' end='192.168.236.160'/>") && !xml.includes("192.168.236.200"), xml);
        }

        await clickRowButton(frame, "network-dns-row", "data-ip", "192.168.236.60", "network-dns-remove");
        await waitFor("the DNS row gone", async () => !(await rowsOf(frame, "network-dns-row", "ip")).includes("192.168.236.60"));
        await clickRowButton(frame, "network-lease-row", "data-mac", "52:54:00:36:00:07", "network-lease-remove");
        await waitFor("the lease row gone", async () => (await rowsOf(frame, "network-lease-row", "mac")).length === 0);
        for (const xml of await bothXml(RUNNING.name)) assert.false(xml.includes("<host"), `no lease or DNS host left: ${xml}`);
    });
});


/** kvmm with its exit status and both outputs. */
async function kvmm(...args: string[]): Promise<{ status: number; out: string; err: string }> {
    try {
        const { stdout, stderr } = await exec("node", ["build/kvmm/kvmm", ...args]);
        return { status: 0, out: stdout, err: stderr };
    } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { status: e.code ?? -1, out: e.stdout ?? "", err: e.stderr ?? "" };
    }
}

QUnit.module("kvmm net", hooks => {
    const name = `${MARK}-cli`;
    hooks.before(() => cleanupHostResources(name, NO_DIRS));
    hooks.after(() => cleanupHostResources(name, NO_DIRS));

    QUnit.test("create refuses an overlap and bad input before anything is defined; leases change the running network; forwards only on NAT", async assert => {
        const running = await kvmm("net", "list");
        const defaultLine = running.out.split("\n").find(l => l.includes("\tactive\t") && /\d+\.\d+\.\d+\.\d+\//.test(l));
        if (defaultLine) {
            const address = /(\d+\.\d+\.\d+)\.\d+\/(\d+)/.exec(defaultLine);
            const clash = await kvmm("net", "create", name, "--ip", `${address?.[1] ?? ""}.77/${address?.[2] ?? ""}`);
            assert.strictEqual(clash.status, 1, clash.err);
            assert.true(clash.err.includes("overlap"), clash.err);
        }
        const bad = await kvmm("net", "create", name, "--ip", "10.234.0.1/24", "--dhcp", "10.234.1.10-10.234.1.20");
        assert.true(bad.status === 1 && bad.err.includes("inside the network"), bad.err);
        assert.false((await networkNames()).includes(name), "nothing defined");
        const made = await kvmm("net", "create", name, "--mode", "isolated", "--ip", "10.234.0.1/24", "--dhcp", "10.234.0.10-10.234.0.20", "--ipv6", "fd34:5::1/64");
        assert.strictEqual(made.status, 0, made.err);
        assert.strictEqual((await info("net-info", name)).Active, "yes");
        assert.strictEqual((await kvmm("net", "lease", "add", name, "52:54:00:34:00:01", "10.234.0.5", "--name", "db")).status, 0);
        for (const xml of await bothXml(name)) assert.true(xml.includes("<host mac='52:54:00:34:00:01' name='db' ip='10.234.0.5'/>"), xml);
        const listed = JSON.parse((await kvmm("--json", "net", "list")).out) as { name: string; forwardMode: string; addresses: { dhcpHosts: unknown[] }[] }[];
        const mine = listed.find(n => n.name === name);
        assert.strictEqual(mine?.forwardMode, "isolated");
        assert.strictEqual(mine?.addresses[0]?.dhcpHosts.length, 1);
        assert.strictEqual((await kvmm("net", "lease", "remove", name, "52:54:00:34:00:01", "10.234.0.5", "--name", "db")).status, 0);
        for (const xml of await bothXml(name)) assert.false(xml.includes("<host "), xml);
        const forward = await kvmm("net", "forward", "add", name, "tcp", "18234", "vm", "10.234.0.5:80");
        assert.true(forward.status === 1 && forward.err.includes("NAT networks only"), forward.err);
    });
});
