// The suggestion rules over domain XML as libvirt 9.0 dumps it (defined from a short XML and read
// back with virsh dumpxml --inactive), the week of history as the PromQL answers give it, the
// CPU fix's XML, and kvmm's arguments.
import { readFileSync } from "node:fs";

import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { weekQueries } from "../../src/lib/prometheus/promql.ts";
import { parseVector } from "../../src/lib/prometheus/response.ts";
import { withNamedCpuModel } from "../../src/libvirt/cpu-model-xml.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { missingInputs, type SuggestionInputs, type VmFacts, vmSuggestions, WEEK_HOURS } from "../../src/operations/suggestions/rules.ts";
import { usage } from "./cli-usage.ts";

const legacyXml = readFileSync("test/unit/fixtures/domain-legacy-devices.xml", "utf8");
const modernXml = readFileSync("test/unit/fixtures/domain-virtio-qemu-agent.xml", "utf8");

const facts = (xml: string, more: Partial<VmFacts> = {}): VmFacts => {
    const config = parseDomainXml(xml);
    return { name: config.name, config, persistent: true, autostart: false, ...more };
};
const kvm: SuggestionInputs = { tcgHost: false, week: undefined };
const rules = (vm: VmFacts, inputs: SuggestionInputs = kvm): string[] => vmSuggestions(vm, inputs).map(s => s.rule);
const GiB = 1024 ** 3;

QUnit.module("suggestions", () => {
    QUnit.test("a VM with emulated disk and NIC is told about virtio, with no automatic fix", assert => {
        const found = vmSuggestions(facts(legacyXml), kvm);
        const disk = found.find(s => s.rule === "virtio-disk");
        assert.true(disk?.title.includes("sda (sata)"), disk?.title);
        assert.false(disk?.title.includes("sdb"), "the CD-ROM is not counted");
        assert.strictEqual(disk?.fix, undefined, "the bus is not switched for the user");
        const nic = found.find(s => s.rule === "virtio-nic");
        assert.true(nic?.title.includes("52:54:00:93:95:d4 (e1000e)"), nic?.title);
        assert.strictEqual(nic?.fix, undefined);
        assert.false(rules(facts(modernXml)).some(r => r.startsWith("virtio")), "virtio devices raise nothing");
    });

    QUnit.test("no agent channel: the fix adds it; either agent's channel is enough", assert => {
        assert.strictEqual(vmSuggestions(facts(legacyXml), kvm).find(s => s.rule === "agent-channel")?.fix, "add-agent-channel");
        assert.false(rules(facts(modernXml)).includes("agent-channel"), "qemu-guest-agent's channel counts");
    });

    QUnit.test("host-passthrough under TCG: the fix sets a named model; not on a KVM host with a KVM domain", assert => {
        const tcg = vmSuggestions(facts(legacyXml), { tcgHost: true, week: undefined }).find(s => s.rule === "cpu-model-tcg");
        assert.strictEqual(tcg?.fix, "named-cpu-model");
        assert.true(tcg?.explanation.includes("qemu64"), "names the model it sets");
        // The sample is a type='qemu' domain: it runs under TCG whatever the host has.
        assert.true(rules(facts(legacyXml), kvm).includes("cpu-model-tcg"));
        const kvmDomain = facts(legacyXml.replace("<domain type='qemu'>", "<domain type='kvm'>"));
        assert.false(rules(kvmDomain, kvm).includes("cpu-model-tcg"), "KVM copies the host's CPU well");
        assert.false(rules(facts(modernXml), { tcgHost: true, week: undefined }).includes("cpu-model-tcg"), "a named model is fine");
        const transient = vmSuggestions(facts(legacyXml, { persistent: false }), kvm).find(s => s.rule === "cpu-model-tcg");
        assert.strictEqual(transient?.fix, undefined, "a transient VM has no definition to change");
    });

    QUnit.test("the CPU fix keeps the topology and drops the host's mode", assert => {
        const cpu = parseDomainXml(withNamedCpuModel(legacyXml, "qemu64")).cpu;
        assert.deepEqual([cpu.mode, cpu.model, cpu.sockets, cpu.cores, cpu.threads], ["custom", "qemu64", 1, 2, 1]);
        const xml = withNamedCpuModel(legacyXml, "qemu64");
        assert.false(xml.includes("migratable"), "host-passthrough's own attribute goes");
        assert.true(xml.includes("<model fallback=\"allow\">qemu64</model>"), xml.slice(xml.indexOf("<cpu"), xml.indexOf("</cpu>")));
    });

    QUnit.test("autostart: only for a persistent VM found running at every hourly check of the week", assert => {
        const name = "kvmmt-h36-sample-modern";
        const week = (runningHours: number) => ({ tcgHost: false, week: new Map([[name, { runningHours, memoryHours: 0 }]]) });
        const autostart = vmSuggestions(facts(modernXml), week(WEEK_HOURS)).find(s => s.rule === "autostart");
        assert.strictEqual(autostart?.fix, "enable-autostart");
        assert.false(rules(facts(modernXml), week(WEEK_HOURS - 1)).includes("autostart"), "off for an hour of the week");
        assert.false(rules(facts(modernXml, { autostart: true }), week(WEEK_HOURS)).includes("autostart"), "already on");
        assert.false(rules(facts(modernXml, { persistent: false }), week(WEEK_HOURS)).includes("autostart"), "transient");
        assert.false(rules(facts(modernXml), kvm).includes("autostart"), "no history, no judgement");
    });

    QUnit.test("memory unused all week: at least half of it and 512 MiB free at every check", assert => {
        const name = "kvmmt-h36-sample-legacy";
        const week = (leastUsableBytes: number, memoryHours = WEEK_HOURS) =>
            ({ tcgHost: false, week: new Map([[name, { runningHours: 0, memoryHours, leastUsableBytes }]]) });
        const found = vmSuggestions(facts(legacyXml), week(1.5 * GiB)).find(s => s.rule === "memory-unused");
        assert.true(found?.title.startsWith("1.5 GiB"), found?.title);
        assert.true(found?.explanation.includes("2 GiB"), "says what it was given");
        assert.strictEqual(found?.fix, undefined, "the size is the user's choice");
        assert.false(rules(facts(legacyXml), week(0.9 * GiB)).includes("memory-unused"), "less than half free");
        assert.false(rules(facts(legacyXml), week(1.5 * GiB, WEEK_HOURS - 10)).includes("memory-unused"), "statistics for part of the week only");
    });

    QUnit.test("templates get no suggestions; what the rules over time lack is said", assert => {
        const template = facts(legacyXml);
        template.config.template = { protectedDisks: ["sda"] };
        assert.deepEqual(rules(template), []);
        assert.true(missingInputs(kvm, false)[0]?.includes("not set up"), "no history");
        assert.true(missingInputs({ tcgHost: false, week: new Map() }, false)[0]?.includes("libvirt_domain_memory_stats_usable_bytes"), "no guest memory statistics");
        assert.deepEqual(missingInputs({ tcgHost: false, week: new Map() }, true), []);
    });

    QUnit.test("the week's PromQL keeps the VM label and the host selector; instant answers parse", assert => {
        const q = weekQueries({ url: "http://x", scrapeSeconds: 15, vmLabel: "domain", hostSelector: "host=\"kvm1\"" });
        assert.strictEqual(q.runningHours, "max by (domain) (count_over_time((libvirt_domain_state_code{host=\"kvm1\"} == 1)[7d:1h]))");
        assert.true(q.leastUsableBytes.startsWith("min by (domain) (min_over_time(libvirt_domain_memory_stats_usable_bytes{host=\"kvm1\"}[7d:1h]))"));
        const answer = JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: { domain: "a" }, value: [1700000000, "168"] }] } });
        assert.deepEqual(parseVector(answer), [{ labels: { domain: "a" }, value: 168 }]);
        assert.throws(() => parseVector(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [] } })), /Expected a vector/);
    });

    QUnit.test("kvmm suggestions takes at most one VM", assert => {
        assert.deepEqual(parseArgs(["suggestions", "--json"]).command, { kind: "suggestions" });
        assert.deepEqual(parseArgs(["suggestions", "vm1"]).command, { kind: "suggestions", vm: "vm1" });
        assert.strictEqual(usage(["suggestions", "a", "b"]), "usage: kvmm suggestions [VM]");
    });
});
