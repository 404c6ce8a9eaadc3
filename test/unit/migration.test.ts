import QUnit from "qunit";

import { parseArgs, UsageError } from "../../src/cli/args.ts";
import { parseMachinesJson } from "../../src/host/known-hosts.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { describeError } from "../../src/libvirt/errors.ts";
import { parseJobStats } from "../../src/libvirt/migration-api.ts";
import { type Destination, destinationUri, knownHostUri, migrationProblems } from "../../src/operations/migration-checks.ts";
import { migrationLine } from "../../src/operations/migration-figures.ts";

const VM = parseDomainXml(`<domain type='qemu'><name>web</name><uuid>00000000-0000-0000-0000-000000000001</uuid>
<memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/web.qcow2'/><target dev='vda' bus='virtio'/></disk>
<disk type='volume' device='disk'><source pool='fast' volume='data.qcow2'/><target dev='vdb' bus='virtio'/></disk>
<disk type='file' device='cdrom'><source file='/iso/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
<interface type='network'><source network='lan'/><mac address='52:54:00:00:00:01'/><model type='virtio'/></interface>
</devices></domain>`);

const fits: Destination = {
    domains: ["other"],
    networks: new Map([["lan", true]]),
    pools: [{ name: "default", active: true, targetPath: "/var/lib/libvirt/images/" }, { name: "fast", active: true }],
};

QUnit.module("Migration", () => {
    QUnit.test("the destination as typed: known hosts, HOST, USER@HOST and libvirt URIs; anything else refused in words", assert => {
        assert.strictEqual(knownHostUri({ address: "10.0.0.5", user: "admin", port: 2222 }), "qemu+ssh://admin@10.0.0.5:2222/system");
        assert.strictEqual(knownHostUri({ address: "h", port: 22 }), "qemu+ssh://h/system");
        assert.strictEqual(destinationUri(" host2 "), "qemu+ssh://host2/system");
        assert.strictEqual(destinationUri("root@host2"), "qemu+ssh://root@host2/system");
        assert.strictEqual(destinationUri("qemu+ssh://host2/system?keyfile=/k"), "qemu+ssh://host2/system?keyfile=/k");
        for (const bad of ["http://x/", "qemu:///system", "a b", "qemu+ssh://host2/"]) {
            assert.throws(() => destinationUri(bad), (e: unknown) => describeError(e).summary.includes("is not a host or a libvirt URI"), bad);
        }
        assert.throws(() => destinationUri(""), (e: unknown) => describeError(e).kind === "invalid");
    });

    QUnit.test("what is in the way on the destination is said before anything starts", assert => {
        assert.deepEqual(migrationProblems(VM, true, { live: true, copyStorage: true }, fits), []);
        assert.deepEqual(migrationProblems(VM, true, { live: true, copyStorage: false }, { ...fits, pools: [{ name: "fast", active: true }] }), [],
            "without a copy the disks' directory needs no pool there");
        const none: Destination = { domains: ["web"], networks: new Map([["lan", false]]), pools: [{ name: "fast", active: false }] };
        assert.deepEqual(migrationProblems(VM, true, { live: true, copyStorage: true }, none), [
            "The destination already has a virtual machine named web",
            "The network lan is not running on the destination",
            "The destination has no running storage pool for /var/lib/libvirt/images, where the copy of the disk vda goes",
            "The destination has no running storage pool named fast, which holds the disk vdb",
        ]);
        assert.deepEqual(migrationProblems(VM, true, { live: true, copyStorage: false }, { ...fits, networks: new Map() }),
            ["The destination has no network named lan, which this VM uses"]);
        assert.deepEqual(migrationProblems(VM, false, { live: true, copyStorage: false }, fits), ["web is not running: move it offline"]);
        assert.deepEqual(migrationProblems(VM, true, { live: false, copyStorage: false }, fits),
            ["web is running: move it live, or shut it down to move it offline"]);
        assert.strictEqual(migrationProblems(VM, false, { live: false, copyStorage: true }, fits).length, 1, "an offline move copies no disks");
    });

    QUnit.test("job figures from GetJobStats: the expected downtime while running, the measured one once completed", assert => {
        const running = parseJobStats([2, { memory_total: { t: "t", v: 1048576 }, memory_remaining: { t: "t", v: 524288 }, memory_bps: { t: "t", v: 1024 }, downtime: { t: "t", v: 300 } }]);
        assert.deepEqual(running, { type: 2, memoryTotal: 1048576, memoryRemaining: 524288, memoryBytesPerSecond: 1024, expectedDowntimeMs: 300 });
        assert.strictEqual(migrationLine(running), "Memory: 512 KiB of 1 MiB left, Rate: 1 KiB/s, Expected downtime: 300 ms");
        assert.deepEqual(parseJobStats([3, { downtime: 105, time_elapsed: 9000 }]), { type: 3, elapsedMs: 9000, downtimeMs: 105 });
        assert.deepEqual(parseJobStats(undefined), { type: 0 });
    });

    QUnit.test("Cockpit's known hosts from machines.d; hidden ones and broken files give none", assert => {
        assert.deepEqual(parseMachinesJson('{"h1": {"visible": true, "address": "10.0.0.1", "port": 2222, "user": "me"}, "h2": {}, "h3": {"visible": false}}'),
            [{ name: "h1", address: "10.0.0.1", user: "me", port: 2222 }, { name: "h2", address: "h2" }]);
        assert.deepEqual(parseMachinesJson("{not json"), []);
    });

    QUnit.test("kvmm migrate's command line", assert => {
        assert.deepEqual(parseArgs(["migrate", "web", "host2", "--copy-storage", "--undefine-source"]).command,
            { kind: "migrate", vm: "web", destination: "host2", offline: false, copyStorage: true, undefineSource: true });
        assert.deepEqual(parseArgs(["migrate", "web", "qemu+ssh://h/system", "--offline"]).command,
            { kind: "migrate", vm: "web", destination: "qemu+ssh://h/system", offline: true, copyStorage: false, undefineSource: false });
        assert.throws(() => parseArgs(["migrate", "web"]), UsageError);
        assert.throws(() => parseArgs(["delete", "web", "--offline"]), /--offline does not apply to this command/);
    });
});
