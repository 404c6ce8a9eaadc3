import QUnit from "qunit";

import type { NatNetworkSpec } from "../../src/libvirt/network-xml.ts";
import { natNetworkXml, netmaskToPrefix, parseNetworkXml } from "../../src/libvirt/network-xml.ts";
import { dirPoolXml, parseStoragePoolXml } from "../../src/libvirt/storage-pool-xml.ts";
import { validateNetwork } from "../../src/operations/network-checks.ts";
import { normalizePoolPath } from "../../src/operations/storage-pools.ts";
import { HostResourceStore } from "../../src/state/host-resource-store.ts";
import {
    DEFAULT_NETWORK, ipv4ToNumber, natNetworkForm, networkSpec, suggestNatNetwork,
} from "../../src/views/networks/network-defaults.ts";
import { DEFAULT_POOL } from "../../src/views/storage-pools/pool-defaults.ts";

const validateNatNetwork = (spec: NatNetworkSpec) => validateNetwork(networkSpec(natNetworkForm(spec)));

QUnit.module("storage pool XML", () => {
    QUnit.test("a dir pool is built with the builder and reads back", assert => {
        const xml = dirPoolXml({ name: "a & <b>", path: "/srv/it's \"here\"" });
        assert.true(xml.includes("a &amp; &lt;b&gt;"), "names are escaped");
        const parsed = parseStoragePoolXml(xml);
        assert.deepEqual(parsed, { name: "a & <b>", uuid: "", type: "dir", targetPath: "/srv/it's \"here\"", sourceDetails: { devices: [] } });
    });

    QUnit.test("libvirt's pool XML parses", assert => {
        const parsed = parseStoragePoolXml(`<pool type='logical'><name>vg</name><uuid>1234</uuid>
            <capacity unit='bytes'>100</capacity><source><device path='/dev/sdb'/><name>vg</name></source>
            <target><path>/dev/vg</path></target></pool>`);
        assert.strictEqual(parsed.type, "logical");
        assert.strictEqual(parsed.uuid, "1234");
        assert.strictEqual(parsed.targetPath, "/dev/vg");
        assert.strictEqual(parsed.source, "/dev/sdb");
        assert.throws(() => parseStoragePoolXml("<network/>"), /not a storage pool/);
    });

    QUnit.test("the default pool", assert => {
        assert.deepEqual(DEFAULT_POOL, { name: "default", path: "/var/lib/libvirt/images" });
    });

    QUnit.test("pool paths are normalized", assert => {
        assert.strictEqual(normalizePoolPath("/var/lib/libvirt/../libvirt/./images/"), "/var/lib/libvirt/images");
        assert.strictEqual(normalizePoolPath("//srv///vm"), "/srv/vm");
        assert.strictEqual(normalizePoolPath("/../../srv"), "/srv", "above / stays at /, as the kernel resolves it");
        assert.strictEqual(normalizePoolPath("/srv/a/../.."), "/");
        assert.strictEqual(normalizePoolPath("/srv/..images"), "/srv/..images", "only whole .. parts count");
    });
});

QUnit.module("network XML", () => {
    QUnit.test("the default NAT network is libvirt's default", assert => {
        const parsed = parseNetworkXml(natNetworkXml(DEFAULT_NETWORK));
        assert.deepEqual(parsed, {
            name: "default", uuid: "", forwardMode: "nat", bridge: "virbr0", forwardDevices: [], dnsHosts: [],
            addresses: [{ family: "ipv4", address: "192.168.122.1", prefix: 24, dhcpStart: "192.168.122.2", dhcpEnd: "192.168.122.254", dhcpHosts: [] }],
        });
    });

    QUnit.test("libvirt's network XML parses: netmask, IPv6, isolated, no DHCP", assert => {
        const parsed = parseNetworkXml(`<network><name>iso</name><uuid>u</uuid><bridge name='virbr9' stp='on'/>
            <ip address='10.0.0.1' netmask='255.255.0.0'><dhcp><range start='10.0.0.10' end='10.0.0.20'/></dhcp></ip>
            <ip family='ipv6' address='fd00::1' prefix='64'/></network>`);
        assert.strictEqual(parsed.forwardMode, "isolated");
        assert.strictEqual(parsed.bridge, "virbr9");
        assert.deepEqual(parsed.addresses, [
            { family: "ipv4", address: "10.0.0.1", prefix: 16, dhcpStart: "10.0.0.10", dhcpEnd: "10.0.0.20", dhcpHosts: [] },
            { family: "ipv6", address: "fd00::1", prefix: 64, dhcpHosts: [] },
        ]);
        assert.strictEqual(parseNetworkXml("<network><name>r</name><forward mode='route'/></network>").forwardMode, "route");
        assert.strictEqual(parseNetworkXml("<network><name>n</name><forward/></network>").forwardMode, "nat", "libvirt's default mode");
    });

    QUnit.test("netmasks and addresses", assert => {
        assert.strictEqual(netmaskToPrefix("255.255.255.0"), 24);
        assert.strictEqual(netmaskToPrefix("255.255.255.255"), 32);
        assert.strictEqual(netmaskToPrefix("255.0.255.0"), undefined);
        assert.strictEqual(ipv4ToNumber("192.168.122.1"), 3232266753);
        assert.strictEqual(ipv4ToNumber("192.168.122.256"), undefined);
        assert.strictEqual(ipv4ToNumber("1.2.3"), undefined);
    });

    QUnit.test("the form rejects bad input with the first problem", assert => {
        const ok = { name: "n", bridge: "kvmmt-nb0", address: "192.168.250.1", prefix: 24, dhcpStart: "192.168.250.2", dhcpEnd: "192.168.250.254" };
        assert.strictEqual(validateNatNetwork(ok), null);
        assert.strictEqual(validateNatNetwork(DEFAULT_NETWORK), null);
        assert.strictEqual(validateNatNetwork({ ...ok, name: "" }), "name");
        assert.strictEqual(validateNatNetwork({ ...ok, bridge: "a-very-long-bridge" }), "bridge", "over 15 characters");
        assert.strictEqual(validateNatNetwork({ ...ok, bridge: "br 0" }), "bridge");
        assert.strictEqual(validateNatNetwork({ ...ok, address: "192.168.250" }), "address");
        assert.strictEqual(validateNatNetwork({ ...ok, prefix: NaN }), "prefix");
        assert.strictEqual(validateNatNetwork({ ...ok, prefix: 31 }), "prefix");
        assert.strictEqual(validateNatNetwork({ ...ok, dhcpEnd: "x" }), "dhcp");
        assert.strictEqual(validateNatNetwork({ ...ok, dhcpEnd: "192.168.251.10" }), "dhcp-outside");
        assert.strictEqual(validateNatNetwork({ ...ok, dhcpEnd: "192.168.250.255" }), "dhcp-outside", "broadcast");
        assert.strictEqual(validateNatNetwork({ ...ok, dhcpStart: "192.168.250.100", dhcpEnd: "192.168.250.50" }), "dhcp-order");
    });
});

QUnit.module("the Create network form", () => {
    QUnit.test("the typed form becomes a network: name trimmed, a prefix that is no number refused", assert => {
        const form = natNetworkForm(DEFAULT_NETWORK);
        assert.strictEqual(form.prefix, "24");
        assert.deepEqual(networkSpec(form), {
            name: "default", mode: "nat", bridge: "virbr0",
            ipv4: { address: "192.168.122.1", prefix: 24, dhcpStart: "192.168.122.2", dhcpEnd: "192.168.122.254" },
        }, "the default survives the round trip");
        assert.strictEqual(networkSpec({ ...form, name: "  n  " }).name, "n");
        assert.strictEqual(networkSpec({ ...form, prefix: " 16 " }).ipv4?.prefix, 16);
        for (const typed of ["", "24a", "-8", "1e1", "2.4"]) {
            assert.strictEqual(validateNetwork(networkSpec({ ...form, prefix: typed })), "prefix", `"${typed}" is refused`);
        }
    });
});

QUnit.module("new network suggestion", () => {
    QUnit.test("the first free bridge and subnet, valid as it stands", assert => {
        const fresh = suggestNatNetwork({ bridges: [], addresses: [] });
        assert.deepEqual(fresh, { name: "", bridge: "virbr1", address: "192.168.100.1", prefix: 24, dhcpStart: "192.168.100.2", dhcpEnd: "192.168.100.254" });
        const next = suggestNatNetwork({ bridges: ["virbr0", "virbr1", "virbr3"], addresses: ["192.168.100.1", "192.168.101.1", "10.0.0.1"] });
        assert.strictEqual(next.bridge, "virbr2");
        assert.strictEqual(next.address, "192.168.102.1");
        assert.strictEqual(validateNatNetwork({ ...next, name: "n" }), null);
    });
});

QUnit.module("host resource store", () => {
    QUnit.test("items sorted by name per connection; remove and errors", assert => {
        const store = new HostResourceStore<{ path: string; name: string }>();
        let notified = 0;
        store.subscribe(() => notified++);
        assert.false(store.list("system").loaded);
        store.replace("system", [{ path: "/b", name: "b" }, { path: "/a", name: "a" }]);
        assert.deepEqual(store.list("system").items.map(i => i.name), ["a", "b"]);
        assert.true(store.list("system").loaded);
        assert.deepEqual(store.list("session").items, []);
        const before = store.list("system");
        store.put("system", { path: "/a", name: "a2" });
        assert.notStrictEqual(store.list("system"), before, "a new snapshot after a change");
        store.remove("system", "/b");
        assert.deepEqual(store.list("system").items.map(i => i.name), ["a2"]);
        store.setError("system", { kind: "libvirt", summary: "s", detail: "d" });
        assert.strictEqual(store.list("system").error?.detail, "d");
        assert.strictEqual(notified, 4);
    });
});
