// `make run` makes the host ready for new VMs (pkg/host/libvirt-defaults.sh): a missing default
// pool and NAT network are defined, started and started at boot, on a free subnet; what the host's
// owner has is left alone; libvirt's packaged network that was never started is started. The
// script runs against pools and networks of this suite (its template and pool name point there),
// never the host's own `default`, which other suites may be using at the same time.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { browserForModule } from "./lib/cockpit-session.ts";
import {
    cleanupHostResources, defineNetworkXml, info, navigate, networkNames, poolNames, resourceRows, waitForResource,
} from "./lib/host-pages.ts";
import { suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("defaults");
const DIR = `/var/lib/libvirt/images/kvmm-test/${MARK}-images`;
const POOL = `${MARK}-pool-default`;
const NETWORK = `${MARK}-net-default`;
const TEMPLATE = `/tmp/${MARK}-network.xml`;
// Bridge names have at most 15 characters: this run's pid keeps them apart from other runs'.
const PID = String(process.pid).slice(-6);
const BRIDGE = `kvmmt-dn${PID}`;
/** The template's subnet, which a network of this suite holds while the script runs. */
const TAKEN_SUBNET = 238;

/** libvirt's packaged default network (libvirt-daemon-config-network), with this suite's name, bridge and subnet. */
function template(): string {
    const packaged = "/usr/share/libvirt/networks/default.xml";
    const xml = existsSync(packaged) ? readFileSync(packaged, "utf8") : `<network>
  <name>default</name>
  <bridge name='virbr0'/>
  <forward/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>`;
    return xml.replace("<name>default</name>", `<name>${NETWORK}</name>`).replace("virbr0", BRIDGE)
        .replaceAll("192.168.122.", `192.168.${String(TAKEN_SUBNET)}.`);
}

async function runSetUp(): Promise<string> {
    const { stdout, stderr } = await promisify(execFile)("bash", ["pkg/host/libvirt-defaults.sh"], {
        env: { ...process.env, KVMM_DEFAULT_POOL: POOL, KVMM_DEFAULT_POOL_DIR: DIR, KVMM_DEFAULT_NETWORK_XML: TEMPLATE },
    });
    return stdout + stderr;
}

async function uuids(): Promise<string[]> {
    return [await virsh("pool-uuid", "--", POOL), await virsh("net-uuid", "--", NETWORK)];
}

async function removeDefaults(): Promise<void> {
    await cleanupHostResources(MARK, DIR);
}

QUnit.module("Host set-up (make run)", hooks => {
    const ui = browserForModule(hooks, "host-defaults", {
        setUp: async () => {
            await removeDefaults();
            writeFileSync(TEMPLATE, template());
            // Holds the template's subnet, as another network or a route of the host may.
            await defineNetworkXml(template().replace(NETWORK, `${MARK}-taken`).replace(BRIDGE, `kvmmt-dt${PID}`));
            await virsh("net-start", `${MARK}-taken`);
        },
        tearDown: async () => {
            await removeDefaults();
            rmSync(TEMPLATE, { force: true });
        },
    });

    QUnit.test("a missing default pool and network are made, started and started at boot, on a free subnet; a second run changes nothing", async assert => {
        const { frame } = ui();
        await navigate(frame, "storage");
        assert.false((await resourceRows(frame, "pool")).some(r => r.name === POOL), "the page shows no pool before");
        assert.false((await poolNames()).includes(POOL), "no pool before");
        assert.false((await networkNames()).includes(NETWORK), "no network before");

        const said = await runSetUp();
        assert.true(said.includes(`defined, started and set to autostart the storage pool '${POOL}'`), said);
        assert.true(said.includes(`192.168.${String(TAKEN_SUBNET)}.0/24 is taken`), `the subnet is moved: ${said}`);
        // libvirt sends no event when autostart changes: that is asked of virsh.
        const pool = await waitForResource(frame, "pool", POOL, true);
        assert.strictEqual(pool.cells.Path, DIR);
        assert.strictEqual((await info("pool-info", POOL)).Autostart, "yes", "the pool starts at boot");

        await navigate(frame, "networks");
        const network = await waitForResource(frame, "network", NETWORK, true);
        assert.strictEqual(network.cells.Forwarding, "NAT");
        assert.strictEqual(network.cells.Bridge, BRIDGE);
        assert.true(/^192\.168\.\d+\.1\/24$/.test(network.cells["IP range"] ?? "") && !network.cells["IP range"]?.includes(`.${String(TAKEN_SUBNET)}.`),
            `a free subnet: ${network.cells["IP range"] ?? ""}`);
        assert.strictEqual((await info("net-info", NETWORK)).Autostart, "yes", "the network starts at boot");

        const before = await uuids();
        assert.strictEqual((await runSetUp()).trim(), "", "the second run has nothing to do");
        assert.deepEqual(await uuids(), before, "nothing was defined again");
    });

    QUnit.test("a pool and network of that name set up by hand are left as they are", async assert => {
        const { frame } = ui();
        await removeDefaults();
        const own = `${DIR}-own`;
        await virsh("pool-define-as", "--name", POOL, "--type", "dir", "--target", own);
        const ownNetwork = template().replace(BRIDGE, `kvmmt-do${PID}`).replaceAll(`192.168.${String(TAKEN_SUBNET)}.`, "192.168.237.");
        await defineNetworkXml(ownNetwork);
        const xmlBefore = [await virsh("pool-dumpxml", "--inactive", "--", POOL), await virsh("net-dumpxml", "--inactive", "--", NETWORK)];

        const said = await runSetUp();
        assert.true(said.includes(`the network '${NETWORK}' is not running; it is not libvirt's packaged one`), said);
        assert.true(said.includes(`the storage pool '${POOL}' is not running; it was set up by hand`), said);
        await navigate(frame, "networks");
        const network = await waitForResource(frame, "network", NETWORK, false);
        assert.false(network.autostart);
        await navigate(frame, "storage");
        assert.false((await waitForResource(frame, "pool", POOL, false)).autostart);
        assert.deepEqual([await virsh("pool-dumpxml", "--inactive", "--", POOL), await virsh("net-dumpxml", "--inactive", "--", NETWORK)],
            xmlBefore, "their definitions are unchanged");
        assert.false(existsSync(own), "no directory made for the owner's pool");
    });

    QUnit.test("libvirt's packaged network that was never started is started and started at boot", async assert => {
        const { frame } = ui();
        await virsh("net-undefine", "--", NETWORK);
        // As Debian installs it: defined from the template, not started, no autostart.
        const packaged = template().replaceAll(`192.168.${String(TAKEN_SUBNET)}.`, "192.168.236.");
        writeFileSync(TEMPLATE, packaged);
        await defineNetworkXml(packaged);
        await navigate(frame, "networks");
        await waitForResource(frame, "network", NETWORK, false);

        const said = await runSetUp();
        assert.true(said.includes(`started the network '${NETWORK}' as libvirt installed it`), said);
        const network = await waitForResource(frame, "network", NETWORK, true);
        assert.strictEqual(network.cells["IP range"], "192.168.236.1/24", "its free subnet is kept");
        assert.strictEqual((await info("net-info", NETWORK)).Autostart, "yes", "it starts at boot");
    });
});
