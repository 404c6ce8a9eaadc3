// The domain XML of a new VM, built from the choices of the Create VM wizard and the host's
// domain capabilities. Built with the XML builder, so names and paths are escaped for us.
import { AGENT_CHANNEL, QEMU_AGENT_CHANNEL } from "./agent-channel-xml.ts";
import { firmwareFeatures } from "./firmware-xml.ts";
import { xmlBuilder } from "./xml.ts";

export const LIBOSINFO_NS = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

export interface NewVmNetwork {
    type: "network" | "bridge" | "direct" | "user";
    /** Network name, bridge name or host device; unused for "user". */
    source: string;
}

export interface NewVmSpec {
    name: string;
    virtType: "kvm" | "qemu";
    emulator: string;
    machine: string;
    memoryMiB: number;
    vcpus: number;
    osId?: string;
    firmware: "bios" | "efi";
    secureBoot: boolean;
    tpm: boolean;
    /** The guest has virtio drivers: virtio disks and NIC, else SATA and e1000e. */
    virtio: boolean;
    /** format: the driver type, e.g. qcow2, raw, vmdk. */
    disks: { path: string; format: string }[];
    /** Install media, attached as a read-only CD-ROM. */
    cdrom?: string;
    /** Extra read-only CD-ROMs, e.g. a cloud-init seed. */
    extraCdroms?: string[];
    network: NewVmNetwork | null;
    boot: ("hd" | "cdrom" | "network")[];
    /** Direct kernel boot for network install trees. */
    kernelBoot?: { kernel: string; initrd: string; cmdline: string };
}

type Node = Record<string, unknown>;

function diskNode(target: string, bus: string, file: string, format: string, cdrom: boolean): Node {
    return {
        "@_type": "file",
        "@_device": cdrom ? "cdrom" : "disk",
        driver: { "@_name": "qemu", "@_type": format },
        source: { "@_file": file },
        target: { "@_dev": target, "@_bus": bus },
        ...(cdrom ? { readonly: "" } : {}),
    };
}

function interfaceNode(net: NewVmNetwork, virtio: boolean): Node {
    const model = { "@_type": virtio ? "virtio" : "e1000e" };
    switch (net.type) {
    case "network": return { "@_type": "network", source: { "@_network": net.source }, model };
    case "bridge": return { "@_type": "bridge", source: { "@_bridge": net.source }, model };
    case "direct": return { "@_type": "direct", source: { "@_dev": net.source, "@_mode": "bridge" }, model };
    case "user": return { "@_type": "user", model };
    }
}

export function buildNewDomainXml(spec: NewVmSpec): string {
    const diskBus = spec.virtio ? "virtio" : "sata";
    const disks = spec.disks.map((d, i) => diskNode(`${spec.virtio ? "vd" : "sd"}${String.fromCharCode(97 + i)}`, diskBus, d.path, d.format, false));
    const cdroms = [spec.cdrom, ...(spec.extraCdroms ?? [])].filter((p): p is string => !!p)
            .map((p, i) => diskNode(`sd${String.fromCharCode(110 + i)}`, "sata", p, "raw", true));
    const os: Node = {
        ...(spec.firmware === "efi" ? { "@_firmware": "efi" } : {}),
        type: { "@_arch": "x86_64", "@_machine": spec.machine, "#text": "hvm" },
        ...(spec.firmware === "efi" ? { firmware: { feature: firmwareFeatures(spec.secureBoot).map(f => ({ "@_enabled": f.enabled, "@_name": f.name })) } } : {}),
        ...(spec.kernelBoot ? { kernel: spec.kernelBoot.kernel, initrd: spec.kernelBoot.initrd, cmdline: spec.kernelBoot.cmdline } : {}),
        boot: spec.boot.map(dev => ({ "@_dev": dev })),
    };
    const devices: Node = {
        emulator: spec.emulator,
        disk: [...disks, ...cdroms],
        ...(spec.network ? { interface: [interfaceNode(spec.network, spec.virtio)] } : {}),
        channel: [
            { "@_type": "unix", target: { "@_type": "virtio", "@_name": QEMU_AGENT_CHANNEL } },
            { "@_type": "unix", target: { "@_type": "virtio", "@_name": AGENT_CHANNEL } },
        ],
        serial: { "@_type": "pty" },
        console: { "@_type": "pty", target: { "@_type": "serial" } },
        input: [{ "@_type": "tablet", "@_bus": "usb" }],
        graphics: { "@_type": "vnc", "@_autoport": "yes", "@_listen": "127.0.0.1" },
        video: { model: { "@_type": "virtio" } },
        ...(spec.tpm ? { tpm: { "@_model": "tpm-crb", backend: { "@_type": "emulator", "@_version": "2.0" } } } : {}),
        memballoon: { "@_model": spec.virtio ? "virtio" : "none" },
        rng: spec.virtio ? { "@_model": "virtio", backend: { "@_model": "random", "#text": "/dev/urandom" } } : undefined,
    };
    if (devices.rng === undefined) delete devices.rng;
    return xmlBuilder.build({
        domain: {
            "@_type": spec.virtType,
            name: spec.name,
            ...(spec.osId ? { metadata: { "libosinfo:libosinfo": { "@_xmlns:libosinfo": LIBOSINFO_NS, "libosinfo:os": { "@_id": spec.osId } } } } : {}),
            memory: { "@_unit": "MiB", "#text": String(spec.memoryMiB) },
            vcpu: String(spec.vcpus),
            os,
            features: { acpi: "", apic: "", ...(spec.firmware === "efi" && spec.secureBoot ? { smm: { "@_state": "on" } } : {}) },
            cpu: { "@_mode": spec.virtType === "kvm" ? "host-passthrough" : "host-model" },
            clock: { "@_offset": "utc" },
            on_poweroff: "destroy",
            on_reboot: "restart",
            on_crash: "destroy",
            devices,
        },
    });
}
