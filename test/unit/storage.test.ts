import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { parseSize } from "../../src/cli/storage-args.ts";
import { parseDeviceProbe } from "../../src/host/block-devices.ts";
import { lastDdBytes } from "../../src/host/volume-files.ts";
import { newPoolSpec, parseSourceList, parseStoragePoolXml, type PoolSpec, poolXml, sourceQueryXml } from "../../src/libvirt/storage-pool-xml.ts";
import { parseVolumeXml, type VolumeSummary } from "../../src/libvirt/storage-volume-api.ts";
import { newVolumeXml } from "../../src/libvirt/volume-xml.ts";
import { safeUploadName } from "../../src/operations/export-import/browser-transfer.ts";
import { cleanPoolSpec, poolSpecProblem } from "../../src/operations/storage-pools.ts";
import { spaceProblem, volumeNameProblem, withUsers } from "../../src/operations/storage-volumes.ts";
import { usage } from "./cli-usage.ts";

const spec = (over: Partial<PoolSpec>): PoolSpec => ({ ...newPoolSpec(over.type ?? "dir"), name: "p", ...over });

QUnit.module("storage pool XML of every kind", () => {
    QUnit.test("each kind's source and target", assert => {
        const read = (s: PoolSpec) => parseStoragePoolXml(poolXml(s));
        const fs = read(spec({ type: "fs", device: "/dev/sdb1", path: "/mnt/p" }));
        assert.deepEqual([fs.type, fs.targetPath, fs.sourceDetails.devices, fs.sourceDetails.format], ["fs", "/mnt/p", ["/dev/sdb1"], "auto"]);
        assert.strictEqual(read(spec({ type: "fs", device: "/dev/sdb1", path: "/mnt/p", build: true })).sourceDetails.format, "ext4",
                           "building needs a real file system type for mkfs");
        const nfs = read(spec({ type: "netfs", host: "nas", exportPath: "/export/vm", path: "/mnt/n" }));
        assert.deepEqual([nfs.sourceDetails.host, nfs.sourceDetails.dir, nfs.sourceDetails.format, nfs.targetPath], ["nas", "/export/vm", "nfs", "/mnt/n"]);
        const lvm = read(spec({ type: "logical", name: "vms", device: "/dev/sdc" }));
        assert.deepEqual([lvm.sourceDetails.name, lvm.sourceDetails.devices, lvm.targetPath], ["vms", ["/dev/sdc"], "/dev/vms"]);
        assert.strictEqual(read(spec({ type: "logical", name: "p", volumeGroup: "vg0" })).targetPath, "/dev/vg0", "an existing VG by its own name");
        assert.deepEqual(read(spec({ type: "logical", name: "p", volumeGroup: "vg0" })).sourceDetails.devices, [], "no device without one given");
        const iscsi = read(spec({ type: "iscsi", host: "10.0.0.5", iqn: "iqn.2004-04.com.example:t1" }));
        assert.deepEqual([iscsi.sourceDetails.host, iscsi.sourceDetails.devices, iscsi.targetPath], ["10.0.0.5", ["iqn.2004-04.com.example:t1"], "/dev/disk/by-path"]);
        const disk = read(spec({ type: "disk", device: "/dev/sdd" }));
        assert.deepEqual([disk.sourceDetails.devices, disk.sourceDetails.format, disk.targetPath], [["/dev/sdd"], "gpt", "/dev"]);
        assert.true(poolXml(spec({ name: "a&<b>", path: "/x" })).includes("a&amp;&lt;b&gt;"), "built with the builder: escaped");
    });

    QUnit.test("a VG on several PVs and libvirt's iSCSI initiator read back", assert => {
        const parsed = parseStoragePoolXml(`<pool type='logical'><name>vg</name><source><device path='/dev/a'/><device path='/dev/b'/><name>vg</name>
            <format type='lvm2'/></source><target><path>/dev/vg</path></target></pool>`);
        assert.deepEqual(parsed.sourceDetails.devices, ["/dev/a", "/dev/b"]);
        const iscsi = parseStoragePoolXml(`<pool type='iscsi'><name>i</name><source><host name='h' port='3260'/><device path='iqn.x:y'/>
            <initiator><iqn name='iqn.1994-05.com.redhat:me'/></initiator></source><target><path>/dev/disk/by-path</path></target></pool>`);
        assert.deepEqual([iscsi.sourceDetails.port, iscsi.sourceDetails.initiator], ["3260", "iqn.1994-05.com.redhat:me"]);
    });

    QUnit.test("FindStoragePoolSources: query and answers", assert => {
        assert.true(sourceQueryXml("nas & co").includes("<host name=\"nas &amp; co\""), "the query is built and escaped");
        assert.deepEqual(parseSourceList("<sources><source><host name='nas'/><dir path='/export/a'/><format type='nfs'/></source>" +
            "<source><host name='nas'/><dir path='/export/b'/></source></sources>").map(s => s.dir), ["/export/a", "/export/b"]);
        assert.deepEqual(parseSourceList("<sources>\n  <source>\n    <device path='/dev/loop0'/>\n    <name>h17-vg</name>\n    <format type='lvm2'/>\n  </source>\n</sources>\n"),
                         [{ devices: ["/dev/loop0"], name: "h17-vg" }], "libvirt's answer for LVM, as seen on this host");
        assert.deepEqual(parseSourceList("<sources><source><host name='t'/><device path='iqn.2003-01.org.x:t1'/></source></sources>")[0]?.devices,
                         ["iqn.2003-01.org.x:t1"]);
        assert.deepEqual(parseSourceList("<sources></sources>"), [], "nothing found");
    });
});

QUnit.module("storage pool form checks", () => {
    QUnit.test("each kind's fields are refused in words", assert => {
        assert.strictEqual(poolSpecProblem(spec({ name: " ", path: "/x" })), "Enter a name.");
        assert.strictEqual(poolSpecProblem(spec({ name: "a/b", path: "/x" })), "A name cannot contain \"/\".");
        assert.strictEqual(poolSpecProblem(spec({ path: "rel" })), "Enter an absolute path, starting with \"/\".");
        assert.strictEqual(poolSpecProblem(spec({ path: "/srv/.." })), "Choose a directory other than \"/\".");
        assert.strictEqual(poolSpecProblem(spec({ path: " /srv/x " })), null);
        assert.strictEqual(poolSpecProblem(spec({ type: "fs", device: "sdb", path: "/m" })), "Enter the block device, starting with /dev/.");
        assert.strictEqual(poolSpecProblem(spec({ type: "netfs", host: "", exportPath: "/e", path: "/m" })), "Enter the server's host name or address.");
        assert.strictEqual(poolSpecProblem(spec({ type: "netfs", host: "nas; rm", exportPath: "/e", path: "/m" })), "Enter the server's host name or address.");
        assert.strictEqual(poolSpecProblem(spec({ type: "netfs", host: "nas", exportPath: "e", path: "/m" })), "Enter the exported directory, starting with \"/\".");
        assert.true(/IQN/.test(poolSpecProblem(spec({ type: "iscsi", host: "h", iqn: "target1" })) ?? ""));
        assert.strictEqual(poolSpecProblem(spec({ type: "iscsi", host: "h", iqn: "iqn.2003-01.org.linux-iscsi:t1" })), null);
        assert.true(/volume group/.test(poolSpecProblem(spec({ type: "logical", name: "-bad" })) ?? ""), "LVM's name rules");
        assert.strictEqual(poolSpecProblem(spec({ type: "logical", name: "vg" })), null, "an existing VG needs no device");
        assert.true(/device/.test(poolSpecProblem(spec({ type: "logical", name: "vg", build: true })) ?? ""), "a new VG needs its device");
        assert.strictEqual(poolSpecProblem(spec({ type: "disk", device: "/dev/sdb" })), null);
    });

    QUnit.test("what is sent: trimmed, normalized, other kinds' fields and a build that does not apply dropped", assert => {
        const clean = cleanPoolSpec(spec({ type: "fs", name: " p ", device: " /dev/sdb ", path: "/mnt//p/", host: "stale", build: true }));
        assert.deepEqual([clean.name, clean.device, clean.path, clean.host, clean.build], ["p", "/dev/sdb", "/mnt/p", "", true]);
        assert.false(cleanPoolSpec(spec({ type: "iscsi", host: "h", iqn: "iqn.2000-01.x:y", build: true })).build, "iSCSI is never built");
        assert.true(cleanPoolSpec(spec({ path: "/x" })).build, "a directory is always made");
    });

    QUnit.test("a device's use as the host tells it", assert => {
        assert.deepEqual(parseDeviceProbe("content ext4\nmounted /mnt/a b\n"), { use: { state: "mounted", mountPoint: "/mnt/a b" }, content: "ext4" });
        assert.deepEqual(parseDeviceProbe("content \nfree\n"), { use: { state: "free" }, content: "" });
        assert.deepEqual(parseDeviceProbe("content LVM2_member\nheld\n").use, { state: "held" });
        assert.deepEqual(parseDeviceProbe("missing\n").use, { state: "missing" });
        assert.deepEqual(parseDeviceProbe("not-block\n").use, { state: "not-block" });
    });
});

const volume = (name: string, over: Partial<VolumeSummary> = {}): VolumeSummary =>
    ({ object: `/o/${name}`, name, path: `/p/${name}`, format: "qcow2", type: 0, capacity: 1, allocation: 1, ...over });

QUnit.module("volumes", () => {
    QUnit.test("libvirt's volume XML reads in one call", assert => {
        const v = parseVolumeXml("/o", `<volume type='file'><name>b.qcow2</name><key>/p/b.qcow2</key><capacity unit='bytes'>134217728</capacity>
            <allocation unit='bytes'>200704</allocation><target><path>/p/b.qcow2</path><format type='qcow2'/></target>
            <backingStore><path>/p/a.qcow2</path><format type='qcow2'/></backingStore></volume>`);
        assert.deepEqual(v, { object: "/o", name: "b.qcow2", path: "/p/b.qcow2", format: "qcow2", type: 0, capacity: 134217728, allocation: 200704, backingPath: "/p/a.qcow2" });
        assert.strictEqual(parseVolumeXml("/o", "<volume type='block'><name>lv</name><target><path>/dev/vg/lv</path></target></volume>").type, 1);
    });

    QUnit.test("a new volume's XML", assert => {
        const raw = newVolumeXml({ name: "d & e", format: "raw", capacity: 1024, sparse: true });
        assert.true(raw.includes("d &amp; e") && raw.includes("<allocation unit=\"bytes\">0</allocation>") && raw.includes("type=\"raw\""));
        assert.false(newVolumeXml({ name: "lv", format: "raw", capacity: 1024, sparse: false }).includes("allocation"), "LVM volumes are not sparse");
    });

    QUnit.test("who uses a volume: VMs by path or pool/volume, and overlays", assert => {
        const users = new Map([["/p/a.qcow2", ["web"]], ["pool/a.qcow2", ["db", "web"]]]);
        const rows = withUsers("pool", [volume("a.qcow2"), volume("b.qcow2", { backingPath: "/p/a.qcow2" })], users);
        assert.deepEqual(rows.map(r => [r.name, r.usedBy, r.overlays]), [["a.qcow2", ["db", "web"], ["b.qcow2"]], ["b.qcow2", [], []]]);
    });

    QUnit.test("names and sizes are refused before libvirt is asked", assert => {
        assert.strictEqual(volumeNameProblem("disk.qcow2", []), null);
        assert.true(/already has/.test(volumeNameProblem("a", ["a"]) ?? ""));
        assert.notStrictEqual(volumeNameProblem("../x", []), null);
        assert.notStrictEqual(volumeNameProblem(".hidden", []), null);
        assert.notStrictEqual(volumeNameProblem("", []), null);
        assert.true(/does not fit: the pool has 1 GiB free/.test(spaceProblem(2 * 1024 ** 3, 1024 ** 3) ?? ""));
        assert.strictEqual(spaceProblem(1024, 1024), null);
        assert.notStrictEqual(spaceProblem(NaN, 1024), null);
        assert.strictEqual(safeUploadName("C:\\isos\\debian 12.iso"), "debian 12.iso");
        assert.strictEqual(lastDdBytes("1048576 bytes (1.0 MB, 1.0 MiB) copied\r4194304 bytes (4.2 MB) copied"), 4194304);
    });
});

QUnit.module("kvmm pool and vol", () => {

    QUnit.test("commands", assert => {
        assert.deepEqual(parseArgs(["pool", "list"]).command, { kind: "pool-list" });
        assert.deepEqual(parseArgs(["pool", "refresh", "p"]).command, { kind: "pool-refresh", pool: "p" });
        const created = parseArgs(["pool", "create", "vg", "--type", "logical", "--device", "/dev/loop0", "--build"]).command;
        assert.deepEqual(created.kind === "pool-create" && [created.spec.type, created.spec.device, created.spec.build], ["logical", "/dev/loop0", true]);
        assert.deepEqual(parseArgs(["vol", "create", "p", "d.qcow2", "--size", "10G", "--backing", "base"]).command,
                         { kind: "vol-create", pool: "p", name: "d.qcow2", capacity: 10 * 1024 ** 3, format: "qcow2", backing: "base" });
        assert.deepEqual(parseArgs(["vol", "resize", "p", "d", "1.5GiB"]).command, { kind: "vol-resize", pool: "p", name: "d", capacity: 1.5 * 1024 ** 3 });
        assert.deepEqual(parseArgs(["vol", "upload", "p", "x.iso", "--name", "y.iso"]).command, { kind: "vol-upload", pool: "p", file: "x.iso", name: "y.iso" });
        assert.strictEqual(parseSize("512"), 512);
    });

    QUnit.test("refusals", assert => {
        assert.true(/--type needs one of/.test(usage(["pool", "create", "p", "--type", "zfs"])));
        assert.true(/needs --size/.test(usage(["vol", "create", "p", "d"])));
        assert.true(/a size needs/.test(usage(["vol", "resize", "p", "d", "0"])));
        assert.true(/a size needs/.test(usage(["vol", "resize", "p", "d", "lots"])));
        assert.true(/--format needs qcow2 or raw/.test(usage(["vol", "create", "p", "d", "--size", "1G", "--format", "vmdk"])));
        assert.true(/does not apply/.test(usage(["vol", "list", "p", "--build"])));
        assert.true(/usage: kvmm vol clone/.test(usage(["vol", "clone", "p", "a"])));
    });
});
