import QUnit from "qunit";

import type { Metrics } from "../../agent/src/protocol.ts";
import { uptimeFromPs } from "../../src/host/vm-uptime.ts";
import { formatDuration } from "../../src/lib/format-duration.ts";
import { type AgentStatus, agentStatus, qemuAgentStatus } from "../../src/libvirt/agent-channel-xml.ts";
import { type DomainStats, parseAllStats } from "../../src/libvirt/domain-stats.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { checkMemory, checkVcpus, checkVmName, vcpuOvercommitWarning } from "../../src/operations/resource-limits.ts";
import { GuestMetricsHistory } from "../../src/state/guest-metrics-history.ts";
import { UsageHistories, UsageHistory } from "../../src/state/usage-history.ts";
import { transferProgressLabel } from "../../src/views/common/transfer-progress.ts";
import { agentStatusText } from "../../src/views/vm-details/guest/agent-status.ts";
import { memoryAppliesAfterShutdown } from "../../src/views/vm-details/overview/memory-pending.ts";

const LIVE_XML = `<domain type='kvm' id='3'>
  <name>web</name><uuid>11111111-2222-3333-4444-555555555555</uuid>
  <metadata><libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"><libosinfo:os id="http://debian.org/debian/12"/></libosinfo:libosinfo></metadata>
  <memory unit='KiB'>2097152</memory><currentMemory unit='KiB'>1048576</currentMemory>
  <vcpu placement='static' current='2'>4</vcpu>
  <os firmware='efi'><type arch='x86_64' machine='pc-q35-7.2'>hvm</type><firmware><feature enabled='yes' name='secure-boot'/></firmware><boot dev='cdrom'/><boot dev='hd'/></os>
  <cpu mode='host-passthrough'><topology sockets='1' dies='1' cores='2' threads='2'/></cpu>
  <devices>
    <interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='default'/><target dev='vnet3'/><model type='virtio'/><link state='down'/></interface>
    <interface type='bridge'><mac address='52:54:00:00:00:01'/><source bridge='br0'/></interface>
    <graphics type='vnc' port='5901' autoport='yes' listen='127.0.0.1' passwd='secret'><listen type='address' address='127.0.0.1'/></graphics>
    <serial type='pty'><source path='/dev/pts/4'/><target type='isa-serial' port='0'/><alias name='serial0'/></serial>
    <console type='pty' tty='/dev/pts/4'><target type='serial' port='0'/></console>
    <channel type='unix'><source mode='bind' path='/var/lib/libvirt/qemu/channel/target/domain-3-web/org.kvmmanager.agent.0'/><target type='virtio' name='org.kvmmanager.agent.0' state='connected'/></channel>
    <controller type='virtio-serial' index='0'><alias name='virtio-serial0'/></controller>
  </devices>
</domain>`;

QUnit.module("domain XML: the VM page's fields", () => {
    QUnit.test("CPU, firmware, boot order, OS and devices are read", assert => {
        const d = parseDomainXml(LIVE_XML);
        assert.deepEqual(d.cpu, { current: 2, maximum: 4, sockets: 1, cores: 2, threads: 2, mode: "host-passthrough" });
        assert.deepEqual(d.firmware, { kind: "efi", secureBoot: true, machine: "pc-q35-7.2", arch: "x86_64" });
        assert.deepEqual(d.bootOrder, ["cdrom", "hd"]);
        assert.strictEqual(d.osId, "http://debian.org/debian/12");
        assert.strictEqual(d.memoryKiB, 1048576);
        assert.strictEqual(d.maxMemoryKiB, 2097152);
        assert.deepEqual(d.interfaces[0], { type: "network", source: "default", mac: "52:54:00:aa:bb:cc", model: "virtio", hostDevice: "vnet3", linkUp: false });
        assert.true(d.interfaces[1]?.linkUp, "no <link> means up");
        assert.deepEqual(d.graphics[0], { type: "vnc", port: 5901, autoport: true, listen: "127.0.0.1", hasPassword: true });
        assert.deepEqual(d.serials.map(s => [s.kind, s.port, s.ptyPath]), [["serial", 0, "/dev/pts/4"], ["console", 0, "/dev/pts/4"]]);
        assert.strictEqual(d.channels[0]?.socketPath, "/var/lib/libvirt/qemu/channel/target/domain-3-web/org.kvmmanager.agent.0");
        assert.strictEqual(agentStatus(d), "connected");
    });

    QUnit.test("agent status without a channel and with nobody listening", assert => {
        const none = parseDomainXml("<domain><name>a</name><memory>1</memory></domain>");
        assert.strictEqual(agentStatus(none), "no-channel");
        assert.false(none.virtioSerial, "no controller: a channel could not be hot-plugged");
        assert.true(parseDomainXml(LIVE_XML).virtioSerial);
        assert.strictEqual(none.firmware.kind, "bios");
        const idle = parseDomainXml(LIVE_XML.replace("state='connected'", "state='disconnected'"));
        assert.strictEqual(agentStatus(idle), "not-listening");
    });

    QUnit.test("qemu-guest-agent's channel is told apart from ours", assert => {
        const qga = LIVE_XML.replace(/org\.kvmmanager\.agent\.0/g, "org.qemu.guest_agent.0");
        assert.strictEqual(qemuAgentStatus(parseDomainXml(qga)), "connected");
        assert.strictEqual(agentStatus(parseDomainXml(qga)), "no-channel");
        assert.strictEqual(qemuAgentStatus(parseDomainXml(qga.replace("state='connected'", "state='disconnected'"))), "not-listening");
        assert.strictEqual(qemuAgentStatus(parseDomainXml(LIVE_XML)), "no-channel");
    });

    QUnit.test("the VM page's agent line: ours first, then qemu-ga, then what is only set up", assert => {
        const text = (ours: AgentStatus, qemu: AgentStatus, running = true) => agentStatusText({ ours, qemu }, running);
        assert.strictEqual(text("connected", "connected"), "KVM Manager guest agent running");
        assert.strictEqual(text("not-listening", "connected"), "qemu-guest-agent running", "qemu-ga stands in");
        assert.strictEqual(text("not-listening", "no-channel"), "Set up, but the KVM Manager guest agent is not running in the guest");
        assert.strictEqual(text("no-channel", "not-listening"), "qemu-guest-agent set up, but not running in the guest");
        assert.strictEqual(text("no-channel", "no-channel"), "None set up");
        // Shut off: a channel is only set up, whatever state its XML still holds.
        assert.strictEqual(text("not-listening", "not-listening", false), "KVM Manager guest agent set up");
        assert.strictEqual(text("connected", "no-channel", false), "KVM Manager guest agent set up");
        assert.strictEqual(text("no-channel", "not-listening", false), "qemu-guest-agent set up");
    });
});

QUnit.module("VM page helpers", () => {
    QUnit.test("vCPU and memory checks refuse what libvirt or the host cannot give", assert => {
        assert.strictEqual(checkVcpus(2, 4, 8), null);
        assert.true(checkVcpus(0, 4, 8)?.includes("at least one"));
        assert.true(checkVcpus(5, 4, 8)?.includes("maximum"));
        assert.strictEqual(checkVcpus(4, 16, 255), null, "more vCPUs than the host's CPUs are allowed");
        assert.true(checkVcpus(2, 300, 255)?.includes("at most 255"), "not more than libvirt gives");
        assert.strictEqual(checkVcpus(2, 300, 0), null, "libvirt's limit unknown: libvirt will say");
        assert.strictEqual(vcpuOvercommitWarning(2, 2), null);
        assert.true(vcpuOvercommitWarning(3, 2)?.includes("The host has 2 CPUs"), "overcommit is explained");
        assert.strictEqual(vcpuOvercommitWarning(3, 0), null, "host CPUs unknown: no warning");
        assert.true(checkVcpus(1.5, 4, 8)?.includes("whole"));
        assert.strictEqual(checkMemory(1024 * 1024, 2048 * 1024, 8 * 1024 * 1024), null);
        assert.true(checkMemory(1024, 2048, 0)?.includes("at least 32 MiB"));
        assert.true(checkMemory(4096 * 1024, 2048 * 1024, 0)?.includes("maximum"));
        assert.true(checkMemory(1024 * 1024, 64 * 1024 * 1024, 8 * 1024 * 1024)?.includes("only 8 GiB"));
        assert.true(checkMemory(NaN, 1, 1)?.includes("Enter"));
    });

    QUnit.test("names libvirt refuses are caught before renaming", assert => {
        assert.strictEqual(checkVmName("web & db ü"), null);
        assert.notStrictEqual(checkVmName("   "), null);
        assert.notStrictEqual(checkVmName("a/b"), null);
        assert.true(checkVmName("a\nb")?.includes("line breaks"), "libvirt refuses a newline");
        assert.strictEqual(checkVmName("x".repeat(200)), null, "200 characters fit");
        assert.true(checkVmName("x".repeat(201))?.includes("too long"), "201 do not");
        assert.true(checkVmName("ü".repeat(101))?.includes("too long"), "counted in bytes: ü takes two");
    });

    QUnit.test("uptime comes from the QEMU process that carries the VM's UUID", assert => {
        const ps = [
            "   12 /usr/bin/bash",
            "  345 /usr/bin/qemu-system-x86_64 -name guest=web,debug-threads=on -uuid 11111111-2222-3333-4444-555555555555 -smp 1",
            "  999 /usr/bin/qemu-system-x86_64 -name guest=other -uuid 99999999-2222-3333-4444-555555555555",
            "   77 grep -uuid 11111111-2222-3333-4444-555555555555",
        ].join("\n");
        assert.strictEqual(uptimeFromPs(ps, "11111111-2222-3333-4444-555555555555"), 345);
        assert.strictEqual(uptimeFromPs(ps, "00000000-0000-0000-0000-000000000000"), undefined);
        assert.strictEqual(formatDuration(40), "40 s");
        assert.strictEqual(formatDuration(3 * 60 + 5), "3 min");
        assert.strictEqual(formatDuration(2 * 3600 + 5 * 60), "2 h 5 min");
        assert.strictEqual(formatDuration(3 * 86400 + 4 * 3600), "3 d 4 h");
    });

    QUnit.test("a transfer's progress: amount, then rate and time left once it has run a second", assert => {
        const MiB = 1024 * 1024;
        assert.strictEqual(transferProgressLabel(0, 10 * MiB, 0), "0 B of 10 MiB");
        assert.strictEqual(transferProgressLabel(2 * MiB, 10 * MiB, 500), "2 MiB of 10 MiB", "no rate in the first second");
        assert.strictEqual(transferProgressLabel(4 * MiB, 10 * MiB, 2000), "4 MiB of 10 MiB, 2 MiB/s, 3 s left");
        assert.strictEqual(transferProgressLabel(1 * MiB, 4096 * MiB, 10_000), "1 MiB of 4 GiB, 102 KiB/s, 11 h 22 min left");
        assert.strictEqual(transferProgressLabel(10 * MiB, 10 * MiB, 4000), "10 MiB of 10 MiB", "done: no time left to tell");
    });

    QUnit.test("usage history turns counters into rates and forgets old points", assert => {
        const stats = (cpu: number, rd: number, rx: number, state = 1): DomainStats => {
            const [parsed] = parseAllStats([["vm", {
                "state.state": { t: "i", v: state }, "cpu.time": { t: "t", v: cpu }, "vcpu.current": { t: "u", v: 1 },
                "block.0.rd.bytes": { t: "t", v: rd }, "block.1.rd.bytes": { t: "t", v: rd },
                "net.0.rx.bytes": { t: "t", v: rx }, "balloon.rss": { t: "t", v: 1000 },
            }]]);
            if (!parsed) throw new Error("no stats parsed");
            return parsed;
        };
        const h = new UsageHistory();
        const t0 = 1_000_000;
        h.add(stats(0, 0, 0), t0);
        assert.strictEqual(h.points.length, 0, "the first sample is the baseline");
        h.add(stats(1e9, 2048, 500), t0 + 2000);
        assert.deepEqual(h.points[0], { at: t0 + 2000, cpuPercent: 50, memoryUsed: 1000, diskRead: 2048, diskWrite: 0, netRx: 250, netTx: 0 });
        h.add(stats(1e8, 0, 0), t0 + 4000);
        assert.strictEqual(h.points.length, 1, "a restart (CPU time going back) starts afresh");
        h.add(stats(2e8, 0, 0), t0 + 6 * 60 * 1000);
        assert.strictEqual(h.points.length, 1, "points older than five minutes are dropped");
        assert.strictEqual(h.points[0]?.at, t0 + 6 * 60 * 1000);
    });

    QUnit.test("usage histories are kept for running VMs only", assert => {
        const [running] = parseAllStats([["vm", { "state.state": { t: "i", v: 1 }, "cpu.time": { t: "t", v: 0 }, "balloon.rss": { t: "t", v: 10 } }]]);
        if (!running) throw new Error("no stats parsed");
        const histories = new UsageHistories();
        let told = 0;
        histories.subscribe(() => told++);
        for (const key of ["system/a", "system/b", "session/a"]) {
            histories.add(key, running, 0);
            histories.add(key, { ...running, cpuTime: 1e9 }, 3000);
        }
        histories.notify();
        assert.strictEqual(told, 1, "views hear once per poll");
        histories.retain("system", new Set(["system/b"]));
        assert.strictEqual(histories.points("system/a").length, 0, "a VM that stopped loses its points");
        assert.strictEqual(histories.points("system/b").length, 1);
        assert.strictEqual(histories.points("session/a").length, 1, "other connections' VMs are untouched");
    });
});

QUnit.module("memory that waits for shutdown", () => {
    const config = (currentMiB: number, maxMiB: number, balloon = "virtio") => parseDomainXml(
        `<domain><name>m</name><memory unit='MiB'>${maxMiB}</memory><currentMemory unit='MiB'>${currentMiB}</currentMemory>` +
        `<vcpu>1</vcpu><os><type>hvm</type></os><devices><memballoon model='${balloon}'/></devices></domain>`);

    QUnit.test("the balloon on its way is not a pending change; a new maximum is", assert => {
        assert.false(memoryAppliesAfterShutdown(config(512, 512), config(511, 512)), "511 MiB of 512 MiB while the balloon moves");
        assert.false(memoryAppliesAfterShutdown(config(384, 512), config(512, 512)), "a smaller size is given to the running guest");
        assert.true(memoryAppliesAfterShutdown(config(512, 1024), config(512, 512)), "a new maximum waits");
        assert.false(memoryAppliesAfterShutdown(config(512, 512), config(512, 512)));
    });

    QUnit.test("without a balloon device any difference waits", assert => {
        assert.false(config(1, 2, "none").balloon);
        assert.true(config(1, 2).balloon);
        assert.true(memoryAppliesAfterShutdown(config(384, 512, "none"), config(512, 512, "none")));
    });
});

QUnit.module("guest metrics history", () => {
    const cpu = (name: string, usagePercent: number) => ({
        cpu: name, usagePercent, userPercent: 0, systemPercent: 0, iowaitPercent: 0, stealPercent: 0, idlePercent: 100 - usagePercent,
    });
    const net = (name: string, rx: number | null, tx: number | null) => ({
        name, rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0, rxErrors: 0, txErrors: 0, rxDropped: 0, txDropped: 0, rxBytesPerSec: rx, txBytesPerSec: tx,
    });
    const disk = (name: string, read: number | null, write: number | null) => ({
        name, readsCompleted: 0, writesCompleted: 0, readBytes: 0, writeBytes: 0, ioTimeMs: 0, readBytesPerSec: read, writeBytesPerSec: write,
    });
    const metrics = (load: number): Metrics => ({
        timestampMs: 0, intervalMs: 2000,
        cpu: { total: cpu("cpu", 30), perCore: [cpu("cpu0", 20), cpu("cpu1", 40)] },
        memory: { totalBytes: 1000, freeBytes: 100, availableBytes: 400, buffersBytes: 0, cachedBytes: 0, swapTotalBytes: 0, swapFreeBytes: 0 },
        load: [load, 0, 0], filesystems: [],
        disks: [disk("vda", 100, 10), disk("vdb", 50, null)],
        network: [net("lo", 999, 999), net("eth0", 5, 6)],
        processes: [],
    });

    QUnit.test("a point per answer: per core, per interface, disks summed, old points dropped", assert => {
        const h = new GuestMetricsHistory();
        const t0 = 1_000_000;
        h.add(metrics(0.5), t0);
        assert.deepEqual(h.points[0], {
            at: t0, cpuPercent: 30, cores: { cpu0: 20, cpu1: 40 }, memoryUsed: 600, load1: 0.5,
            diskRead: 150, diskWrite: 10, net: { eth0: { rx: 5, tx: 6 } },
        }, "unknown rates count as 0; loopback is left out");
        h.add(metrics(1), t0 + 2000);
        assert.strictEqual(h.points.length, 2);
        assert.strictEqual(h.latest?.load[0], 1, "the latest answer is kept whole");
        h.add(metrics(2), t0 + 6 * 60 * 1000);
        assert.deepEqual(h.points.map(p => p.load1), [2], "points older than five minutes are dropped");
    });
});
