// The system side of browser tests: virsh against qemu:///system, and clean-up of every
// domain and file a test made.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { promisify } from "node:util";

import { xmlBuilder } from "../../../src/libvirt/xml.ts";

const exec = promisify(execFile);

/** Every test domain's name contains this, so clean-up can find leftovers of crashed runs. */
export const TEST_MARK = "kvmmt";
const TEST_IMAGE_ROOT = "/var/lib/libvirt/images/kvmm-test";

/**
 * A test module's own mark (kvmmt-<suite>, or kvmmt-<run>-<suite> with KVMM_TEST_RUN set): its
 * domains, images and pool carry it, so that its clean-up (which matches names containing the
 * mark) never touches what another suite, or the same suite run from another work tree at the
 * same time, has made.
 */
export function suiteMark(suite: string): string {
    const run = process.env.KVMM_TEST_RUN;
    return run ? `${TEST_MARK}-${run}-${suite}` : `${TEST_MARK}-${suite}`;
}

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
    /** QEMU machine type; "pc" (i440fx) by default. */
    machine?: string;
    memoryMiB?: number;
    vcpus?: number;
    disks?: string[];
    /** Direct kernel boot of the test guest. */
    kernel?: { kernel: string; initrd: string; cmdline: string };
    serialLog?: string;
    agentChannel?: boolean;
    /** The org.qemu.guest_agent.0 channel qemu-guest-agent serves. */
    qemuAgentChannel?: boolean;
    /** An ISO (or any file) in a SATA CD-ROM drive. */
    cdrom?: string;
    /** <os><boot dev=…/> entries in order. */
    boot?: string[];
    /** A VNC display on 127.0.0.1 with a VGA video device. */
    vnc?: boolean;
    /** The VNC display's password (with `vnc`). */
    vncPassword?: string;
    /** A virtio NIC on QEMU's user-mode network (DHCP gives 10.0.2.15; needs no libvirt network). */
    userNic?: boolean;
    /** The agent's read-only raw disk (test/guest/build-agent-overlay.sh): after the other disks, serial kvmm-agent. */
    agentDisk?: string;
}

/** Domain XML built with the same XML builder as the plugin. */
export function domainXml(spec: DomainSpec): string {
    const os: Record<string, unknown> = { type: { "@_arch": "x86_64", "@_machine": spec.machine ?? "pc", "#text": "hvm" } };
    if (spec.kernel) Object.assign(os, { kernel: spec.kernel.kernel, initrd: spec.kernel.initrd, cmdline: spec.kernel.cmdline });
    const devices: Record<string, unknown> = {
        disk: (spec.disks ?? []).map((file, i) => ({
            "@_type": "file", "@_device": "disk",
            driver: { "@_name": "qemu", "@_type": "qcow2" },
            source: { "@_file": file },
            target: { "@_dev": `vd${String.fromCharCode(97 + i)}`, "@_bus": "virtio" },
        })),
    };
    if (spec.agentDisk) {
        // Left out of snapshots: it is read-only and raw.
        (devices.disk as unknown[]).push({
            "@_type": "file", "@_device": "disk", "@_snapshot": "no", driver: { "@_name": "qemu", "@_type": "raw" }, source: { "@_file": spec.agentDisk },
            target: { "@_dev": "vdz", "@_bus": "virtio" }, serial: "kvmm-agent", readonly: "",
        });
    }
    if (spec.cdrom) {
        (devices.disk as unknown[]).push({
            "@_type": "file", "@_device": "cdrom", source: { "@_file": spec.cdrom }, target: { "@_dev": "sda", "@_bus": "sata" }, readonly: "",
        });
    }
    if (spec.boot) os.boot = spec.boot.map(dev => ({ "@_dev": dev }));
    if (spec.kernel || spec.serialLog) {
        devices.serial = { "@_type": "pty", ...(spec.serialLog ? { log: { "@_file": spec.serialLog, "@_append": "off" } } : {}), target: { "@_port": "0" } };
        devices.console = { "@_type": "pty", target: { "@_type": "serial", "@_port": "0" } };
    }
    if (spec.vnc) {
        devices.graphics = { "@_type": "vnc", "@_autoport": "yes", "@_listen": "127.0.0.1", ...(spec.vncPassword ? { "@_passwd": spec.vncPassword } : {}) };
        devices.video = { model: { "@_type": "vga" } };
    }
    if (spec.userNic) devices.interface = { "@_type": "user", model: { "@_type": "virtio" } };
    devices.channel = [
        ...(spec.agentChannel ? ["org.kvmmanager.agent.0"] : []),
        ...(spec.qemuAgentChannel ? ["org.qemu.guest_agent.0"] : []),
    ].map(name => ({ "@_type": "unix", target: { "@_type": "virtio", "@_name": name } }));
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

/** Test images live in a storage pool of their own, as images do on a real host. */
async function ensureTestPool(mark: string): Promise<string> {
    const dir = `${TEST_IMAGE_ROOT}/${mark}`;
    mkdirSync(dir, { recursive: true });
    const pool = `${mark}-pool`;
    if (!(await virsh("pool-list", "--all", "--name")).split("\n").some(n => n.trim() === pool)) {
        await virsh("pool-define-as", pool, "dir", "--target", dir);
    }
    await virsh("pool-start", pool).catch(() => undefined);
    return dir;
}

/** A qcow2 image in the pool of the suite whose mark starts `name`. */
export async function createImage(mark: string, name: string, size = "16M"): Promise<string> {
    const dir = await ensureTestPool(mark);
    const file = `${dir}/${name}.qcow2`;
    await exec("qemu-img", ["create", "-q", "-f", "qcow2", file, size]);
    return file;
}

/** Removes every domain (running or not), image and pool that carries `mark`. */
export async function cleanupTestDomains(mark: string): Promise<void> {
    const names = (await virsh("list", "--all", "--name")).split("\n").map(n => n.trim()).filter(n => n.includes(mark));
    for (const name of names) {
        await virsh("destroy", "--", name).catch(() => undefined);
        // Snapshot and checkpoint metadata and NVRAM would each keep the definition; not every VM has NVRAM.
        await virsh("undefine", "--nvram", "--snapshots-metadata", "--checkpoints-metadata", "--", name)
            .catch(() => virsh("undefine", "--snapshots-metadata", "--checkpoints-metadata", "--", name).catch(() => undefined));
    }
    const pool = `${mark}-pool`;
    await virsh("pool-destroy", pool).catch(() => undefined);
    await virsh("pool-undefine", pool).catch(() => undefined);
    const dir = `${TEST_IMAGE_ROOT}/${mark}`;
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
