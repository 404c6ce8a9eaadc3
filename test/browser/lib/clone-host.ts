// Host-side looks at what a clone made: libvirt's view of a domain (UUID, MACs, disks), image
// files (format, backing file, content), a seed image's files.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { promisify } from "node:util";

import { virsh } from "./virsh.ts";

const exec = promisify(execFile);

export async function uuidOf(name: string): Promise<string> {
    return (await virsh("domuuid", "--", name)).trim();
}

export async function macsOf(name: string): Promise<string[]> {
    return [...(await virsh("dumpxml", "--inactive", "--", name)).matchAll(/<mac address='([^']+)'/g)].map(m => m[1] ?? "");
}

/** Host paths of the domain's disks by target (virsh domblklist). */
export async function disksOf(name: string): Promise<Record<string, string>> {
    const lines = (await virsh("domblklist", "--inactive", "--", name)).split("\n").map(l => l.trim().split(/\s+/));
    return Object.fromEntries(lines.filter(l => l.length === 2).map(([t, p]) => [t ?? "", p ?? ""]));
}

export async function imageInfo(path: string): Promise<{ format: string; "backing-filename"?: string }> {
    return JSON.parse((await exec("qemu-img", ["info", "-U", "--output=json", path])).stdout) as { format: string; "backing-filename"?: string };
}

/** Fails unless the first MiB of the image holds the byte `pattern` throughout. */
export async function holdsPattern(path: string, pattern: string): Promise<boolean> {
    try {
        await exec("qemu-io", ["-r", "-U", "-f", "qcow2", "-c", `read -P ${pattern} 0 1M`, path]).then(({ stdout }) => {
            if (stdout.includes("Pattern verification failed")) throw new Error(stdout);
        });
        return true;
    } catch {
        return false;
    }
}

/** A seed image's files, read with xorriso as cloud-init would find them. */
export async function seedFile(iso: string, file: "user-data" | "meta-data"): Promise<string> {
    const dir = mkdtempSync("/tmp/kvmm-clone-seed-");
    try {
        await exec("xorriso", ["-osirrox", "on", "-indev", iso, "-extract", `/${file}`, `${dir}/${file}`]);
        return readFileSync(`${dir}/${file}`, "utf8");
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
