import QUnit from "qunit";

import { domainPathFromUuid, uuidFromDomainPath } from "../../src/libvirt/domain-path.ts";
import { computeUsage, parseAllStats } from "../../src/libvirt/domain-stats.ts";
import { parseDomainXml, toKiB } from "../../src/libvirt/domain-xml.ts";
import { describeError, LibvirtError } from "../../src/libvirt/errors.ts";
import { unwrapDict, unwrapVariant } from "../../src/libvirt/variant.ts";

QUnit.module("variant unwrapping", () => {
    QUnit.test("nested variants unwrap to the value", assert => {
        assert.strictEqual(unwrapVariant({ t: "v", v: { t: "u", v: 5 } }), 5);
        assert.strictEqual(unwrapVariant("plain"), "plain");
        assert.deepEqual(unwrapVariant({ t: "as", v: ["a"] }), ["a"]);
        // An object that merely has t and v among other keys is data, not a variant.
        assert.deepEqual(unwrapVariant({ t: 1, v: 2, w: 3 }), { t: 1, v: 2, w: 3 });
    });
    QUnit.test("dictionaries unwrap every value and survive junk", assert => {
        assert.deepEqual(unwrapDict({ a: { t: "v", v: { t: "b", v: true } }, b: { t: "s", v: "x" } }), { a: true, b: "x" });
        assert.deepEqual(unwrapDict(null), {});
        assert.deepEqual(unwrapDict("nope"), {});
    });
});

QUnit.module("domain stats", () => {
    const raw = [
        ["running-vm", {
            "state.state": { t: "v", v: { t: "i", v: 1 } },
            "cpu.time": { t: "v", v: { t: "t", v: 2_000_000_000 } },
            "vcpu.current": { t: "v", v: { t: "u", v: 2 } },
            "vcpu.maximum": { t: "v", v: { t: "u", v: 4 } },
            "balloon.current": { t: "v", v: { t: "t", v: 1048576 } },
            "balloon.maximum": { t: "v", v: { t: "t", v: 2097152 } },
            "balloon.rss": { t: "v", v: { t: "t", v: 300000 } },
        }],
        ["off & \"quoted\" <vm>", { "state.state": { t: "v", v: { t: "i", v: 5 } } }],
        "garbage",
        [42, {}],
    ];

    QUnit.test("GetAllDomainStats records parse; malformed records are skipped", assert => {
        const stats = parseAllStats(raw);
        assert.strictEqual(stats.length, 2);
        assert.deepEqual(stats[0], {
            name: "running-vm", state: "running", cpuTime: 2e9, vcpuCurrent: 2, vcpuMaximum: 4,
            memoryCurrent: 1048576, memoryMaximum: 2097152, memoryRss: 300000,
        });
        assert.strictEqual(stats[1]?.name, "off & \"quoted\" <vm>");
        assert.strictEqual(stats[1]?.state, "shutoff");
        assert.deepEqual(parseAllStats("not an array"), []);
    });

    QUnit.test("CPU usage is the share of the VM's vCPUs over the interval", assert => {
        const [now] = parseAllStats(raw);
        if (!now) throw new Error("no stats");
        const before = { ...now, cpuTime: 1_000_000_000 };
        // 1 s of CPU over 1 s elapsed with 2 vCPUs = 50 %.
        assert.strictEqual(computeUsage(before, now, 1000)?.cpuPercent, 50);
        assert.strictEqual(computeUsage(undefined, now, 0)?.cpuPercent, 0, "no previous sample: 0, not NaN");
        assert.strictEqual(computeUsage(before, now, 1000)?.memoryUsed, 300000);
        assert.strictEqual(computeUsage(before, { ...now, state: "shutoff" }, 1000), undefined);
        assert.strictEqual(computeUsage({ ...now, cpuTime: 0 }, now, 1)?.cpuPercent, 100, "clamped to 100");
    });
});

QUnit.module("domain XML", () => {
    const xml = `<domain type='qemu'>
  <name>a &amp; b "c" &lt;script&gt; ü</name>
  <uuid>0b6d7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b</uuid>
  <title>T</title>
  <memory unit='GiB'>2</memory>
  <currentMemory unit='MiB'>1024</currentMemory>
  <vcpu placement='static'>3</vcpu>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/a &amp; b.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><source file='/iso/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
    <disk type='volume' device='disk'><source pool='default' volume='v1'/><target dev='vdb' bus='virtio'/></disk>
  </devices>
</domain>`;

    QUnit.test("names, sizes and disks are read with entities decoded", assert => {
        const d = parseDomainXml(xml);
        assert.strictEqual(d.name, "a & b \"c\" <script> ü");
        assert.strictEqual(d.uuid, "0b6d7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        assert.strictEqual(d.memoryKiB, 1024 * 1024);
        assert.strictEqual(d.vcpus, 3);
        assert.strictEqual(d.disks.length, 3);
        assert.deepEqual(d.disks[0], { device: "disk", target: "vda", bus: "virtio", sourceType: "file", path: "/var/lib/libvirt/images/a & b.qcow2", format: "qcow2", readonly: false });
        assert.true(d.disks[1]?.readonly);
        assert.strictEqual(d.disks[1]?.device, "cdrom");
        assert.strictEqual(d.disks[2]?.pool, "default");
        assert.strictEqual(d.disks[2]?.path, undefined);
    });

    QUnit.test("a single disk is still a list; units convert", assert => {
        const d = parseDomainXml("<domain><name>x</name><memory>524288</memory><devices><disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='vda'/></disk></devices></domain>");
        assert.strictEqual(d.disks.length, 1);
        assert.strictEqual(d.disks[0]?.path, "/dev/sdb");
        assert.strictEqual(d.memoryKiB, 524288);
        assert.strictEqual(toKiB({ "#text": "1", "@_unit": "G" }), 1024 * 1024);
        assert.strictEqual(toKiB({ "#text": "1024", "@_unit": "bytes" }), 1);
    });

    QUnit.test("something that is not domain XML is refused", assert => {
        assert.throws(() => parseDomainXml("<network><name>n</name></network>"), /not a domain/);
    });
});

QUnit.module("object paths", () => {
    QUnit.test("UUID and path convert both ways", assert => {
        const uuid = "0b6d7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        const path = domainPathFromUuid("/org/libvirt/QEMU", uuid);
        assert.strictEqual(path, "/org/libvirt/QEMU/domain/_0b6d7a9e_1c2d_4e5f_8a9b_0c1d2e3f4a5b");
        assert.strictEqual(uuidFromDomainPath(path), uuid);
    });
});

QUnit.module("error messages", () => {
    QUnit.test("D-Bus and libvirt failures get words a person understands, keeping libvirt's text", assert => {
        const denied = describeError({ name: "org.freedesktop.DBus.Error.AccessDenied", message: "Rejected send message" });
        assert.strictEqual(denied.kind, "permission");
        assert.strictEqual(denied.summary, "Permission denied: turn on administrative access");
        assert.strictEqual(denied.detail, "Rejected send message");

        const down = describeError({ name: "org.libvirt.Error", message: "Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory" });
        assert.strictEqual(down.kind, "daemon-down");
        assert.strictEqual(down.summary, "libvirtd is not running");
        assert.true(down.detail.includes("libvirt-sock"));

        assert.strictEqual(describeError({ name: "org.freedesktop.DBus.Error.ServiceUnknown", message: "x" }).kind, "unavailable");
        assert.strictEqual(describeError({ problem: "timeout", message: "" }).kind, "timeout");
        assert.strictEqual(describeError({ name: "org.libvirt.Error", message: "Domain not found: no domain with matching uuid" }).kind, "not-found");
        const other = describeError({ name: "org.libvirt.Error", message: "internal error: something odd" });
        assert.strictEqual(other.kind, "libvirt");
        assert.strictEqual(other.detail, "internal error: something odd");
        assert.strictEqual(describeError("plain string").detail, "plain string");
        const wrapped = new LibvirtError(down);
        assert.strictEqual(describeError(wrapped), down, "an already described error is kept");
    });

    QUnit.test("libvirt's refusals of networks and pools get words, keeping libvirt's text", assert => {
        const said = (message: string): string => describeError({ name: "org.libvirt.Error", message }).summary;
        assert.strictEqual(said("operation failed: network 'lab' already exists with uuid 1-2"), "A network named lab already exists");
        assert.strictEqual(said("internal error: bridge name 'virbr0' already in use."),
            "Another network already uses the bridge device virbr0: choose another bridge name");
        assert.strictEqual(said("internal error: Network is already in use by interface eth0"),
            "Its addresses overlap a network the host already has on eth0: choose another subnet");
        assert.strictEqual(said("operation failed: pool 'images' already exists with uuid 1-2"), "A storage pool named images already exists");
        assert.strictEqual(said("operation failed: Storage source conflict with pool: 'images'"), "The storage pool images already uses this directory");
        assert.strictEqual(said("Storage pool not found: no storage pool with matching name 'tank'"), "There is no storage pool named tank");
        const refusal = describeError({ name: "org.libvirt.Error", message: "internal error: bridge name 'virbr0' already in use." });
        assert.strictEqual(refusal.detail, "internal error: bridge name 'virbr0' already in use.", "libvirt's own text stays");
    });
});
