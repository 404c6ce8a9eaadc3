import QUnit from "qunit";

import { parseArgs, UsageError } from "../../src/cli/args.ts";
import { parseIpAddrJson } from "../../src/host/host-interfaces.ts";
import { parseListeningPorts, parsePortForwards, portForwardsText } from "../../src/host/port-forwards.ts";
import { formatSubnet, parseIp, parseIpv6, subnetOf, subnetsOverlap } from "../../src/lib/ip-address.ts";
import { dhcpHostXml, dnsHostXml, networkXml, parseNetworkXml } from "../../src/libvirt/network-xml.ts";
import { addressingProblem } from "../../src/operations/create-network.ts";
import { validateNetwork } from "../../src/operations/network-checks.ts";
import { portForwardProblem } from "../../src/operations/port-forwards.ts";
import { natNetworkForm, networkSpec } from "../../src/views/networks/network-defaults.ts";

const net = (cidr: string) => {
    const [a, p] = cidr.split("/");
    const ip = parseIp(a ?? "");
    if (!ip) throw new Error(cidr);
    const s = subnetOf(ip, Number(p));
    if (!s) throw new Error(cidr);
    return s;
};

QUnit.module("IP addresses", () => {
    QUnit.test("IPv6 forms parse to the same number; bad ones do not", assert => {
        assert.strictEqual(parseIpv6("fd00::1"), parseIpv6("fd00:0:0:0:0:0:0:1"));
        assert.strictEqual(parseIpv6("::ffff:192.0.2.1"), parseIpv6("::ffff:c000:201"));
        assert.strictEqual(parseIpv6("::"), 0n);
        for (const bad of ["fd00::1::2", "1:2:3:4:5:6:7:8:9", "fd00:g::1", "1.2.3.4", "1:2:3:4:5:6:7"]) assert.strictEqual(parseIpv6(bad), undefined, bad);
    });

    QUnit.test("subnets overlap when one holds the other, never across families", assert => {
        assert.true(subnetsOverlap(net("192.168.1.0/24"), net("192.168.1.128/25")));
        assert.true(subnetsOverlap(net("10.0.0.0/8"), net("10.20.30.1/24")));
        assert.false(subnetsOverlap(net("192.168.1.0/24"), net("192.168.2.0/24")));
        assert.true(subnetsOverlap(net("fd00::1/64"), net("fd00::abcd/120")));
        assert.false(subnetsOverlap(net("fd00:1::1/64"), net("fd00:2::1/64")));
        assert.false(subnetsOverlap(net("0.0.0.1/0"), net("::1/0")));
        assert.strictEqual(formatSubnet(net("192.168.7.9/24")), "192.168.7.0/24");
        assert.strictEqual(formatSubnet(net("fd42:1:2:3::9/64")), "fd42:1:2:3::/64");
    });
});

QUnit.module("network XML of every mode", () => {
    QUnit.test("NAT with IPv4, IPv6 and a domain reads back", assert => {
        const xml = networkXml({
            name: "lab", mode: "nat", bridge: "virbr7", domain: "lab.test",
            ipv4: { address: "10.7.0.1", prefix: 24, dhcpStart: "10.7.0.10", dhcpEnd: "10.7.0.20" },
            ipv6: { address: "fd07::1", prefix: 64, dhcpStart: "fd07::100", dhcpEnd: "fd07::1ff" },
        });
        assert.true(xml.includes("<domain name=\"lab.test\" localOnly=\"yes\""), xml);
        const parsed = parseNetworkXml(xml);
        assert.strictEqual(parsed.forwardMode, "nat");
        assert.strictEqual(parsed.domain, "lab.test");
        assert.deepEqual(parsed.addresses.map(a => [a.family, a.address, a.prefix, a.dhcpStart, a.dhcpEnd]), [
            ["ipv4", "10.7.0.1", 24, "10.7.0.10", "10.7.0.20"],
            ["ipv6", "fd07::1", 64, "fd07::100", "fd07::1ff"],
        ]);
    });

    QUnit.test("isolated has no <forward>; routed and open name their mode; no DHCP without a range", assert => {
        const ip = { address: "10.8.0.1", prefix: 24 };
        const isolated = networkXml({ name: "i", mode: "isolated", bridge: "b0", ipv4: ip });
        assert.false(isolated.includes("<forward"), isolated);
        assert.false(isolated.includes("<dhcp"), isolated);
        assert.strictEqual(parseNetworkXml(isolated).forwardMode, "isolated");
        const routed = networkXml({ name: "r", mode: "route", bridge: "b1", devices: ["eth0"], ipv4: ip });
        assert.true(routed.includes("<forward mode=\"route\" dev=\"eth0\""), routed);
        assert.strictEqual(parseNetworkXml(networkXml({ name: "o", mode: "open", bridge: "b2", ipv4: ip })).forwardMode, "open");
    });

    QUnit.test("bridge and macvtap networks carry no addresses, domain or bridge of their own", assert => {
        const bridged = parseNetworkXml(networkXml({ name: "b", mode: "bridge", bridge: "br0", domain: "x.test", ipv4: { address: "10.0.0.1", prefix: 24 } }));
        assert.deepEqual([bridged.forwardMode, bridged.bridge, bridged.addresses.length, bridged.domain], ["bridge", "br0", 0, undefined]);
        const macvtap = parseNetworkXml(networkXml({ name: "m", mode: "macvtap", bridge: "", devices: ["eth0", "eth1"] }));
        assert.deepEqual([macvtap.forwardMode, macvtap.bridge, macvtap.forwardDevices], ["bridge", undefined, ["eth0", "eth1"]]);
    });

    QUnit.test("static leases and DNS hosts: one or many read back; Update pieces escape", assert => {
        const parsed = parseNetworkXml(`<network><name>n</name><dns><host ip='10.0.0.5'><hostname>a</hostname><hostname>b</hostname></host></dns>
            <ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.0.10' end='10.0.0.20'/><host mac='52:54:00:00:00:01' name='web' ip='10.0.0.2'/></dhcp></ip></network>`);
        assert.deepEqual(parsed.addresses[0]?.dhcpHosts, [{ mac: "52:54:00:00:00:01", ip: "10.0.0.2", name: "web" }]);
        assert.deepEqual(parsed.dnsHosts, [{ ip: "10.0.0.5", hostnames: ["a", "b"] }]);
        const two = parseNetworkXml(`<network><name>n</name><dns><host ip='10.0.0.5'><hostname>a</hostname></host><host ip='10.0.0.6'><hostname>c</hostname></host></dns>
            <ip address='10.0.0.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01' ip='10.0.0.2'/><host mac='52:54:00:00:00:02' ip='10.0.0.3'/></dhcp></ip></network>`);
        assert.deepEqual(two.addresses[0]?.dhcpHosts.map(h => h.ip), ["10.0.0.2", "10.0.0.3"]);
        assert.deepEqual(two.dnsHosts.map(h => h.hostnames[0]), ["a", "c"]);
        assert.true(dhcpHostXml({ mac: "52:54:00:00:00:01", ip: "10.0.0.2", name: "a&b" }).includes("a&amp;b"));
        assert.true(dnsHostXml({ ip: "10.0.0.5", hostnames: ["x", "y"] }).includes("<hostname>y</hostname>"));
    });
});

QUnit.module("the Create network form's modes", () => {
    const nat = natNetworkForm({ name: "n", bridge: "virbr9", address: "10.9.0.1", prefix: 24, dhcpStart: "10.9.0.2", dhcpEnd: "10.9.0.254" });

    QUnit.test("each mode asks for what it needs", assert => {
        assert.strictEqual(validateNetwork(networkSpec(nat)), null);
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, address: "" })), "no-address", "neither IPv4 nor IPv6");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, address: "", ipv6Address: "fd09::1" })), null, "IPv6 only");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, ipv6Address: "fd09::1", ipv6Prefix: "130" })), "ipv6-prefix");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, ipv6Address: "fd09::1", ipv6DhcpStart: "fd09::10" })), "ipv6-dhcp");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, ipv6Address: "fd09::1", ipv6DhcpStart: "fd0a::10", ipv6DhcpEnd: "fd0a::20" })), "ipv6-dhcp-outside");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, ipv6Address: "fd09::1", ipv6DhcpStart: "fd09::20", ipv6DhcpEnd: "fd09::10" })), "ipv6-dhcp-order");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, domain: "bad domain" })), "domain");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, domain: "lab.example" })), null);
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, dhcpStart: "", dhcpEnd: "" })), null, "no DHCP");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, mode: "bridge", bridge: "" })), "host-bridge");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, mode: "bridge", bridge: "br0", address: "x" })), null, "a bridge's addresses are not asked");
        assert.strictEqual(validateNetwork(networkSpec({ ...nat, mode: "macvtap", devices: "" })), "devices");
        assert.deepEqual(networkSpec({ ...nat, mode: "macvtap", devices: "eth0, eth1" }).devices, ["eth0", "eth1"]);
    });
});

QUnit.module("new networks' addressing against the host", () => {
    const interfaces = parseIpAddrJson(JSON.stringify([
        { ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8, scope: "host" }] },
        { ifname: "eth0", addr_info: [{ local: "192.0.2.2", prefixlen: 24, scope: "global" }, { local: "fd00::2", prefixlen: 64, scope: "global" }, { local: "fe80::1", prefixlen: 64, scope: "link" }] },
        { ifname: "br0", linkinfo: { info_kind: "bridge" }, addr_info: [] },
    ]));
    const networks = [parseNetworkXml("<network><name>other</name><ip address='10.50.0.1' prefix='16'/></network>")];
    const spec = (ipv4: string, prefix = 24) => ({ name: "n", mode: "nat" as const, bridge: "v1", ipv4: { address: ipv4, prefix } });

    QUnit.test("ip -j output: kinds, link-local and loopback addresses left out", assert => {
        assert.deepEqual(interfaces.map(i => [i.name, i.kind, i.addresses.length]), [["lo", "", 0], ["eth0", "", 2], ["br0", "bridge", 0]]);
    });

    QUnit.test("overlaps with an interface or another network are refused, naming it", assert => {
        assert.strictEqual(addressingProblem(spec("192.168.50.1"), interfaces, networks), null);
        assert.true(addressingProblem(spec("192.0.2.200", 25), interfaces, networks)?.includes("on eth0"));
        assert.true(addressingProblem(spec("10.50.3.1"), interfaces, networks)?.includes("network other"));
        assert.true(addressingProblem(spec("10.0.0.1", 8), interfaces, networks)?.includes("network other"), "a wider subnet holding another");
        assert.true(addressingProblem({ name: "n", mode: "isolated", bridge: "v1", ipv6: { address: "fd00::99", prefix: 64 } }, interfaces, networks)?.includes("eth0"));
        assert.true(addressingProblem({ name: "n", mode: "bridge", bridge: "eth0" }, interfaces, networks)?.includes("no bridge named eth0"));
        assert.strictEqual(addressingProblem({ name: "n", mode: "bridge", bridge: "br0" }, interfaces, networks), null);
        assert.true(addressingProblem({ name: "n", mode: "macvtap", bridge: "", devices: ["eth0", "eth9"] }, interfaces, networks)?.includes("eth9"));
    });
});

QUnit.module("port forwards", () => {
    const rule = { protocol: "tcp" as const, hostPort: 8080, address: "192.168.235.50", guestPort: 80, vm: "my web vm" };
    const nat = parseNetworkXml("<network><name>n</name><forward mode='nat'/><bridge name='virbr5'/><ip address='192.168.235.1' prefix='24'/></network>");

    QUnit.test("the rules file round-trips, VM names with spaces included; other lines are skipped", assert => {
        const text = portForwardsText("virbr5", [rule, { ...rule, protocol: "udp", hostPort: 5353, guestPort: 53 }]);
        assert.strictEqual(text.split("\n")[0], "bridge virbr5");
        assert.deepEqual(parsePortForwards(`${text}# comment\nicmp 1 2 3 x\n`), [rule, { ...rule, protocol: "udp", hostPort: 5353, guestPort: 53 }]);
    });

    QUnit.test("ss output gives the listening ports", assert => {
        assert.deepEqual(parseListeningPorts("LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nLISTEN 0 4096 [::]:9090 [::]:*\nUNCONN 0 0 0.0.0.0%virbr0:67 0.0.0.0:*\n"), [22, 9090, 67]);
    });

    QUnit.test("a rule is refused before the host is asked: not NAT, bad ports, an address outside the network or the host's own", assert => {
        assert.strictEqual(portForwardProblem(nat, rule), null);
        assert.true(portForwardProblem({ ...nat, forwardMode: "route" }, rule)?.includes("NAT networks only"));
        assert.true(portForwardProblem(nat, { ...rule, hostPort: 0 })?.includes("1 to 65535"));
        assert.true(portForwardProblem(nat, { ...rule, guestPort: 70000 })?.includes("1 to 65535"));
        assert.true(portForwardProblem(nat, { ...rule, address: "192.168.236.50" })?.includes("IPv4 address on this network"));
        assert.true(portForwardProblem(nat, { ...rule, address: "192.168.235.1" })?.includes("IPv4 address on this network"));
        assert.true(portForwardProblem(nat, { ...rule, vm: " " })?.includes("Choose the virtual machine"));
    });
});

QUnit.module("kvmm net command lines", () => {
    QUnit.test("create, lease and forward parse; wrong ones are usage errors", assert => {
        assert.deepEqual(parseArgs(["net", "create", "lab", "--mode", "isolated", "--ip", "10.1.0.1/24", "--dhcp", "10.1.0.10-10.1.0.20", "--ipv6", "fd01::1/64", "--domain", "lab.test"]).command, {
            kind: "net-create",
            spec: { name: "lab", mode: "isolated", bridge: "", domain: "lab.test",
                    ipv4: { address: "10.1.0.1", prefix: 24, dhcpStart: "10.1.0.10", dhcpEnd: "10.1.0.20" }, ipv6: { address: "fd01::1", prefix: 64 } },
        });
        assert.deepEqual(parseArgs(["net", "lease", "add", "lab", "52:54:00:AA:00:01", "10.1.0.5", "--name", "web"]).command,
                         { kind: "net-lease-add", network: "lab", host: { mac: "52:54:00:aa:00:01", ip: "10.1.0.5", name: "web" } });
        assert.deepEqual(parseArgs(["net", "forward", "add", "lab", "tcp", "8080", "my vm", "10.1.0.5:80"]).command,
                         { kind: "net-forward-add", network: "lab", rule: { protocol: "tcp", hostPort: 8080, vm: "my vm", address: "10.1.0.5", guestPort: 80 } });
        assert.deepEqual(parseArgs(["net", "forward", "remove", "lab", "udp", "53"]).command, { kind: "net-forward-remove", network: "lab", protocol: "udp", hostPort: 53 });
        assert.throws(() => parseArgs(["net", "forward", "add", "lab", "icmp", "1", "vm", "10.1.0.5:1"]), UsageError);
        assert.throws(() => parseArgs(["net", "create", "lab", "--dhcp", "10.1.0.10-10.1.0.20"]), /--dhcp goes with --ip/);
        assert.throws(() => parseArgs(["net", "create", "lab", "--mode", "weird"]), UsageError);
        assert.throws(() => parseArgs(["net", "list", "--mode", "nat"]), /does not apply/);
    });
});
