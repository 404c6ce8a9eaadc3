// The stack's second libvirt host (test/stack/second-host.sh), the target of migration tests:
// virsh there over SSH as libvirt itself reaches it, its guests' serial logs, and clean-up.
import { execFile } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { promisify } from "node:util";

import { waitFor } from "./cockpit-session.ts";

const exec = promisify(execFile);

export const DEST_URI = "qemu+ssh://10.231.0.2/system";
/** The second host's /var/lib/libvirt and /var/log/libvirt as seen from here. */
const DEST_LIB = "/var/lib/kvmm-dest/lib";
const DEST_LOG = "/var/lib/kvmm-dest/log";

/** Starts the second host where it is not running (idempotent): an earlier test may have ended it. */
export async function ensureSecondHost(): Promise<void> {
    await exec("bash", ["test/stack/second-host.sh"]);
}

export async function destVirsh(...args: string[]): Promise<string> {
    const { stdout } = await exec("virsh", ["-c", DEST_URI, "-q", ...args]);
    return stdout.trim();
}

export async function destState(name: string): Promise<string> {
    return (await destVirsh("domstate", "--", name).catch(() => "")).split("\n")[0]?.trim() ?? "";
}

/** A running directory pool there for a directory of this host's test images (where copies go). */
export async function destPoolFor(mark: string, dir: string): Promise<void> {
    await destVirsh("pool-create-as", `${mark}-pool`, "dir", "--target", dir, "--build");
}

export function destSerialOutput(name: string): string {
    try {
        return readFileSync(`${DEST_LOG}/qemu/${name}-serial.log`, "utf8");
    } catch {
        return "";
    }
}

/** Types a command on the serial console of the VM there and waits for `marker` in its output. */
export async function runOnDestSerial(name: string, command: string, marker: string): Promise<void> {
    const fd = openSync(await destVirsh("ttyconsole", name), "w");
    try {
        // QEMU reads the pty once it has seen a client: a first line may go unread.
        writeSync(fd, "\n");
        await new Promise(resolve => setTimeout(resolve, 500));
        writeSync(fd, `${command}\n`);
        await waitFor(`${marker} on ${name}'s serial console there`, () => destSerialOutput(name).includes(marker), 30_000, 250);
    } finally {
        closeSync(fd);
    }
}

/** Removes every domain, pool and network carrying `mark` from the second host, and its images there. */
export async function cleanupDest(mark: string): Promise<void> {
    for (const name of (await destVirsh("list", "--all", "--name").catch(() => "")).split("\n").filter(n => n.includes(mark))) {
        await destVirsh("destroy", "--", name).catch(() => undefined);
        await destVirsh("undefine", "--", name).catch(() => undefined);
    }
    for (const pool of (await destVirsh("pool-list", "--all", "--name").catch(() => "")).split("\n").filter(n => n.includes(mark))) {
        await destVirsh("pool-destroy", pool).catch(() => undefined);
        await destVirsh("pool-undefine", pool).catch(() => undefined);
    }
    rmSync(`${DEST_LIB}/images/kvmm-test/${mark}`, { recursive: true, force: true });
}
