import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { KVMM_NAMESPACE, parseKvmmMetadataXml } from "../../src/libvirt/kvmm-metadata.ts";
import { kvmmMetadataOf, templateXml, vmXml } from "../../src/libvirt/template-xml.ts";
import { expandNamePattern, takenNames } from "../../src/operations/name-pattern.ts";

const XML = `<domain type='qemu'>
  <name>base</name>
  <uuid>6d0fa4a6-1f0b-4f3e-9d3f-2b4b3b0e7c11</uuid>
  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"><libosinfo:os id="http://debian.org/debian/12"/></libosinfo:libosinfo>
  </metadata>
  <memory unit='KiB'>65536</memory>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/base.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><source file='/img/shared.raw'/><target dev='vdb' bus='virtio'/><readonly/></disk>
    <disk type='file' device='cdrom'><source file='/img/seed.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
  </devices>
</domain>`;

QUnit.module("Templates: our metadata and the definition", () => {
    QUnit.test("converting protects the writable disks, records them, and keeps other metadata", assert => {
        const out = templateXml(XML);
        const config = parseDomainXml(out);
        assert.deepEqual(config.template, { protectedDisks: ["vda"] }, "only the disk that was writable is recorded");
        assert.true(config.disks.every(d => d.readonly), "every disk is read-only");
        assert.strictEqual(config.osId, "http://debian.org/debian/12", "libosinfo's metadata is kept");
        assert.true(out.includes(`<kvmm:vm xmlns:kvmm="${KVMM_NAMESPACE}">`));
    });

    QUnit.test("converting back makes only the recorded disks writable and removes the mark", assert => {
        const back = vmXml(templateXml(XML));
        const config = parseDomainXml(back);
        assert.strictEqual(config.template, undefined);
        assert.deepEqual(config.disks.map(d => [d.target, d.readonly]), [["vda", false], ["vdb", true], ["sda", true]]);
        assert.false(back.includes(KVMM_NAMESPACE), "an empty element is not left behind");
        assert.strictEqual(config.osId, "http://debian.org/debian/12");
    });

    QUnit.test("a definition without <metadata> gets one; another prefix for our namespace is still ours", assert => {
        const bare = XML.replace(/<metadata>[\s\S]*<\/metadata>/, "");
        assert.deepEqual(parseDomainXml(templateXml(bare)).template, { protectedDisks: ["vda"] });
        const other = templateXml(XML).replace(/kvmm:/g, "km:").replace("xmlns:kvmm", "xmlns:km");
        assert.deepEqual(kvmmMetadataOf(other).template, { protectedDisks: ["vda"] });
        assert.false(vmXml(other).includes(KVMM_NAMESPACE), "and converting back finds it");
        assert.strictEqual(kvmmMetadataOf(XML.replace("<metadata>", `<metadata><kvmm:vm xmlns:kvmm="https://example.org/other"><kvmm:template/></kvmm:vm>`)).template,
                           undefined, "the same prefix in another namespace is not ours");
    });

    QUnit.test("children of our element this version does not know are kept", assert => {
        const withFuture = templateXml(XML).replace("</kvmm:template>", "</kvmm:template><kvmm:future><kvmm:mark>web</kvmm:mark></kvmm:future>");
        const back = vmXml(withFuture);
        assert.true(back.includes("<kvmm:mark>web</kvmm:mark>"), "the unknown mark stays");
        assert.strictEqual(kvmmMetadataOf(back).template, undefined);
    });

    QUnit.test("GetMetadata's answer (the element without its namespace)", assert => {
        assert.deepEqual(parseKvmmMetadataXml('<vm>\n  <template>\n    <disk target="vda"/>\n  </template>\n</vm>'), { template: { protectedDisks: ["vda"] } });
        assert.deepEqual(parseKvmmMetadataXml("<vm><template/></vm>"), { template: { protectedDisks: [] } });
        assert.deepEqual(parseKvmmMetadataXml("<vm/>"), {});
    });
});

QUnit.module("Templates: name patterns", () => {
    QUnit.test("a range with zero padding, an open range with a count, one plain name", assert => {
        assert.deepEqual(expandNamePattern("web-{01..03}"), { names: ["web-01", "web-02", "web-03"] });
        assert.deepEqual(expandNamePattern("web-{8..10}.lab"), { names: ["web-8.lab", "web-9.lab", "web-10.lab"] });
        assert.deepEqual(expandNamePattern("db{001..}", 2), { names: ["db001", "db002"] });
        assert.deepEqual(expandNamePattern("solo"), { names: ["solo"] });
        assert.deepEqual(expandNamePattern("solo", 1), { names: ["solo"] });
        const ten = expandNamePattern("web-{01..10}");
        assert.strictEqual("names" in ten ? ten.names.at(-1) : "", "web-10");
    });

    QUnit.test("refusals in words", assert => {
        const problem = (pattern: string, count?: number): string => {
            const result = expandNamePattern(pattern, count);
            return "problem" in result ? result.problem : "";
        };
        assert.true(problem("web", 3).includes("needs a number range"));
        assert.true(problem("web-{1..3}", 4).includes("makes 3 names, but the count is 4"));
        assert.true(problem("web-{5..1}").includes("counts down"));
        assert.true(problem("web-{1..}").includes("open range"));
        assert.true(problem("web-{a..c}").includes("not a name pattern"));
        assert.true(problem("{1..2}-{1..2}").includes("more than one range"));
        assert.true(problem("web-{1..500}").includes("at most 100"));
        assert.true(problem("a/{1..2}").includes("'/'"));
        assert.true(problem("x", 0).includes("from 1 to 100"));
    });

    QUnit.test("taken names: existing ones and repeats", assert => {
        assert.deepEqual(takenNames(["a", "b", "c", "b"], ["c", "z"]), ["c", "b"]);
        assert.deepEqual(takenNames(["a"], []), []);
    });
});
