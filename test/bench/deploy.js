#!/usr/bin/env node
// Benchmark: time to deploy N (default 10) linked clones of a template with `kvmm deploy
// --linked` (each with a cloud-init seed of its own), beside virt-clone doing the same: a qcow2
// overlay per clone made with qemu-img and `virt-clone --preserve-data` defining the clone on it
// (virt-clone has no linked clones of its own; it shares the seed CD-ROM rather than writing a
// new one). Installs virtinst (virt-clone) for itself when it is missing. Prints figures;
// asserts nothing; removes everything it made.
//   node test/bench/deploy.js [N]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";

const N = Number(process.argv[2] ?? process.env.BENCH_CLONES ?? 10);
const PREFIX = "kvmmbench-deploy-";
const DIR = "/var/lib/libvirt/images/kvmmbench-deploy";
const POOL = `${PREFIX}pool`;
const TEMPLATE = `${PREFIX}template`;
const SOURCE = `${PREFIX}source`;
const KVMM = "build/kvmm/kvmm";

const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ["ignore", "pipe", "inherit"], ...options })?.toString() ?? "";
const virsh = (...args) => run("virsh", ["-c", "qemu:///system", "-q", ...args]);

function ensureVirtClone() {
    if (existsSync("/usr/bin/virt-clone")) return;
    console.log("installing virtinst for virt-clone (the bench only)");
    run("apt-get", ["install", "-y", "--no-install-recommends", "virtinst"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function benchDomains() {
    return virsh("list", "--all", "--name").split("\n").map(s => s.trim()).filter(s => s.startsWith(PREFIX));
}

function cleanUp() {
    for (const name of benchDomains()) virsh("undefine", name);
    for (const command of ["pool-destroy", "pool-undefine"]) {
        try {
            execFileSync("virsh", ["-c", "qemu:///system", "-q", command, POOL], { stdio: "ignore" });
        } catch { /* not there */ }
    }
    rmSync(DIR, { recursive: true, force: true });
}

function domainXml(name, disk, seed, readonly) {
    return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>` +
        "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>" +
        `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/>${readonly ? "<readonly/>" : ""}</disk>` +
        `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='${seed}'/><target dev='sda' bus='sata'/><readonly/></disk>` +
        "<interface type='user'><model type='virtio'/></interface></devices></domain>";
}

function define(xml) {
    const file = `${DIR}/define.xml`;
    writeFileSync(file, xml);
    virsh("define", file);
    rmSync(file);
}

function setUp() {
    mkdirSync(DIR, { recursive: true });
    virsh("pool-define-as", POOL, "dir", "--target", DIR);
    virsh("pool-start", POOL);
    const disk = `${DIR}/${PREFIX}base.qcow2`;
    run("qemu-img", ["create", "-q", "-f", "qcow2", disk, "1G"]);
    const files = mkdtempSync("/tmp/kvmm-bench-seed-");
    writeFileSync(`${files}/user-data`, "#cloud-config\nhostname: base\n");
    writeFileSync(`${files}/meta-data`, "instance-id: base\nlocal-hostname: base\n");
    const seed = `${DIR}/${PREFIX}base-cidata.iso`;
    run("xorriso", ["-as", "mkisofs", "-quiet", "-output", seed, "-volid", "cidata", "-joliet", "-rock", files], { stdio: "ignore" });
    rmSync(files, { recursive: true, force: true });
    virsh("pool-refresh", POOL);
    define(domainXml(TEMPLATE, disk, seed, false));
    run(KVMM, ["template", TEMPLATE]);
    // virt-clone's source: the same disk, as an ordinary VM (virt-clone leaves read-only disks shared).
    define(domainXml(SOURCE, disk, seed, false));
    return disk;
}

function timed(what, action) {
    const start = process.hrtime.bigint();
    action();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(`${what.padEnd(58)} ${(ms / 1000).toFixed(2).padStart(7)} s  (${(ms / N / 1000).toFixed(2)} s per VM)`);
}

function main() {
    ensureVirtClone();
    cleanUp();
    const disk = setUp();
    try {
        const width = String(N).length;
        timed(`kvmm deploy --linked, ${N} VMs (seed each)`, () => {
            try {
                run(KVMM, ["deploy", TEMPLATE, "--pattern", `${PREFIX}kvmm-{${"1".padStart(width, "0")}..${N}}`, "--linked"], { stdio: "pipe" });
            } catch (error) {
                // kvmm's steps go to standard error too: show only its failures.
                console.log(String(error.stderr).split("\n").filter(l => l.startsWith("kvmm:")).join("\n"));
            }
        });
        timed(`qemu-img overlay + virt-clone --preserve-data, ${N} VMs`, () => {
            for (let i = 1; i <= N; i++) {
                const name = `${PREFIX}virt-${String(i).padStart(width, "0")}`;
                const overlay = `${DIR}/${name}.qcow2`;
                run("qemu-img", ["create", "-q", "-f", "qcow2", "-b", disk, "-F", "qcow2", overlay]);
                run("virt-clone", ["--connect", "qemu:///system", "--original", SOURCE, "--name", name, "--file", overlay, "--preserve-data", "--skip-copy", "sda"],
                    { stdio: ["ignore", "ignore", "inherit"] });
            }
        });
        const made = benchDomains().filter(n => n.includes("-kvmm-") || n.includes("-virt-")).length;
        console.log(`VMs made: ${made} of ${2 * N}`);
    } finally {
        cleanUp();
    }
}

main();
