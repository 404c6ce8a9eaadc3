#!/usr/bin/env node
// Benchmark: export and import throughput of a VM with one disk (2 GiB by default, half of it
// random data so that compression has work), through kvmm, printed beside plain `qemu-img
// convert` doing the same conversion (qcow2 → streamOptimized VMDK, and back). Prints figures;
// asserts nothing. Needs `make all` (build/kvmm/kvmm).
//   node test/bench/export-import.js [GiB]
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

const GIB = Number(process.argv[2] ?? process.env.BENCH_DISK_GIB ?? 2);
const NAME = "kvmmbench-export";
const POOL = "kvmmbench-export-pool";
const DIR = "/var/lib/libvirt/images/kvmmbench-export";
const KVMM = "build/kvmm/kvmm";
const MIB = GIB * 1024;

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
const virsh = (...args) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { stdio: ["ignore", "ignore", "ignore"] });

function timed(what, cmd, args) {
    const start = process.hrtime.bigint();
    run(cmd, args);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { what, seconds, rate: MIB / seconds };
}

function cleanup() {
    for (const name of [NAME, `${NAME}-copy`]) {
        try { virsh("undefine", "--", name) } catch { /* not there */ }
    }
    try { virsh("pool-destroy", POOL) } catch { /* not there */ }
    try { virsh("pool-undefine", POOL) } catch { /* not there */ }
    rmSync(DIR, { recursive: true, force: true });
}

function setUp() {
    cleanup();
    mkdirSync(DIR, { recursive: true });
    virsh("pool-define-as", POOL, "dir", "--target", DIR);
    virsh("pool-start", POOL);
    const disk = `${DIR}/src.qcow2`;
    // Random data in the first half (incompressible), zeros in the rest.
    const raw = `${DIR}/src.raw`;
    run("sh", ["-c", `head -c ${String(MIB / 2)}M /dev/urandom > ${raw} && truncate -s ${String(GIB)}G ${raw}`]);
    run("qemu-img", ["convert", "-O", "qcow2", raw, disk]);
    rmSync(raw);
    const xml = `${DIR}/vm.xml`;
    writeFileSync(xml, `<domain type="qemu"><name>${NAME}</name><memory unit="MiB">64</memory><vcpu>1</vcpu><os><type arch="x86_64">hvm</type></os>` +
        `<devices><disk type="file" device="disk"><driver name="qemu" type="qcow2"/><source file="${disk}"/><target dev="vda" bus="virtio"/></disk></devices></domain>`);
    virsh("define", xml);
    return disk;
}

const disk = setUp();
try {
    const rows = [
        timed("kvmm export (OVA, streamOptimized VMDK)", KVMM, ["export", NAME, `${DIR}/vm.ova`]),
        timed("qemu-img convert qcow2 → streamOptimized VMDK", "qemu-img", ["convert", "-O", "vmdk", "-o", "subformat=streamOptimized", disk, `${DIR}/plain.vmdk`]),
        timed("kvmm import (OVA → qcow2 volume)", KVMM, ["import", `${DIR}/vm.ova`, "--name", `${NAME}-copy`, "--pool", POOL]),
        timed("qemu-img convert streamOptimized VMDK → qcow2", "qemu-img", ["convert", "-O", "qcow2", `${DIR}/plain.vmdk`, `${DIR}/plain.qcow2`]),
        timed("kvmm export (bundle, qcow2)", KVMM, ["export", NAME, `${DIR}/vm.tar`]),
        timed("qemu-img convert qcow2 → qcow2", "qemu-img", ["convert", "-O", "qcow2", disk, `${DIR}/plain2.qcow2`]),
    ];
    console.log(`Export and import of a ${String(GIB)} GiB disk (MB/s of virtual disk size):`);
    for (const r of rows) console.log(`  ${r.what.padEnd(48)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.rate.toFixed(0).padStart(6)} MiB/s`);
} finally {
    cleanup();
}
