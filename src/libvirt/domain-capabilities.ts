// What this host's QEMU can give a new VM (Connect.GetDomainCapabilities): machine type,
// firmware images, Secure Boot, TPM, disk buses and video models.
import { _ } from "../lib/i18n.ts";
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId } from "./connection.ts";
import { attr, child, children, text, type XmlNode,xmlParser } from "./xml.ts";

export interface DomainCapabilities {
    emulator: string;
    /** "kvm" or "qemu" (TCG). */
    virtType: string;
    machine: string;
    arch: string;
    maxVcpus: number;
    efi: boolean;
    /** UEFI code images, Secure Boot ones flagged. */
    loaders: { path: string; secure: boolean }[];
    secureBoot: boolean;
    /** An emulated TPM (swtpm) can be given; passthrough alone does not count. */
    tpmEmulator: boolean;
    tpmModels: string[];
    diskBuses: string[];
    videoModels: string[];
}

function enumValues(node: XmlNode | undefined, name: string): string[] {
    const e = children(node, "enum").find(n => attr(n, "name") === name);
    const values = e?.value;
    const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
    return list.map(v => text(v) ?? "").filter(Boolean);
}

export function parseDomainCapabilities(xml: string): DomainCapabilities {
    const caps = child(xmlParser.parse(xml) as XmlNode, "domainCapabilities");
    if (!caps) throw new Error("not a domainCapabilities document");
    const os = child(caps, "os");
    const loader = child(os, "loader");
    const loaderValues = loader?.value;
    const loaderPaths = (Array.isArray(loaderValues) ? loaderValues : loaderValues === undefined ? [] : [loaderValues]).map(v => text(v) ?? "");
    const devices = child(caps, "devices");
    const tpm = child(devices, "tpm");
    return {
        emulator: text(caps.path) ?? "",
        virtType: text(caps.domain) ?? "",
        machine: text(caps.machine) ?? "",
        arch: text(caps.arch) ?? "",
        maxVcpus: Number(attr(child(caps, "vcpu"), "max") ?? 1),
        efi: enumValues(os, "firmware").includes("efi") || loaderPaths.length > 0,
        loaders: loaderPaths.filter(Boolean).map(path => ({ path, secure: /secboot|\.ms\./.test(path) })),
        secureBoot: enumValues(loader, "secure").includes("yes"),
        tpmEmulator: attr(tpm, "supported") === "yes" && enumValues(tpm, "backendModel").includes("emulator"),
        tpmModels: enumValues(tpm, "model"),
        diskBuses: enumValues(children(devices, "disk")[0], "bus"),
        videoModels: enumValues(children(devices, "video")[0], "modelType"),
    };
}

/** Why a new VM cannot get an emulated TPM 2.0 (tpm-crb, as new-domain-xml builds it); undefined when it can. */
export function tpmUnavailable(caps: DomainCapabilities): string | undefined {
    // libvirt lists the emulator backend only when swtpm is installed.
    if (!caps.tpmEmulator) return _("The host cannot emulate a TPM: install the swtpm and swtpm-tools packages.");
    if (!caps.tpmModels.includes("tpm-crb")) return _("This host's QEMU has no TPM CRB device.");
    return undefined;
}

/** machine "" picks QEMU's default; virtType "kvm" where /dev/kvm works, else "qemu". */
export async function getDomainCapabilities(conn: ConnectionId, virtType: "kvm" | "qemu", machine = "q35"): Promise<DomainCapabilities> {
    const [xml] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "GetDomainCapabilities", ["", "x86_64", machine, virtType, 0], "ssssu");
    return parseDomainCapabilities(xml);
}
