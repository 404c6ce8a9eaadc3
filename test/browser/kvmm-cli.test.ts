// kvmm, the host command line, against the real libvirtd: what it does is seen by virsh and by
// the page (without a reload); bad input and missing rights give words and exit codes.
import { execFile } from "node:child_process";
import { appendFileSync, chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import QUnit from "qunit";

import { browserForModule, TEST_USER } from "./lib/cockpit-session.ts";
import { KVMM, kvmm, type KvmmResult } from "./lib/kvmm.ts";
import { guestSpec, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, createImage, defineXml, domainExists, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";
import { waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("cli");
const GUEST = `${MARK}-guest`;
const NOPRIV = process.env.KVMM_TEST_NOPRIV_USER ?? "kvmtest-nopriv";

/** Defines many small shut-off domains through one virsh process (one per domain takes minutes). */
async function defineMany(names: readonly string[]): Promise<void> {
    const dir = mkdtempSync("/tmp/kvmm-cli-");
    try {
        const script = names.map((name, i) => {
            const file = `${dir}/${String(i)}.xml`;
            writeFileSync(file, domainXml({ name, memoryMiB: 32 + (i % 4) * 32 }));
            return `define ${file}`;
        }).join("\n");
        await new Promise<void>((resolve, reject) => {
            const child = execFile("virsh", ["-c", "qemu:///system", "-q"], { maxBuffer: 64 * 1024 * 1024 }, error => {
                if (error) reject(new Error(`virsh define: ${error.message}`));
                else resolve();
            });
            child.stdin?.end(`${script}\n`);
        });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** test/stack/remote-host.sh's sshd: a second host, reached over SSH as a remote one would be. */
const REMOTE = "127.0.0.2:22220";

interface SshLogin {
    /** The kvmm under test, where the test user can run it (here and on the "remote" host). */
    command: string;
    /** Runs it as the test user, whose SSH agent holds a key the remote host accepts. */
    kvmm(...args: string[]): Promise<KvmmResult>;
    remove(): void;
}

/**
 * A key for the test user, in an ssh-agent of its own, accepted by its authorized_keys for the
 * length of a test; the kvmm under test is copied where the user (and the "remote" host) can run it.
 */
async function sshLogin(): Promise<SshLogin> {
    const [uid, gid, home] = (await exec("getent", ["passwd", TEST_USER])).stdout.split(":").filter((_f, i) => [2, 3, 5].includes(i));
    const owner = [Number(uid), Number(gid)] as const;
    const dir = mkdtempSync("/tmp/kvmm-remote-");
    chownSync(dir, ...owner);
    chmodSync(dir, 0o755);
    copyFileSync(KVMM, `${dir}/kvmm`);
    chmodSync(`${dir}/kvmm`, 0o755);
    const asUser = (...argv: string[]) => exec("runuser", ["-u", TEST_USER, "--", ...argv]);
    await asUser("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", `kvmm-remote-test-${String(process.pid)}`, "-f", `${dir}/id`);
    const agent = `${dir}/agent.sock`;
    const agentPid = /SSH_AGENT_PID=(\d+)/.exec((await asUser("ssh-agent", "-a", agent)).stdout)?.[1];
    await asUser("env", `SSH_AUTH_SOCK=${agent}`, "ssh-add", "-q", `${dir}/id`);
    const sshDir = `${home ?? ""}/.ssh`;
    const madeSshDir = !existsSync(sshDir);
    if (madeSshDir) {
        mkdirSync(sshDir, { mode: 0o700 });
        chownSync(sshDir, ...owner);
    }
    const keys = `${sshDir}/authorized_keys`;
    const before = existsSync(keys) ? readFileSync(keys, "utf8") : undefined;
    appendFileSync(keys, readFileSync(`${dir}/id.pub`, "utf8"));
    chownSync(keys, ...owner);
    chmodSync(keys, 0o600);
    return {
        command: `${dir}/kvmm`,
        kvmm: (...args) => asUser("env", `SSH_AUTH_SOCK=${agent}`, `${dir}/kvmm`, ...args).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (error: unknown) => {
                const e = error as { code?: number; stdout?: string; stderr?: string };
                return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
            }),
        remove() {
            if (agentPid) process.kill(Number(agentPid));
            if (before === undefined) rmSync(keys, { force: true });
            else writeFileSync(keys, before);
            if (madeSshDir) rmSync(sshDir, { recursive: true, force: true });
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

QUnit.module("kvmm on the host", hooks => {
    const ui = browserForModule(hooks, "kvmm-cli", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml(guestSpec(GUEST)));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("start --wait: virsh sees it running, and so does the open page; shutdown --wait ends it", async assert => {
        const frame = ui().frame;
        await waitForRow(frame, GUEST, "shutoff");
        const started = await kvmm("start", GUEST, "--wait");
        assert.strictEqual(started.code, 0, started.stderr);
        assert.strictEqual(await domstate(GUEST), "running", "running when kvmm returned");
        await waitForRow(frame, GUEST, "running");
        assert.true(true, "the page showed it running without a reload");

        await waitForSerial(GUEST, "KVMM-GUEST-READY");
        const info = JSON.parse((await kvmm("info", GUEST, "--json")).stdout) as { state: string; vcpus: number; firmware: { kind: string } };
        assert.strictEqual(info.state, "running");
        assert.strictEqual(info.vcpus, 1);
        assert.strictEqual(info.firmware.kind, "bios");

        const paused = await kvmm("pause", GUEST, "--wait");
        assert.strictEqual(paused.code, 0, paused.stderr);
        assert.strictEqual(await domstate(GUEST), "paused");
        await waitForRow(frame, GUEST, "paused");
        assert.strictEqual((await kvmm("resume", GUEST, "--wait")).code, 0);
        assert.strictEqual(await domstate(GUEST), "running");

        const stopped = await kvmm("shutdown", GUEST, "--wait", "--timeout", "120");
        assert.strictEqual(stopped.code, 0, stopped.stderr);
        assert.strictEqual(await domstate(GUEST), "shut off", "the guest shut itself down");
        await waitForRow(frame, GUEST, "shutoff");
    });

    QUnit.test("list --json equals virsh's list, with 1000 VMs defined", async assert => {
        const names = Array.from({ length: 1000 }, (_v, i) => `${MARK}-many-${String(i).padStart(4, "0")}`);
        await defineMany(names);
        const listed = await kvmm("list", "--json");
        assert.strictEqual(listed.code, 0, listed.stderr);
        // Only this module's VMs: other work trees may be defining theirs meanwhile.
        const vms = (JSON.parse(listed.stdout) as Record<string, unknown>[]).filter(v => String(v.name).includes(MARK));
        const virshNames = (await virsh("list", "--all", "--name")).split("\n").map(n => n.trim()).filter(n => n.includes(MARK));
        assert.deepEqual(vms.map(v => String(v.name)).sort(), [...virshNames].sort(), "the same VMs as virsh");
        const ours = vms.filter(v => String(v.name).startsWith(`${MARK}-many-`));
        assert.strictEqual(ours.length, 1000);
        assert.deepEqual(ours.find(v => v.name === `${MARK}-many-0003`), {
            name: `${MARK}-many-0003`, state: "shutoff", persistent: true, vcpus: 1, memoryKiB: 128 * 1024, maxMemoryKiB: 128 * 1024,
        }, "state and memory as defined");

        const filtered = JSON.parse((await kvmm("list", "--json", "--name", `${MARK}-many-00[0-4]?`)).stdout) as { name: string }[];
        assert.strictEqual(filtered.length, 50, "--name takes a glob");
        const text = (await kvmm("list", "--state", "shutoff", "--name", `${MARK}-many-000?`)).stdout.split("\n");
        assert.deepEqual(text[0]?.split(/\s+/), ["NAME", "STATE", "VCPUS", "MEMORY"]);
        assert.true(text[1]?.startsWith(`${MARK}-many-0000 `), "sorted by name");
        assert.true(text[1]?.includes("Shut off") && text[1].includes("32 MiB"), text[1]);
    });

    QUnit.test("snapshots: create, list, revert, delete", async assert => {
        const name = `${MARK}-snap <&>`;
        const image = await createImage(MARK, "snap");
        await defineXml(domainXml({ name, disks: [image], memoryMiB: 64 }));
        const created = await kvmm("snapshot", "create", name, "first & <one>", "--description", "before");
        assert.strictEqual(created.code, 0, created.stderr);
        assert.strictEqual(created.stdout.trim(), "first & <one>");
        await virsh("setmaxmem", "--config", "--", name, "96M");
        const proposed = await kvmm("snapshot", "create", name, "--json");
        const { name: second, consistency } = JSON.parse(proposed.stdout) as { name: string; consistency: string };
        assert.strictEqual(consistency, "shut-off");
        assert.true(/^snapshot-\d{4}-\d\d-\d\d-\d{4}$/.test(second), `a name is proposed: ${second}`);

        const list = JSON.parse((await kvmm("snapshot", "list", name, "--json")).stdout) as { name: string; parent: string | null; current: boolean; description: string }[];
        assert.deepEqual(list.map(s => [s.name, s.parent, s.current]), [["first & <one>", null, false], [second, "first & <one>", true]]);
        assert.strictEqual(list[0]?.description, "before");

        const reverted = await kvmm("snapshot", "revert", name, "first & <one>");
        assert.strictEqual(reverted.code, 0, reverted.stderr);
        assert.true((await virsh("dumpxml", "--inactive", "--", name)).includes("<memory unit='KiB'>65536</memory>"), "the configuration is back");
        assert.strictEqual((await virsh("snapshot-current", "--name", "--", name)).trim(), "first & <one>");

        const taken = await kvmm("snapshot", "create", name, second);
        assert.strictEqual(taken.code, 1, "a taken name is refused");
        assert.true(taken.stderr.includes("There is already a snapshot with this name"), taken.stderr);

        assert.strictEqual((await kvmm("snapshot", "delete", name, second)).code, 0);
        assert.deepEqual((await virsh("snapshot-list", "--name", "--", name)).split("\n").map(s => s.trim()).filter(Boolean), ["first & <one>"]);
        const missing = await kvmm("snapshot", "delete", name, "nope");
        assert.strictEqual(missing.code, 1);
        assert.true(missing.stderr.includes(`${name} has no snapshot named nope`), missing.stderr);
    });

    QUnit.test("delete --storage removes the VM and its writable image, not its ISO", async assert => {
        const name = `${MARK}-del`;
        const image = await createImage(MARK, "del");
        const iso = await createImage(MARK, "del-iso");
        await defineXml(domainXml({ name, disks: [image], cdrom: iso }));
        const deleted = await kvmm("delete", name, "--storage");
        assert.strictEqual(deleted.code, 0, deleted.stderr);
        assert.strictEqual(deleted.stdout, `deleted ${image}\n`);
        assert.false(await domainExists(name));
        assert.false(existsSync(image), "its disk image is gone");
        assert.true(existsSync(iso), "the CD-ROM image stays");
    });

    QUnit.test("unknown VMs, bad command lines and missing rights: words and exit codes", async assert => {
        const unknown = await kvmm("start", `${MARK}-nope`);
        assert.strictEqual(unknown.code, 1);
        assert.strictEqual(unknown.stderr.split("\n")[0]?.split(":")[0], `kvmm`);
        assert.true(unknown.stderr.includes(`There is no virtual machine named ${MARK}-nope`), unknown.stderr);

        const odd = await kvmm("info", "a'b\"c<d>");
        assert.strictEqual(odd.code, 1);
        assert.true(odd.stderr.includes("There is no virtual machine named a'b\"c<d>"), odd.stderr);

        for (const args of [["frobnicate"], ["list", "--state", "sleeping"], ["start"], ["start", GUEST, "--timeout", "5"], ["list", "--storage"], []]) {
            const r = await kvmm(...args);
            assert.strictEqual(r.code, 2, `usage error for: ${args.join(" ")}`);
            assert.true(r.stderr.startsWith("kvmm: "), r.stderr);
            assert.strictEqual(r.stdout, "");
        }

        const several = await kvmm("destroy", `${MARK}-nope1`, GUEST);
        assert.strictEqual(several.code, 1, "one of several failed");
        assert.true(several.stderr.includes(`${MARK}-nope1: `), "the failure names its VM");
        assert.true(several.stderr.includes("domain is not running"), `libvirt's reason for the other: ${several.stderr}`);

        // A copy the other user can read wherever this tree is.
        const dir = mkdtempSync("/tmp/kvmm-cli-");
        try {
            copyFileSync(KVMM, `${dir}/kvmm`);
            chmodSync(dir, 0o755);
            chmodSync(`${dir}/kvmm`, 0o755);
            const denied = await exec("runuser", ["-u", NOPRIV, "--", `${dir}/kvmm`, "list"])
                .then(() => ({ code: 0, stderr: "" }), (e: unknown) => e as { code: number; stderr: string });
            assert.strictEqual(denied.code, 1, "a user without libvirt access is refused");
            assert.true(denied.stderr.startsWith("kvmm: Permission denied: run kvmm as root or as a member of the libvirt group"), denied.stderr);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    QUnit.test("--host runs kvmm on another host over SSH: the same list, and its refusals with their exit codes", async assert => {
        const login = await sshLogin();
        try {
            const remote = (...args: string[]) => login.kvmm("--host", `${TEST_USER}@${REMOTE}`, "--remote-kvmm", login.command, ...args);
            const there = await remote("list", "--json", "--name", `${MARK}-*`);
            assert.strictEqual(there.code, 0, there.stderr);
            const here = await kvmm("list", "--json", "--name", `${MARK}-*`);
            assert.deepEqual(JSON.parse(there.stdout), JSON.parse(here.stdout), "the remote kvmm lists what this one does");
            assert.true((JSON.parse(there.stdout) as { name: string }[]).some(v => v.name === GUEST), "the test guest is in it");

            const unknown = await remote("info", `${MARK}-nope`);
            assert.strictEqual(unknown.code, 1, "the remote failure's exit code");
            assert.true(unknown.stderr.includes(`There is no virtual machine named ${MARK}-nope`), unknown.stderr);
            const usage = await remote("frobnicate");
            assert.strictEqual(usage.code, 2, "the remote usage error's exit code");
            assert.true(usage.stderr.includes("unknown command: frobnicate"), usage.stderr);

            const unreachable = await login.kvmm("--host", `${TEST_USER}@127.0.0.2:1`, "list");
            assert.strictEqual(unreachable.code, 1, "no connection: the operation failed");
            assert.true(/connect|refused/i.test(unreachable.stderr), `ssh says why: ${unreachable.stderr}`);
        } finally {
            login.remove();
        }
    });
});
