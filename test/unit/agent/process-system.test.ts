import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { parseMounts, realMounts } from "../../../agent/src/methods/procfs.ts";
import { ERROR_CODES, type GuestInfo, type Metrics, type UsersResult } from "../../../agent/src/protocol.ts";
import { errorCodeOf, type LineClient, resultOf, utmpRecord } from "./helpers.ts";
import { AgentProcess, buildAgent, eventually, removeDir, stubScript, tempDir } from "./process-harness.ts";

function readlinkOr(file: string): string | undefined {
    try {
        return readlinkSync(file);
    } catch {
        return undefined; // no link
    }
}

// Every command that could change this machine (shutdown, reboot, clock, fsfreeze) is replaced by a
// stub that only logs its arguments: a broken config makes the agent refuse to start (fail closed),
// so a typo here cannot fall back to the real commands.
QUnit.module("agent process: system methods", hooks => {
    let dir = "";
    let agent: AgentProcess;
    let fallback: AgentProcess;
    let client: LineClient;
    const log = (name: string): string => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), "utf8") : "");

    hooks.before(async () => {
        buildAgent();
        dir = tempDir("kvmm-sys-");
        writeFileSync(path.join(dir, "utmp"), Buffer.concat([
            utmpRecord(6, "LOGIN", "tty1", "", 1700000000),
            utmpRecord(7, "alice", "pts/0", "10.0.0.5", 1700000100, 4321),
        ]));
        const freeze = stubScript(path.join(dir, "fsfreeze"), path.join(dir, "freeze.log"), [
            "case \"$2\" in",
            "  /proc) echo \"fsfreeze: $2: freeze failed: Operation not supported\" >&2; exit 1;;",
            "  /sys) echo \"fsfreeze: $2: freeze failed: Device or resource busy\" >&2; exit 1;;",
            "esac",
        ].join("\n"));
        const date = stubScript(path.join(dir, "date"), path.join(dir, "time.log"));
        const hwclock = stubScript(path.join(dir, "hwclock"), path.join(dir, "hwclock.log"));
        const who = ["/bin/sh", "-c", "echo 'bob      pts/1        2024-05-01 10:22 (host.example)'"];
        agent = await AgentProcess.start(dir, {
            powerDelayMs: 300,
            utmpPath: path.join(dir, "utmp"),
            commands: {
                shutdown: [["/nonexistent/systemctl", "poweroff"], ["/bin/sh", "-c", `echo shutdown >> '${dir}/power.log'`]],
                reboot: [["/bin/sh", "-c", `echo reboot >> '${dir}/power.log'`]],
                fsfreeze: freeze,
                setTime: [["/bin/false"], [date, "-s", "@{secondsInt}", "{seconds}"]],
                hardwareClock: [hwclock, "--systohc"],
                who,
            },
        });
        fallback = await AgentProcess.start(dir, {
            utmpPath: path.join(dir, "no-utmp"),
            commands: {
                shutdown: [["/nonexistent/poweroff"]], reboot: [["/nonexistent/reboot"]], fsfreeze: "/nonexistent/fsfreeze",
                setTime: [["/bin/false"]], hardwareClock: null, who,
            },
        });
        client = (await agent.connect()).client;
    });
    hooks.after(async () => {
        await agent.stop();
        await fallback.stop();
        removeDir(dir);
    });

    QUnit.test("guest.get_info matches what this machine says", async assert => {
        const info = await client.result<GuestInfo>("guest.get_info");
        assert.strictEqual(info.hostname, os.hostname());
        assert.strictEqual(info.kernel.release, os.release());
        assert.strictEqual(info.arch, os.arch());
        assert.strictEqual(info.cpus, os.cpus().length);
        // All of them, also those down or without addresses (this host's ifb0 and ifb1, say).
        const sysfs = existsSync("/sys/class/net") ? readdirSync("/sys/class/net") : [];
        assert.deepEqual(info.interfaces.map(i => i.name).sort(), [...new Set([...sysfs, ...Object.keys(os.networkInterfaces())])].sort());
        for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
            assert.strictEqual(info.interfaces.find(i => i.name === name)?.addresses.length, addrs?.length, `${name}: Node's addresses`);
        }
        const zone = readlinkOr("/etc/localtime");
        if (!process.env.TZ && zone?.includes("zoneinfo/")) assert.true(zone.endsWith(`zoneinfo/${info.timezone.name}`), "the zone /etc/localtime names");
        const lo = info.interfaces.find(i => i.name === "lo");
        if (lo) assert.ok(lo.addresses.some(a => a.address === "127.0.0.1" && a.prefix === 8 && a.family === "ipv4"));
        const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "")?.[1];
        if (pretty !== undefined) assert.strictEqual(info.os.prettyName, pretty);
        assert.ok(Math.abs(info.uptimeSeconds - os.uptime()) < 5);
        assert.strictEqual(typeof info.timezone.name, "string");
        assert.strictEqual(info.timezone.offsetMinutes, -new Date().getTimezoneOffset(), "the offset this process sees");
    });

    QUnit.test("guest.get_metrics", async assert => {
        const m = await client.result<Metrics>("guest.get_metrics", { topProcesses: 5 });
        assert.strictEqual(m.cpu.perCore.length, os.cpus().length);
        assert.ok([m.cpu.total, ...m.cpu.perCore].every(c => c.usagePercent >= 0 && c.usagePercent <= 100));
        assert.ok(m.intervalMs >= 200, "a baseline sample was taken");
        assert.strictEqual(m.memory.totalBytes, os.totalmem());
        assert.ok(m.memory.availableBytes > 0 && m.memory.availableBytes <= m.memory.totalBytes);
        const ifaces = new Set(m.network.map(n => n.name));
        assert.ok(Object.keys(os.networkInterfaces()).every(n => ifaces.has(n)), "every interface with an address is counted");
        const expectedFs = realMounts(parseMounts(readFileSync("/proc/mounts", "utf8"))).map(x => x.mountpoint);
        for (const f of m.filesystems) assert.ok(expectedFs.includes(f.mountpoint) && f.totalBytes >= f.availableBytes, f.mountpoint);
        if (expectedFs.includes("/")) assert.ok(m.filesystems.some(f => f.mountpoint === "/"), "the root filesystem");
        assert.ok(m.processes.length > 0 && m.processes.length <= 5);
        assert.ok(m.processes.every((p, i, a) => i === 0 || (a[i - 1]?.cpuPercent ?? 0) >= p.cpuPercent), "sorted by CPU");
        const again = await client.result<Metrics>("guest.get_metrics", { topProcesses: 0 });
        assert.strictEqual(again.processes.length, 0);
        assert.ok(again.network.every(n => n.rxBytesPerSec !== null), "rates from the previous sample");
        assert.strictEqual(await client.errorCode("guest.get_metrics", { topProcesses: 1000 }), ERROR_CODES.InvalidParams);
    });

    QUnit.test("guest.get_users: utmp, else who", async assert => {
        assert.deepEqual(await client.result<UsersResult>("guest.get_users"), {
            source: "utmp", users: [{ user: "alice", terminal: "pts/0", host: "10.0.0.5", loginTimeMs: 1700000100000, pid: 4321 }],
        });
        const viaWho = await (await fallback.connect()).client.result<UsersResult>("guest.get_users");
        assert.strictEqual(viaWho.source, "who");
        assert.deepEqual(viaWho.users.map(u => [u.user, u.terminal, u.host]), [["bob", "pts/1", "host.example"]]);
    });

    QUnit.test("guest.shutdown / guest.reboot answer first, then run the (stub) command", async assert => {
        const r = await client.result<{ command: string[] }>("guest.shutdown");
        assert.strictEqual(r.command[0], "/bin/sh", "the unavailable first alternative was skipped");
        assert.strictEqual(log("power.log"), "", "not acted on before the reply");
        assert.true(await eventually(() => log("power.log") === "shutdown\n"), "then acted on");
        await client.result("guest.reboot");
        assert.true(await eventually(() => log("power.log") === "shutdown\nreboot\n"));
        const missing = await (await fallback.connect()).client.errorCode("guest.shutdown");
        assert.strictEqual(missing, ERROR_CODES.CommandFailed, "no command: an error, not a false ok");
    });

    QUnit.test("time.sync sets the clock through the first working command", async assert => {
        const r = await client.result<{ previousEpochMs: number; hardwareClock: boolean }>("time.sync", { epochMs: 1700000000123 });
        assert.strictEqual(log("time.log"), "-s @1700000000 1700000000.123\n", "the stub got the time; /bin/false was tried first");
        assert.true(r.hardwareClock);
        assert.strictEqual(log("hwclock.log"), "--systohc\n");
        assert.ok(Math.abs(r.previousEpochMs - Date.now()) < 5000);
        assert.strictEqual(await client.errorCode("time.sync", { epochMs: "now" }), ERROR_CODES.InvalidParams);
        assert.strictEqual(await client.errorCode("time.sync", { epochMs: 5 }), ERROR_CODES.InvalidParams, "before 2000: refused");
        assert.strictEqual(await (await fallback.connect()).client.errorCode("time.sync", { epochMs: 1700000000123 }), ERROR_CODES.CommandFailed);
    });

    QUnit.test("fs.freeze / fs.thaw through the (stub) fsfreeze", async assert => {
        const frozen = await client.result("fs.freeze", { mountpoints: ["/", "/proc"] });
        assert.deepEqual(frozen, { frozen: ["/"], skipped: ["/proc"] }, "unsupported filesystems are skipped");
        assert.strictEqual(await client.errorCode("fs.freeze", { mountpoints: ["/"] }), ERROR_CODES.Busy, "already frozen");
        assert.deepEqual(await client.result("fs.thaw"), { thawed: ["/"] });
        assert.strictEqual(log("freeze.log"), "--freeze /proc\n--freeze /\n--unfreeze /\n");
        const failed = await client.call("fs.freeze", { mountpoints: ["/sys", "/"] });
        assert.strictEqual("error" in failed ? failed.error.code : 0, ERROR_CODES.CommandFailed);
        assert.ok(log("freeze.log").endsWith("--freeze /\n--freeze /sys\n--unfreeze /\n"), "a failed freeze thaws what it froze");
        assert.strictEqual(await client.errorCode("fs.freeze", { mountpoints: ["/not/a/mount/point"] }), ERROR_CODES.InvalidParams);
        const unsupported = await (await fallback.connect()).client.call("fs.freeze");
        assert.strictEqual("error" in unsupported ? unsupported.error.code : 0, ERROR_CODES.Unsupported);
        assert.ok("error" in unsupported && unsupported.error.message.includes("not installed"));
    });

    QUnit.test("fs.freeze with thawAfterMs thaws by itself when no fs.thaw comes", async assert => {
        const before = log("freeze.log").length;
        assert.deepEqual(await client.result("fs.freeze", { mountpoints: ["/"], thawAfterMs: 300 }), { frozen: ["/"], skipped: [] });
        assert.true(await eventually(() => log("freeze.log").slice(before) === "--freeze /\n--unfreeze /\n"), "thawed without being asked");
        // The agent forgets the freeze when fsfreeze --unfreeze has exited, a moment after it logged.
        let again = await client.call("fs.freeze", { mountpoints: ["/"] });
        for (const deadline = Date.now() + 3000; errorCodeOf(again) === ERROR_CODES.Busy && Date.now() < deadline;) {
            await new Promise(resolve => setTimeout(resolve, 20));
            again = await client.call("fs.freeze", { mountpoints: ["/"] });
        }
        assert.deepEqual(resultOf(again), { frozen: ["/"], skipped: [] }, "and can be frozen again");
        await client.result("fs.thaw");
        assert.strictEqual(await client.errorCode("fs.freeze", { thawAfterMs: 0 }), ERROR_CODES.InvalidParams);
    });
});
