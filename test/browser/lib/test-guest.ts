// The small Linux test guest (test/guest/build-image.sh): direct kernel boot under TCG, with
// its serial console written to a log file the tests read.
import { execFile } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { promisify } from "node:util";

import { waitFor } from "./cockpit-session.ts";
import { type DomainSpec, virsh } from "./virsh.ts";

const CACHE = process.env.KVMM_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest";
const LOG_DIR = "/var/log/libvirt/qemu";

/** The test guest as a bootable BIOS+UEFI ISO (test/guest/build-iso.sh, cached by hash); its path. */
export async function bootIso(): Promise<string> {
    const { stdout } = await promisify(execFile)("bash", ["test/guest/build-iso.sh"], { env: { ...process.env, KVMM_GUEST_CACHE: CACHE } });
    return stdout.trim();
}

export function serialLogPath(name: string): string {
    return `${LOG_DIR}/${name}-serial.log`;
}

export function guestSpec(name: string, extra: Partial<DomainSpec> = {}): DomainSpec {
    if (!existsSync(`${CACHE}/vmlinuz`)) throw new Error(`no test guest image in ${CACHE}: run test/guest/build-image.sh`);
    rmSync(serialLogPath(name), { force: true });
    return {
        name,
        memoryMiB: 128,
        kernel: { kernel: `${CACHE}/vmlinuz`, initrd: `${CACHE}/initrd.img`, cmdline: "console=ttyS0 quiet" },
        serialLog: serialLogPath(name),
        ...extra,
    };
}

export function serialOutput(name: string): string {
    try {
        return readFileSync(serialLogPath(name), "utf8");
    } catch {
        return "";
    }
}

export function countInSerial(name: string, marker: string): number {
    return serialOutput(name).split(marker).length - 1;
}

/** Waits until `marker` has been printed at least `count` times since the VM's QEMU started. */
export async function waitForSerial(name: string, marker: string, count = 1, timeout = 90_000): Promise<void> {
    await waitFor(`${marker} ×${String(count)} on ${name}'s serial console`, () => countInSerial(name, marker) >= count, timeout, 250);
}

/**
 * Types a command on the guest's serial console (a root shell) and waits for `marker` in its
 * output. The pty stays open meanwhile: QEMU only reads it once it has seen a client.
 */
export async function runOnSerial(name: string, command: string, marker: string, count = 1): Promise<void> {
    const fd = openSync((await virsh("ttyconsole", name)).trim(), "w");
    try {
        writeSync(fd, `${command}\n`);
        await waitForSerial(name, marker, count, 30_000);
    } finally {
        closeSync(fd);
    }
}
