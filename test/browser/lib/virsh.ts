// The system side of browser tests: virsh against qemu:///system, and clean-up of every
// domain and file a test made.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { promisify } from "node:util";

import { xmlBuilder } from "../../../src/libvirt/xml.ts";

const exec = promisify(execFile);

/** Every test domain's name contains this, so clean-up can find leftovers of crashed runs. */
export const TEST_MARK = "kvmmt";
export const TEST_IMAGE_DIR = "/var/lib/libvirt/images/kvmm-test";

export async function virsh(...args: string[]): Promise<string> {
    const { stdout } = await exec("virsh", ["-c", "qemu:///system", "-q", ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
}

export async function domstate(name: string): Promise<string> {
    return (await virsh("domstate", "--", name)).split("\n")[0]?.trim() ?? "";
}

export async function domainExists(name: string): Promise<boolean> {
    try {
        await virsh("dominfo", "--", name);
        return true;
    } catch {
        return false;
    }
}

export async function defineXml(xml: string): Promise<void> {
    const dir = "/tmp/kvmm-test-xml";
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${String(process.pid)}-${String(Date.now())}-${String(Math.random()).slice(2)}.xml`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, xml);
    try {
        await virsh("define", file);
    } finally {
        rmSync(file, { force: true });
    }
}

export interface DomainSpec {
    name: string;
    memoryMiB?: number;
    vcpus?: number;
    disks?: string[];
    /** Direct kernel boot of the test guest. */
    kernel?: { kernel: string; initrd: string; cmdline: string };
    serialLog?: string;
    agentChannel?: boolean;
}

/** Domain XML built with the same XML builder as the plugin. */
export function domainXml(spec: DomainSpec): string {
    const os: Record<string, unknown> = { type: { "@_arch": "x86_64", "@_machine": "pc", "#text": "hvm" } };
    if (spec.kernel) Object.assign(os, { kernel: spec.kernel.kernel, initrd: spec.kernel.initrd, cmdline: spec.kernel.cmdline });
    const devices: Record<string, unknown> = {
        disk: (spec.disks ?? []).map((file, i) => ({
            "@_type": "file", "@_device": "disk",
            driver: { "@_name": "qemu", "@_type": "qcow2" },
            source: { "@_file": file },
            target: { "@_dev": `vd${String.fromCharCode(97 + i)}`, "@_bus": "virtio" },
        })),
    };
    if (spec.kernel) {
        devices.serial = { "@_type": "pty", ...(spec.serialLog ? { log: { "@_file": spec.serialLog, "@_append": "off" } } : {}), target: { "@_port": "0" } };
        devices.console = { "@_type": "pty", target: { "@_type": "serial", "@_port": "0" } };
    }
    if (spec.agentChannel) devices.channel = { "@_type": "unix", target: { "@_type": "virtio", "@_name": "org.kvmmanager.agent.0" } };
    return xmlBuilder.build({
        domain: {
            "@_type": "qemu",
            name: spec.name,
            memory: { "@_unit": "MiB", "#text": String(spec.memoryMiB ?? 64) },
            vcpu: String(spec.vcpus ?? 1),
            os,
            features: { acpi: "" },
            on_poweroff: "destroy",
            on_reboot: "restart",
            on_crash: "destroy",
            devices,
        },
    });
}

export const TEST_POOL = `${TEST_MARK}-pool`;

/** Test images live in a storage pool of their own, as images do on a real host. */
async function ensureTestPool(): Promise<void> {
    mkdirSync(TEST_IMAGE_DIR, { recursive: true });
    if (!(await virsh("pool-list", "--all", "--name")).split("\n").some(n => n.trim() === TEST_POOL)) {
        await virsh("pool-define-as", TEST_POOL, "dir", "--target", TEST_IMAGE_DIR);
    }
    await virsh("pool-start", TEST_POOL).catch(() => undefined);
}

export async function createImage(name: string, size = "16M"): Promise<string> {
    await ensureTestPool();
    const file = `${TEST_IMAGE_DIR}/${name}.qcow2`;
    await exec("qemu-img", ["create", "-q", "-f", "qcow2", file, size]);
    return file;
}

/** Removes every test domain (running or not) and the test images. */
export async function cleanupTestDomains(): Promise<void> {
    const names = (await virsh("list", "--all", "--name")).split("\n").map(n => n.trim()).filter(n => n.includes(TEST_MARK));
    for (const name of names) {
        await virsh("destroy", "--", name).catch(() => undefined);
        await virsh("undefine", "--nvram", "--", name).catch(() => virsh("undefine", "--", name).catch(() => undefined));
    }
    await virsh("pool-destroy", TEST_POOL).catch(() => undefined);
    await virsh("pool-undefine", TEST_POOL).catch(() => undefined);
    if (existsSync(TEST_IMAGE_DIR)) rmSync(TEST_IMAGE_DIR, { recursive: true, force: true });
}
