import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { cpuModelFromCpuinfo } from "../../src/host/host-facts.ts";
import { hostQueries, queryWindow, quoteLabelValue, selector, vmQueries } from "../../src/lib/prometheus/promql.ts";
import { mergeSeries, parseMatrix, PrometheusError } from "../../src/lib/prometheus/response.ts";
import { durationSeconds, type HistorySettings, parseHistoryConf } from "../../src/lib/prometheus/settings.ts";
import { parseCapabilitiesTopology, versionText } from "../../src/libvirt/host-facts.ts";
import { usage } from "./cli-usage.ts";

const LOCAL: HistorySettings = { url: "http://127.0.0.1:9190", scrapeSeconds: 15, vmLabel: "domain", hostSelector: "" };

QUnit.module("history settings", () => {
    QUnit.test("history.conf as history.sh writes it, with defaults for what is missing", assert => {
        const conf = "# comment\nKVMM_HISTORY_PORT=9191\nKVMM_HISTORY_SCRAPE_INTERVAL=5s\nKVMM_HISTORY_RETENTION=30d\nKVMM_HISTORY_URL=\nKVMM_HISTORY_VM_LABEL=domain\nKVMM_HISTORY_HOST_SELECTOR=\n";
        assert.deepEqual(parseHistoryConf(conf), { url: "http://127.0.0.1:9191", scrapeSeconds: 5, vmLabel: "domain", hostSelector: "" });
        assert.deepEqual(parseHistoryConf(""), { url: "http://127.0.0.1:9190", scrapeSeconds: 15, vmLabel: "domain", hostSelector: "" });
    });

    QUnit.test("another endpoint with its label mapping", assert => {
        const conf = "KVMM_HISTORY_URL=https://thanos.example:10902/\nKVMM_HISTORY_VM_LABEL=vm_name\nKVMM_HISTORY_HOST_SELECTOR=host=\"kvm1\"\n";
        assert.deepEqual(parseHistoryConf(conf), { url: "https://thanos.example:10902", scrapeSeconds: 15, vmLabel: "vm_name", hostSelector: "host=\"kvm1\"" });
    });

    QUnit.test("durations", assert => {
        assert.strictEqual(durationSeconds("15s"), 15);
        assert.strictEqual(durationSeconds("2m"), 120);
        assert.strictEqual(durationSeconds("30d"), 2_592_000);
        assert.strictEqual(durationSeconds("15"), undefined, "a unit is needed");
        assert.strictEqual(durationSeconds("soon"), undefined);
    });
});

QUnit.module("PromQL building", () => {
    QUnit.test("label values are quoted and escaped", assert => {
        assert.strictEqual(quoteLabelValue("web-01"), "\"web-01\"");
        assert.strictEqual(quoteLabelValue("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    });

    QUnit.test("selectors add the host's matchers", assert => {
        assert.strictEqual(selector("up", LOCAL), "up");
        assert.strictEqual(selector("up", LOCAL, ["job=\"node\""]), "up{job=\"node\"}");
        assert.strictEqual(selector("up", { ...LOCAL, hostSelector: "host=\"kvm1\"" }, ["job=\"node\""]), "up{job=\"node\",host=\"kvm1\"}");
    });

    QUnit.test("a window has about 240 steps, aligned, with a rate window of at least four samples", assert => {
        const hour = queryWindow(3600, 1_000_000_007, 15);
        assert.deepEqual(hour, { start: 1_000_000_005 - 3600, end: 1_000_000_005, step: 15, rateWindow: 60 });
        const week = queryWindow(7 * 86_400, 1_000_000_000, 15);
        assert.strictEqual(week.step, 2520);
        assert.strictEqual(week.rateWindow, 2520, "a point covers its whole step");
        assert.strictEqual(week.end % week.step, 0);
        assert.strictEqual(queryWindow(3600, 1000, 5).rateWindow, 20);
    });

    QUnit.test("a VM's queries name it by the mapped label, escaped", assert => {
        const w = queryWindow(3600, 1_000_000_000, 15);
        const queries = vmQueries({ ...LOCAL, vmLabel: "vm_name", hostSelector: "host=\"kvm1\"" }, "we\"b", w);
        assert.deepEqual(queries.map(q => q.field), ["cpuPercent", "memoryUsed", "diskRead", "diskWrite", "netRx", "netTx"]);
        assert.strictEqual(queries[0]?.promql,
                           "100 * sum(rate(libvirt_domain_info_cpu_time_seconds_total{vm_name=\"we\\\"b\",host=\"kvm1\"}[60s])) / sum(libvirt_domain_info_virtual_cpus{vm_name=\"we\\\"b\",host=\"kvm1\"})");
        assert.strictEqual(queries[2]?.promql, "sum(rate(libvirt_domain_block_stats_read_bytes_total{vm_name=\"we\\\"b\",host=\"kvm1\"}[60s]))");
    });

    QUnit.test("the host's queries leave out loopback and the VMs' own devices", assert => {
        const queries = hostQueries(LOCAL, queryWindow(86_400, 1_000_000_000, 15));
        assert.strictEqual(queries[0]?.promql, "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[360s])))");
        assert.strictEqual(queries[4]?.promql, "sum(rate(node_network_receive_bytes_total{device!=\"lo\",device!~\"vnet.*|virbr.*-nic|veth.*\"}[360s]))");
    });
});

QUnit.module("Prometheus answers", () => {
    const matrix = (result: unknown[]): string => JSON.stringify({ status: "success", data: { resultType: "matrix", result } });

    QUnit.test("a matrix, with its labels and samples", assert => {
        const series = parseMatrix(matrix([{ metric: { domain: "a" }, values: [[1000, "1.5"], [1015, "NaN"]] }]));
        assert.deepEqual(series[0]?.labels, { domain: "a" });
        assert.strictEqual(series[0]?.samples[0]?.value, 1.5);
        assert.true(Number.isNaN(series[0]?.samples[1]?.value));
    });

    QUnit.test("Prometheus's error in its own words", assert => {
        const body = JSON.stringify({ status: "error", errorType: "bad_data", error: "1:5: parse error: unexpected <EOF>" });
        assert.throws(() => parseMatrix(body), (e: unknown) => e instanceof PrometheusError && e.errorType === "bad_data" && e.message.includes("parse error"));
    });

    QUnit.test("what is not a Prometheus answer", assert => {
        assert.throws(() => parseMatrix("<html>Cockpit</html>"), /not JSON/);
        assert.throws(() => parseMatrix(JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } })), /Expected a matrix/);
        assert.throws(() => parseMatrix(matrix([{ metric: {}, values: [[1, 2]] }])), /time, "value"/);
    });

    QUnit.test("series merge by timestamp; gaps and NaN leave the field out", assert => {
        const points = mergeSeries(new Map([
            ["cpu", parseMatrix(matrix([{ metric: {}, values: [[1000, "10"], [1015, "20"]] }]))],
            ["net", parseMatrix(matrix([{ metric: { d: "1" }, values: [[1015, "3"], [1030, "NaN"]] }, { metric: { d: "2" }, values: [[1015, "4"]] }]))],
        ]));
        assert.deepEqual(points, [
            { at: 1_000_000, values: { cpu: 10 } },
            { at: 1_015_000, values: { cpu: 20, net: 7 } },
        ]);
    });
});

QUnit.module("host facts", () => {
    QUnit.test("topology, versions and CPU model", assert => {
        const caps = "<capabilities><host><cpu><arch>x86_64</arch><model>kvm64</model><topology sockets='1' dies='2' cores='4' threads='2'/></cpu></host></capabilities>";
        assert.deepEqual(parseCapabilitiesTopology(caps), { sockets: 2, cores: 4, threads: 2 });
        assert.strictEqual(parseCapabilitiesTopology("<capabilities><host/></capabilities>"), undefined);
        assert.strictEqual(versionText(9_000_000), "9.0.0");
        assert.strictEqual(versionText(7_002_022), "7.2.22");
        assert.strictEqual(cpuModelFromCpuinfo("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n"), "AMD EPYC 7B13");
    });
});

QUnit.module("kvmm stats command line", () => {

    QUnit.test("a VM or the host, over a span", assert => {
        assert.deepEqual(parseArgs(["stats", "web"]).command, { kind: "stats", target: { kind: "vm", name: "web" }, sinceSeconds: 3600 });
        assert.deepEqual(parseArgs(["stats", "--host", "--since", "7d", "--json"]).command, { kind: "stats", target: { kind: "host" }, sinceSeconds: 604_800 });
        assert.deepEqual(parseArgs(["stats", "--since=30m", "--host"]).command, { kind: "stats", target: { kind: "host" }, sinceSeconds: 1800 });
        const remote = parseArgs(["--host", "me@kvm1", "stats", "--host"]);
        assert.strictEqual(remote.global.host, "me@kvm1", "--host USER@HOST still runs it there");
        assert.deepEqual(remote.command, { kind: "stats", target: { kind: "host" }, sinceSeconds: 3600 });
        assert.deepEqual(remote.forward, ["stats", "--this-host"], "the remote kvmm gets the host's own stats");
    });

    QUnit.test("refusals", assert => {
        assert.strictEqual(usage(["stats"]), "usage: kvmm stats VM|--host [--since DURATION] [--json]");
        assert.strictEqual(usage(["stats", "a", "b"]), "usage: kvmm stats VM|--host [--since DURATION] [--json]");
        assert.strictEqual(usage(["stats", "a", "--host"]), "usage: kvmm stats VM|--host [--since DURATION] [--json]");
        assert.strictEqual(usage(["stats", "a", "--since", "soon"]), "--since needs a duration such as 30m, 6h or 7d, not soon");
        assert.strictEqual(usage(["list", "--since", "1h"]), "--since does not apply to this command");
    });
});
