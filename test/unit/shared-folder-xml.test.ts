import QUnit from "qunit";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { proposedTag, sharedFolderProblem, sharedFolderXml, withSharedFolder } from "../../src/libvirt/shared-folder-xml.ts";

const DOMAIN = `<domain type='qemu'><name>vm</name><memory unit='KiB'>131072</memory><!-- kept -->
<devices><disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda'/></disk></devices></domain>`;

QUnit.module("shared folders", () => {
    QUnit.test("a shut-off VM's definition gets shared memory and the folder, everything else kept", assert => {
        const xml = withSharedFolder(DOMAIN, { hostDir: "/srv/a&b <c>", tag: "data", readOnly: false });
        const config = parseDomainXml(xml);
        assert.true(config.sharedMemory, "memory shared with the host");
        assert.deepEqual(config.sharedFolders, [{ hostDir: "/srv/a&b <c>", tag: "data", readOnly: false, driver: "virtiofs" }], "XML specials round-trip");
        assert.true(xml.includes("<source type=\"memfd\"") || xml.includes("<source type='memfd'"), "memfd backing when it had none");
        assert.true(xml.includes("<!-- kept -->") && config.disks[0]?.path === "/a.qcow2", "comments and other devices stay");
    });

    QUnit.test("an existing memory backing keeps its huge pages and becomes shared", assert => {
        const withPages = DOMAIN.replace("<devices>", "<memoryBacking><hugepages/><access mode='private'/></memoryBacking><devices>");
        const xml = withSharedFolder(withPages, { hostDir: "/srv", tag: "t", readOnly: true });
        assert.false(xml.includes("memfd"), "no memfd next to huge pages");
        assert.strictEqual((xml.match(/<access /g) ?? []).length, 1, "one access element");
        assert.true(parseDomainXml(xml).sharedMemory);
        assert.true(parseDomainXml(xml).sharedFolders[0]?.readOnly, "read-only kept");
    });

    QUnit.test("the device XML for hot-plug", assert => {
        const xml = sharedFolderXml({ hostDir: "/srv/x'y", tag: "x", readOnly: false });
        assert.true(xml.startsWith("<filesystem type=\"mount\" accessmode=\"passthrough\">"), xml);
        assert.true(xml.includes("<driver type=\"virtiofs\"") && xml.includes("dir=\"/srv/x&apos;y\"") && !xml.includes("readonly"), xml);
    });

    QUnit.test("bad input is refused with the reason; the proposed tag is always valid", assert => {
        const ok = { hostDir: "/srv", tag: "data", readOnly: false };
        assert.strictEqual(sharedFolderProblem(ok, []), null);
        assert.true(sharedFolderProblem({ ...ok, hostDir: "srv" }, [])?.includes("full path"));
        assert.true(sharedFolderProblem({ ...ok, tag: "" }, [])?.includes("mount tag"));
        assert.true(sharedFolderProblem({ ...ok, tag: "a b" }, [])?.includes("no spaces"));
        assert.true(sharedFolderProblem({ ...ok, tag: "é".repeat(19) }, [])?.includes("36 bytes"), "bytes, not characters");
        assert.true(sharedFolderProblem(ok, ["data"])?.includes("already shares"));
        for (const dir of ["/srv/my share", "/home/u/" + "ü".repeat(40), "/x/a,b'c\"d\\e/"]) {
            const tag = proposedTag(dir);
            assert.strictEqual(sharedFolderProblem({ ...ok, tag }, []), null, `${dir} → ${tag}`);
        }
        assert.strictEqual(proposedTag("/srv/my share/"), "my-share");
    });
});
