// Port forwarding on a NAT network with real traffic: a web server in the test guest answers on
// the forwarded host port, from the host and from outside it (a network namespace), follows the
// network's stop and start as libvirt's hook call gives them, and is gone with its rule and its
// VM, leaving no nftables table or FORWARD rule. Only this suite's network, VM and namespace are
// touched; the hook is installed for the test where the package has not installed it.
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { natNetworkXml } from "../../src/libvirt/network-xml.ts";
import { enableAdminAccess } from "./lib/agent-guest.ts";
import { browserForModule, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { defineNetworkXml, dialogError, fillField, submitDialog, textOf } from "./lib/host-pages.ts";
import { clickRowButton, openNetwork, rowsOf } from "./lib/network-page.ts";
import { guestSpec, runOnSerial, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("netfwd");
const HOOK = "/etc/libvirt/hooks/network.d/kvm-manager-port-forwards";
const FWD_NET = { name: `${MARK}-net`, bridge: "kvmmt-nd3", address: "192.168.235.1", prefix: 24, dhcpStart: "192.168.235.100", dhcpEnd: "192.168.235.200" };
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
