import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { newSnapshotXml, parseSnapshotXml, type SnapshotInfo } from "../../src/libvirt/snapshot-xml.ts";
import { checkSnapshotName, defaultSnapshotName, snapshotBlocker, snapshotRows } from "../../src/operations/snapshots.ts";

// As virsh snapshot-dumpxml prints a running VM's internal snapshot (domain shortened).
const RUNNING = `<domainsnapshot>
  <name>before &lt;upgrade&gt; &amp; "reboot"</name>
  <description>kernel 6.1 &amp; 'old' config</description>
  <state>running</state>
  <parent>
    <name>base</name>
  </parent>
  <creationTime>1764152640</creationTime>
  <memory snapshot='internal'/>
  <disks>
    <disk name='vda' snapshot='internal'/>
  </disks>
  <domain type='qemu'><name>vm</name><devices><disk type='file' device='disk'><target dev='vda'/></disk></devices></domain>
</domainsnapshot>`;

const OFFLINE = `<domainsnapshot><name>base</name><state>shutoff</state><creationTime>1764150000</creationTime><memory snapshot='no'/></domainsnapshot>`;

function snap(name: string, createdAt: number, parent?: string): SnapshotInfo {
    return { name, createdAt, description: "", state: "shutoff", memory: false, ...(parent ? { parent } : {}) };
}

QUnit.module("snapshots", () => {
    QUnit.test("libvirt's snapshot XML is read: name, description, state, parent, time, memory", assert => {
        assert.deepEqual(parseSnapshotXml(RUNNING), {
            name: "before <upgrade> & \"reboot\"",
            description: "kernel 6.1 & 'old' config",
            state: "running",
            parent: "base",
            createdAt: 1764152640,
            memory: true,
        });
        assert.deepEqual(parseSnapshotXml(OFFLINE), { name: "base", description: "", state: "shutoff", createdAt: 1764150000, memory: false });
        assert.throws(() => parseSnapshotXml("<domain><name>x</name></domain>"), /not a domain snapshot/);
    });

    QUnit.test("the XML for a new snapshot carries any text safely, and reads back the same", assert => {
        const name = "a&b <c> \"d\" 'e' ünï";
        const description = "line 1\n<b>not markup</b> & more";
        const xml = newSnapshotXml(name, description);
        assert.false(xml.includes("<b>"), "markup in the description is escaped");
        const back = parseSnapshotXml(xml);
        assert.strictEqual(back.name, name);
        assert.strictEqual(back.description, description);
        assert.false(newSnapshotXml("x", "").includes("description"), "no empty description element");
    });

    QUnit.test("names: empty, '/', taken are refused; the proposed one is free", assert => {
        assert.strictEqual(checkSnapshotName("  ", []), "Enter a name.");
        assert.strictEqual(checkSnapshotName("a/b", []), "A name cannot contain '/'.");
        assert.strictEqual(checkSnapshotName("one", ["one"]), "There is already a snapshot with this name.");
        assert.strictEqual(checkSnapshotName("before <upgrade> & more", ["one"]), null);
        const now = new Date(2026, 10, 26, 9, 5);
        assert.strictEqual(defaultSnapshotName(now, []), "snapshot-2026-11-26-0905");
        assert.strictEqual(defaultSnapshotName(now, ["snapshot-2026-11-26-0905", "snapshot-2026-11-26-0905-2"]), "snapshot-2026-11-26-0905-3");
    });

    QUnit.test("a VM with a writable disk that is not qcow2 cannot have snapshots; CD-ROMs do not count", assert => {
        const vm = (disks: string): ReturnType<typeof parseDomainXml> => parseDomainXml(`<domain type='qemu'><name>v</name><memory>1024</memory><vcpu>1</vcpu><os><type>hvm</type></os><devices>${disks}</devices></domain>`);
        const qcow2 = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/a.qcow2'/><target dev='vda'/></disk>";
        const iso = "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/a.iso'/><target dev='sda'/><readonly/></disk>";
        const raw = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/b.img'/><target dev='vdb'/></disk>";
        assert.strictEqual(snapshotBlocker(vm(qcow2 + iso)), undefined);
        assert.strictEqual(snapshotBlocker(vm("")), undefined, "no disks: libvirt decides");
        const blocker = snapshotBlocker(vm(qcow2 + raw + iso)) ?? "";
        assert.true(blocker.includes("vdb") && blocker.includes("raw") && blocker.includes("qcow2"), blocker);
    });

    QUnit.test("the list is a tree: oldest first, children under their parent; orphans and loops are kept", assert => {
        const list = [snap("c", 30, "a"), snap("b", 20, "a"), snap("a", 10), snap("d", 40, "b"), snap("z", 5, "deleted")];
        assert.deepEqual(snapshotRows(list).map(r => `${r.snapshot.name}:${String(r.depth)}`), ["z:0", "a:0", "b:1", "d:2", "c:1"]);
        const loop = [snap("x", 1, "y"), snap("y", 2, "x"), snap("self", 3, "self")];
        assert.deepEqual(snapshotRows(loop).map(r => r.snapshot.name).sort(), ["self", "x", "y"], "nothing is lost");
        assert.deepEqual(snapshotRows([]), []);
    });
});
