// The test guest with Debian's qemu-guest-agent instead of ours (test/guest/build-qga-overlay.sh):
// hostname kvmm-qga-guest, and an ext2 filesystem on its disk mounted on /srv.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { serialLogPath } from "./test-guest.ts";
import { createImage, type DomainSpec } from "./virsh.ts";

const exec = promisify(execFile);
export const QGA_GUEST_CACHE = process.env.KVMM_QGA_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest-qga";
export const QGA_HOSTNAME = "kvmm-qga-guest";

/** Builds (or finds cached) the qemu-ga image; takes about half a minute the first time. */
export async function buildQgaImage(): Promise<void> {
    const script = path.resolve("test/guest/build-qga-overlay.sh");
    await exec("bash", [script], { env: { ...process.env, KVMM_GUEST_CACHE: QGA_GUEST_CACHE }, maxBuffer: 16 * 1024 * 1024 });
}

/**
 * A VM with the qemu-ga channel, a user-mode NIC and a disk for /srv. blockedRpcs: qemu-ga
 * commands the guest's qemu-ga refuses (e.g. "guest-shutdown").
 */
export async function qgaGuestSpec(mark: string, name: string, blockedRpcs: string[] = []): Promise<DomainSpec> {
    // no_timer_check: under a loaded host the TCG guest's kernel may find its timer too slow and panic
    // ("IO-APIC + timer doesn't work", seen at a load of 26 on 2 cores).
    const block = blockedRpcs.length > 0 ? ` kvmm.qga.block=${blockedRpcs.join(",")}` : "";
    rmSync(serialLogPath(name), { force: true });
    return {
        name,
        memoryMiB: 160,
        kernel: { kernel: `${QGA_GUEST_CACHE}/vmlinuz`, initrd: `${QGA_GUEST_CACHE}/initrd.img`, cmdline: `console=ttyS0 quiet no_timer_check${block}` },
        serialLog: serialLogPath(name),
        disks: [await createImage(mark, `${name}-srv`, "32M")],
        qemuAgentChannel: true,
        userNic: true,
    };
}
