// Network modes, a network's page and its live edits against the real libvirt: what the page
// creates and changes is what virsh shows (running and saved definitions alike), bad input and
// overlapping subnets change nothing. Only networks and bridges named with this suite's mark
// are touched.
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { promisify } from "node:util";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { natNetworkXml } from "../../src/libvirt/network-xml.ts";
import { enableAdminAccess } from "./lib/agent-guest.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import {
    cleanupHostResources, defineNetworkXml, dialogError, fillField, navigate, networkNames, submitDialog, textOf, waitForResource,
} from "./lib/host-pages.ts";
import { guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
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

async function openNetwork(frame: Frame, name: string): Promise<void> {
    await frame.evaluate(n => { window.location.hash = `#/networks/${encodeURIComponent(n)}` }, name);
    await frame.waitForSelector(`#network-page[data-network="${name}"]`, { visible: true, timeout: 20_000 });
}

async function rowsOf(frame: Frame, rowClass: string, key: string): Promise<string[]> {
    return frame.$$eval(`tr.${rowClass}`, (trs, k) => trs.map(tr => (tr as HTMLElement).dataset[k] ?? ""), key);
}

async function clickRowButton(frame: Frame, rowClass: string, attribute: string, value: string, button: string): Promise<void> {
    const el = await frame.waitForSelector(`tr.${rowClass}[${attribute}="${value}"] .${button}`, { visible: true, timeout: 10_000 });
    await el?.click();
}

async function bothXml(name: string): Promise<[string, string]> {
    return [await virsh("net-dumpxml", name), await virsh("net-dumpxml", "--inactive", name)];
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
        await frame.waitForSelector("#add-lease-dialog", { hidden: true, timeout: 20_000 });
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
        await frame.waitForSelector("#add-dns-host-dialog", { hidden: true, timeout: 20_000 });
        await waitFor("the DNS row", async () => (await rowsOf(frame, "network-dns-row", "ip")).includes("192.168.236.60"));
        for (const xml of await bothXml(RUNNING.name)) assert.true(/<host ip='192.168.236.60'>\s*<hostname>db<\/hostname>\s*<hostname>db2<\/hostname>/.test(xml), xml);

        await frame.click("#network-edit-dhcp-0");
        await fillField(frame, "#edit-dhcp-end", "192.168.236.99");
        await submitDialog(frame, "edit-dhcp-range-dialog");
        assert.true((await dialogError(frame, "edit-dhcp-range-dialog")).includes("start before it ends"));
        await fillField(frame, "#edit-dhcp-start", "192.168.236.150");
        await fillField(frame, "#edit-dhcp-end", "192.168.236.160");
        await submitDialog(frame, "edit-dhcp-range-dialog");
        await frame.waitForSelector("#edit-dhcp-range-dialog", { hidden: true, timeout: 20_000 });
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

const HOOK = "/etc/libvirt/hooks/network.d/kvm-manager-port-forwards";
const FWD_NET = { name: `${MARK}-fwd`, bridge: "kvmmt-nd3", address: "192.168.235.1", prefix: 24, dhcpStart: "192.168.235.100", dhcpEnd: "192.168.235.200" };
const FWD_VM = `${MARK}-web`;
const FWD_MAC = "52:54:00:35:00:09";
const GUEST_IP = "192.168.235.50";
const HOST_PORT = 18235;
/** An "outside" client: a network namespace behind a veth pair, whose packets come in through prerouting and FORWARD. */
const NS = `${MARK}-ns`;
const VETH = `kvmmt${(process.env.KVMM_TEST_RUN ?? "").slice(0, 4)}vx`;

async function sh(command: string): Promise<string> {
    return (await exec("sh", ["-c", command])).stdout;
}

/** What an HTTP GET of the forwarded port returns from the host itself or from the namespace; "" when nothing answers. */
async function fetchForwarded(from: "host" | "outside"): Promise<string> {
    const url = from === "host" ? `http://${FWD_NET.address}:${String(HOST_PORT)}/` : `http://172.31.236.1:${String(HOST_PORT)}/`;
    const prefix = from === "host" ? "" : `ip netns exec ${NS} `;
    return sh(`${prefix}curl -s --max-time 10 ${url} || true`);
}

async function nftTables(): Promise<string> {
    return sh("nft list tables");
}

async function forwardAccepts(): Promise<string> {
    return sh("iptables -S FORWARD | grep kvmm-pf || true");
}

QUnit.module("Port forwarding on a NAT network", hooks => {
    let hookInstalled = false;
    const ui = browserForModule(hooks, "port-forwards", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await sh(`ip netns del ${NS} 2>/dev/null; ip link del ${VETH} 2>/dev/null; true`);
            // The hook as the package installs it (libvirtd, already running, does not call it: the test calls it as libvirt does).
            hookInstalled = !existsSync(HOOK);
            if (hookInstalled) await sh(`install -D -m 0755 pkg/host/kvm-manager-port-forwards ${HOOK}`);
            await sh(`${HOOK} remove ${FWD_NET.name}`);
            await virsh("net-destroy", FWD_NET.name).catch(() => undefined);
            await virsh("net-undefine", FWD_NET.name).catch(() => undefined);
            await defineNetworkXml(natNetworkXml(FWD_NET));
            await virsh("net-start", FWD_NET.name);
            await virsh("net-update", FWD_NET.name, "add", "ip-dhcp-host", `<host mac='${FWD_MAC}' name='web' ip='${GUEST_IP}'/>`, "--live", "--config");
            await defineXml(domainXml(guestSpec(FWD_VM)));
            await virsh("attach-interface", "--domain", FWD_VM, "--type", "network", "--source", FWD_NET.name, "--mac", FWD_MAC, "--model", "virtio", "--config");
            await virsh("start", FWD_VM);
            await sh([
                `ip netns add ${NS}`, `ip link add ${VETH} type veth peer name eth0 netns ${NS}`,
                `ip addr add 172.31.236.1/30 dev ${VETH}`, `ip link set ${VETH} up`,
                `ip -n ${NS} addr add 172.31.236.2/30 dev eth0`, `ip -n ${NS} link set eth0 up`, `ip -n ${NS} link set lo up`,
                `ip -n ${NS} route add default via 172.31.236.1`,
            ].join(" && "));
        },
        tearDown: async () => {
            await sh(`[ ! -x ${HOOK} ] || ${HOOK} remove ${FWD_NET.name}`);
            await cleanupTestDomains(MARK);
            await virsh("net-destroy", FWD_NET.name).catch(() => undefined);
            await virsh("net-undefine", FWD_NET.name).catch(() => undefined);
            await sh(`ip netns del ${NS} 2>/dev/null; ip link del ${VETH} 2>/dev/null; true`);
            if (hookInstalled) {
                rmSync(HOOK, { force: true });
                await sh("rmdir /etc/libvirt/hooks/network.d /etc/libvirt/hooks /etc/kvm-manager/port-forwards /etc/kvm-manager 2>/dev/null; true");
            }
        },
    });

    QUnit.test("the page shows the VM's lease and address; a forward carries real traffic, follows the network and is gone with its rule and its VM", async assert => {
        const { page } = ui();
        // Forwards are written into /etc and nftables: root's work.
        await enableAdminAccess(page);
        const frame = await pluginFrame(page);
        await waitForSerial(FWD_VM, "KVMM-GUEST-READY");
        await runOnSerial(FWD_VM, "mkdir -p /tmp/w && echo kvmm-forwarded > /tmp/w/index.html && httpd -p 8080 -h /tmp/w && echo HTTPD''-UP", "HTTPD-UP");
        await openNetwork(frame, FWD_NET.name);
        await waitFor("the guest's DHCP lease", async () => (await rowsOf(frame, "network-dhcp-lease-row", "ip")).includes(GUEST_IP), 60_000);
        assert.true((await textOf(frame, `tr.network-vm-row[data-vm="${FWD_VM}"] .network-vm-addresses`)).includes(GUEST_IP), "the VM's address from its lease");
        assert.strictEqual(await fetchForwarded("host"), "", "nothing answers before the forward");

        await frame.click("#network-add-port-forward");
        assert.strictEqual(await frame.$eval("#add-port-forward-address", el => (el as HTMLInputElement).value), GUEST_IP, "the static lease's address proposed");
        await fillField(frame, "#add-port-forward-host-port", "9090");
        await fillField(frame, "#add-port-forward-guest-port", "8080");
        await submitDialog(frame, "add-port-forward-dialog");
        assert.true((await dialogError(frame, "add-port-forward-dialog")).includes("in use by a program on the host"), "Cockpit's own port is refused");
        await fillField(frame, "#add-port-forward-host-port", String(HOST_PORT));
        await submitDialog(frame, "add-port-forward-dialog");
        await frame.waitForSelector("#add-port-forward-dialog", { hidden: true, timeout: 20_000 });
        await waitFor("the forward's row", async () => (await rowsOf(frame, "network-port-forward-row", "forward")).includes(`tcp/${String(HOST_PORT)}`));
        assert.strictEqual((await fetchForwarded("host")).trim(), "kvmm-forwarded", "the guest answers on the host's port (from the host)");
        assert.strictEqual((await fetchForwarded("outside")).trim(), "kvmm-forwarded", "and from outside the host, through FORWARD");

        // libvirt runs the hook so when the network stops and starts (at boot too).
        await sh(`echo '<network/>' | ${HOOK} ${FWD_NET.name} stopped end -`);
        assert.false((await nftTables()).includes("kvmm_pf_"), "stopped: no table");
        assert.strictEqual(await forwardAccepts(), "", "stopped: no FORWARD rule");
        await sh(`echo '<network/>' | ${HOOK} ${FWD_NET.name} started begin -`);
        assert.strictEqual((await fetchForwarded("outside")).trim(), "kvmm-forwarded", "started: forwarded again");

        await clickRowButton(frame, "network-port-forward-row", "data-forward", `tcp/${String(HOST_PORT)}`, "network-port-forward-remove");
        await waitFor("the forward's row gone", async () => (await rowsOf(frame, "network-port-forward-row", "forward")).length === 0);
        assert.strictEqual(await fetchForwarded("host"), "", "no answer from the host once removed");
        assert.strictEqual(await fetchForwarded("outside"), "", "nor from outside");
        assert.false((await nftTables()).includes("kvmm_pf_"), "no nftables table left");
        assert.strictEqual(await forwardAccepts(), "", "no FORWARD rule left");

        // A forward to a VM that is deleted goes with it (kvmm delete runs the page's operation).
        await sh(`printf 'bridge ${FWD_NET.bridge}\\ntcp ${String(HOST_PORT)} ${GUEST_IP} 8080 ${FWD_VM}\\n' | ${HOOK} set ${FWD_NET.name}`);
        assert.true((await nftTables()).includes("kvmm_pf_"));
        await exec("node", ["build/kvmm/kvmm", "delete", FWD_VM]);
        assert.false((await nftTables()).includes("kvmm_pf_"), "the VM's forward was removed with it");
        assert.false(existsSync(`/etc/kvm-manager/port-forwards/${FWD_NET.name}.conf`) &&
                     (await sh(`cat /etc/kvm-manager/port-forwards/${FWD_NET.name}.conf`)).includes(FWD_VM), "and from the rules file");
    });
});
