#!/usr/bin/env node
// Benchmark: a live migration of a running 512 MiB test guest (64 MiB qcow2 disk, copied) to the
// stack's second host (test/stack/second-host.sh) with `kvmm migrate --copy-storage`; prints the
// total time and the downtime libvirt measured (the source's completed job). Asserts nothing.
// Needs the stack up and `make all` (build/kvmm/kvmm); removes what it made on both hosts.
//   node test/bench/migrate.js [MEMORY_MIB]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const MIB = Number(process.argv[2] ?? 512);
const NAME = "kvmmbench-migrate";
const DIR = "/var/lib/libvirt/images/kvmm-bench-migrate";
const DEST = "qemu+ssh://10.231.0.2/system";
const GUEST = process.env.KVMM_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest";
const SERIAL = `/var/log/libvirt/qemu/${NAME}-serial.log`;

const virsh = (uri, ...args) => execFileSync("virsh", ["-c", uri, "-q", ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
const quietly = fn => { try { fn(); } catch { /* not there */ } };

function cleanup() {
    for (const uri of ["qemu:///system", DEST]) {
        quietly(() => virsh(uri, "destroy", NAME));
        quietly(() => virsh(uri, "undefine", NAME));
        quietly(() => virsh(uri, "pool-destroy", NAME));
    }
    rmSync(DIR, { recursive: true, force: true });
    rmSync(`/var/lib/kvmm-dest/lib/images/kvmm-bench-migrate`, { recursive: true, force: true });
}

function domainXml() {
    return `<domain type='qemu'><name>${NAME}</name><memory unit='MiB'>${MIB}</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>${GUEST}/vmlinuz</kernel><initrd>${GUEST}/initrd.img</initrd><cmdline>console=ttyS0 quiet</cmdline></os>
<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${DIR}/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>
<serial type='pty'><log file='${SERIAL}' append='off'/><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console></devices></domain>`;
}

cleanup();
if (!existsSync("build/kvmm/kvmm")) throw new Error("build/kvmm/kvmm is missing: run make all");
mkdirSync(DIR, { recursive: true });
execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", `${DIR}/disk.qcow2`, "64M"]);
writeFileSync("/tmp/kvmmbench-migrate.xml", domainXml());
try {
    virsh("qemu:///system", "define", "/tmp/kvmmbench-migrate.xml");
    virsh("qemu:///system", "start", NAME);
    virsh(DEST, "pool-create-as", NAME, "dir", "--target", DIR, "--build");
    const deadline = Date.now() + 120_000;
    while (!(existsSync(SERIAL) && readFileSync(SERIAL, "utf8").includes("KVMM-GUEST-READY"))) {
        if (Date.now() > deadline) throw new Error("the guest did not boot");
        execFileSync("sleep", ["0.5"]);
    }
    const out = execFileSync("build/kvmm/kvmm", ["migrate", NAME, DEST, "--copy-storage", "--json"], { stdio: ["ignore", "pipe", "inherit"] });
    const result = JSON.parse(out.toString());
    console.log(`live migration of a ${MIB} MiB guest with a 64 MiB disk copied: total ${(result.totalMs / 1000).toFixed(2)} s, ` +
        `downtime ${result.downtimeMs ?? "unknown"} ms`);
} finally {
    rmSync("/tmp/kvmmbench-migrate.xml", { force: true });
    cleanup();
}
