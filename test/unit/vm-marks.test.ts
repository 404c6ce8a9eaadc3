import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { KVMM_NAMESPACE, kvmmMetadataXml, parseKvmmMetadataXml } from "../../src/libvirt/kvmm-metadata.ts";
import { kvmmMetadataOf, templateXml, vmXml } from "../../src/libvirt/template-xml.ts";
import { applyMarksChange, checkMarkName, defaultTagColour, parseTagSpec } from "../../src/operations/vm-marks.ts";
import { usage } from "./cli-usage.ts";

const ODD = ["a & b", "<tag>", "\"quoted\" 'too'", "two  spaces", "grüße", "日本語", "🙂 smile", "x:y", "&amp;"];

/** What libvirt's GetMetadata answers for an element it was given: namespace gone, non-ASCII as references. */
function asLibvirtAnswers(xml: string): string {
    return xml.replace(/[^ -~\s]/gu, c => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`);
}

const error = (f: () => unknown): string => {
    try {
        f();
        return "";
    } catch (e) {
        return e instanceof Error ? e.message : String(e);
    }
};

QUnit.module("Tags and folders in our metadata", () => {
    QUnit.test("odd names round-trip through the element libvirt stores", assert => {
        const meta = { tags: ODD.map((name, i) => ({ name, colour: i % 2 ? "red" as const : "blue" as const })), folder: "Prod & <Test> ü" };
        const xml = kvmmMetadataXml(meta);
        assert.true(xml.trim().startsWith("<vm>"), "no prefix: libvirt puts its namespace on every element");
        assert.deepEqual(parseKvmmMetadataXml(xml), meta);
        assert.deepEqual(parseKvmmMetadataXml(asLibvirtAnswers(xml)), meta, "character references read as the characters");
        assert.deepEqual(parseKvmmMetadataXml(kvmmMetadataXml({})), {}, "nothing to record: an empty element");
    });

    QUnit.test("marks this version does not know, and the template mark, are kept", assert => {
        const previous = `<vm><template><disk target="vda"/></template><future level="2"><x/></future><tags><tag name="old" colour="red"/></tags></vm>`;
        const next = applyMarksChange(parseKvmmMetadataXml(previous), { add: [{ name: "new" }], remove: ["old"], folder: "f" });
        const xml = kvmmMetadataXml(next, previous);
        assert.deepEqual(parseKvmmMetadataXml(xml), { template: { protectedDisks: ["vda"] }, tags: [{ name: "new", colour: defaultTagColour("new") }], folder: "f" });
        assert.true(/<future level="2">\s*<x\/>\s*<\/future>/.test(xml), "the unknown element is written back as it was");
        assert.true(kvmmMetadataXml({}, previous).includes("<future"), "an unknown mark is kept when ours are all gone");
    });

    QUnit.test("malformed or foreign metadata reads without failing", assert => {
        assert.deepEqual(parseKvmmMetadataXml(`<vm><tags>text</tags><folder/><tag name="stray"/></vm>`), {}, "shapes of another writer are passed over");
        assert.deepEqual(parseKvmmMetadataXml(`<vm><tags><tag colour="blue"/><tag name="a" colour="chartreuse"/><tag name="a" colour="red"/></tags></vm>`),
                         { tags: [{ name: "a", colour: "grey" }] }, "nameless and repeated tags dropped, unknown colours grey");
        assert.deepEqual(parseKvmmMetadataXml("<other/>"), {});
        const domain = `<domain type='qemu'><name>d</name><metadata>
            <vm xmlns="urn:someone-else"><tags><tag name="not ours"/></tags></vm>
            <mine:vm xmlns:mine="${KVMM_NAMESPACE}"><mine:tags><mine:tag name="ours" colour="teal"/></mine:tags><mine:folder name="F"/></mine:vm>
            </metadata><memory>65536</memory><devices/></domain>`;
        assert.deepEqual(kvmmMetadataOf(domain), { tags: [{ name: "ours", colour: "teal" }], folder: "F" }, "found by namespace, whatever the prefix");
        assert.strictEqual(parseDomainXml(domain).template, undefined);
    });

    QUnit.test("converting to a template and back keeps tags, folder and foreign metadata", assert => {
        const domain = `<domain type='qemu'><name>d</name><metadata>
            <other:x xmlns:other="urn:other"/>
            <kvmm:vm xmlns:kvmm="${KVMM_NAMESPACE}"><kvmm:tags><kvmm:tag name="a &amp; b" colour="red"/></kvmm:tags><kvmm:folder name="ü"/></kvmm:vm>
            </metadata><memory>65536</memory><devices><disk type='file' device='disk'><target dev='vda'/></disk></devices></domain>`;
        const template = templateXml(domain);
        assert.deepEqual(kvmmMetadataOf(template), { template: { protectedDisks: ["vda"] }, tags: [{ name: "a & b", colour: "red" }], folder: "ü" });
        const back = vmXml(template);
        assert.deepEqual(kvmmMetadataOf(back), { tags: [{ name: "a & b", colour: "red" }], folder: "ü" });
        assert.true(back.includes("urn:other"));
    });

    QUnit.test("names are checked: trimmed, not empty, not over-long, no control characters", assert => {
        assert.strictEqual(checkMarkName("  web  ", "tag"), "web");
        assert.strictEqual(error(() => checkMarkName("   ", "tag")), "A tag name cannot be empty.");
        assert.strictEqual(error(() => checkMarkName("", "folder")), "A folder name cannot be empty.");
        assert.strictEqual(checkMarkName("ü".repeat(64), "tag").length, 64, "64 characters (not bytes) are allowed");
        assert.true(error(() => checkMarkName("x".repeat(65), "folder")).startsWith("A folder name can have at most 64 characters"));
        assert.true(error(() => checkMarkName("a\nb", "tag")).includes("control characters"));
        assert.true(error(() => applyMarksChange({ tags: [{ name: "keep", colour: "red" }] }, { add: [{ name: "" }] })).includes("cannot be empty"),
                    "a bad name refuses the whole change");
    });

    QUnit.test("changes: add keeps an existing colour unless one is given, remove, replace, folder none", assert => {
        const start = { tags: [{ name: "a", colour: "red" as const }], folder: "f" };
        assert.deepEqual(applyMarksChange(start, { add: [{ name: "a" }] }).tags, [{ name: "a", colour: "red" }]);
        assert.deepEqual(applyMarksChange(start, { add: [{ name: "a", colour: "green" }] }).tags, [{ name: "a", colour: "green" }]);
        assert.deepEqual(applyMarksChange(start, { remove: ["a"], folder: null }), {});
        assert.deepEqual(applyMarksChange(start, { tags: [{ name: "b", colour: "teal" }] }), { tags: [{ name: "b", colour: "teal" }], folder: "f" });
        assert.strictEqual(defaultTagColour("web"), defaultTagColour("web"), "the same name gets the same colour");
        assert.deepEqual(parseTagSpec("db:red"), { name: "db", colour: "red" });
        assert.deepEqual(parseTagSpec("a:b"), { name: "a:b" }, "a colon before something that is no colour is part of the name");
    });

    QUnit.test("kvmm tag, folder and list --tag/--folder", assert => {
        assert.deepEqual(parseArgs(["tag", "vm", "--add", "web:blue", "--add", "a & b", "--remove", "old"]).command,
                         { kind: "tag", vm: "vm", add: [{ name: "web", colour: "blue" }, { name: "a & b" }], remove: ["old"] });
        assert.deepEqual(parseArgs(["tag", "vm"]).command, { kind: "tag", vm: "vm", add: [], remove: [] });
        assert.deepEqual(parseArgs(["folder", "vm", "Prod ü"]).command, { kind: "folder", vm: "vm", folder: "Prod ü" });
        assert.deepEqual(parseArgs(["folder", "vm", "--none"]).command, { kind: "folder", vm: "vm", folder: null });
        assert.deepEqual(parseArgs(["folder", "vm"]).command, { kind: "folder", vm: "vm" });
        assert.deepEqual(parseArgs(["list", "--tag", "a", "--tag", "b", "--folder", "f"]).command, { kind: "list", tags: ["a", "b"], folder: "f" });
        assert.strictEqual(usage(["tag", "vm", "--add", " "]), "A tag name cannot be empty.");
        assert.strictEqual(usage(["folder", "vm", "x", "--none"]), "usage: kvmm folder VM [NAME|--none]");
        assert.strictEqual(usage(["tag"]), "usage: kvmm tag VM [--add TAG[:COLOUR]]... [--remove TAG]...");
        assert.strictEqual(usage(["tag", "vm", "--none"]), "--none does not apply to this command");
    });
});
