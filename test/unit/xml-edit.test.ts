import QUnit from "qunit";

import { withBootOrder } from "../../src/libvirt/boot-order.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";

const XML = `<domain type='kvm'>
  <name>a &amp; b &lt;c&gt; "d"</name>
  <description>keep 'this' &amp; that</description>
  <os><type arch='x86_64' machine='pc'>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader><boot dev='hd'/></os>
  <unknown-element some-attr='x'><child>text</child></unknown-element>
  <devices>
    <disk type='file' device='disk'><source file='/img/a&amp;b.qcow2'/><target dev='vda' bus='virtio'/><boot order='1'/></disk>
    <interface type='network'><source network='default'/><boot order='2'/></interface>
  </devices>
</domain>`;

QUnit.module("XML edits", () => {
    QUnit.test("boot order is set and everything else survives", assert => {
        const out = withBootOrder(XML, ["cdrom", "network", "hd"]);
        const d = parseDomainXml(out);
        assert.deepEqual(d.bootOrder, ["cdrom", "network", "hd"]);
        assert.strictEqual(d.name, "a & b <c> \"d\"", "entities round-trip");
        assert.strictEqual(d.description, "keep 'this' & that");
        assert.strictEqual(d.disks[0]?.path, "/img/a&b.qcow2");
        assert.strictEqual(d.firmware.kind, "efi", "the loader is kept");
        assert.true(out.includes("<unknown-element some-attr=\"x\">"), "unknown elements are kept");
        assert.false(/<boot order=/.test(out), "per-device boot orders are dropped, as libvirt requires");
        assert.true(out.indexOf("<type") < out.indexOf("<boot dev=\"cdrom\""), "order inside <os> is kept");
    });

    QUnit.test("an empty order removes the boot entries; non-domain XML is refused", assert => {
        assert.deepEqual(parseDomainXml(withBootOrder(XML, [])).bootOrder, []);
        assert.throws(() => withBootOrder("<network><name>n</name></network>", ["hd"]), /not a domain/);
    });
});
