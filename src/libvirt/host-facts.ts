// What libvirt says about the host for the Overview page: CPU topology, memory, versions, and
// whether guests get KVM or run under TCG (with libvirt's reason).
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, PROPERTIES_IFACE } from "./connection.ts";
import { getDomainCapabilities } from "./domain-capabilities.ts";
import { hostMemoryKiB } from "./host-api.ts";
import { attr, child, type XmlNode, xmlParser } from "./xml.ts";

export interface CpuTopology {
    sockets: number;
    cores: number;
    threads: number;
}

export interface LibvirtHostFacts {
    topology: CpuTopology | undefined;
    /** KiB */
    memory: number;
    libvirtVersion: string;
    qemuVersion: string;
    /** undefined when guests get KVM, else why not (libvirt's words). */
    kvmUnavailable: string | undefined;
}

/** The topology of <capabilities><host><cpu><topology>; sockets count all NUMA cells'. */
export function parseCapabilitiesTopology(xml: string): CpuTopology | undefined {
    const host = child(child(xmlParser.parse(xml) as XmlNode, "capabilities"), "host");
    const topology = child(child(host, "cpu"), "topology");
    if (!topology) return undefined;
    const n = (name: string): number => Number(attr(topology, name) ?? 0);
    return { sockets: n("sockets") * Math.max(1, n("dies")), cores: n("cores"), threads: n("threads") };
}

/** libvirt's version numbers (major * 1e6 + minor * 1e3 + release) as text. */
export function versionText(version: number): string {
    if (!version) return "";
    return [Math.floor(version / 1e6), Math.floor(version / 1e3) % 1e3, version % 1e3].join(".");
}

async function property(conn: ConnectionId, name: string): Promise<unknown> {
    const [value] = await call<[{ v: unknown }]>(conn, CONNECT_PATH, PROPERTIES_IFACE, "Get", [CONNECT_IFACE, name], "ss");
    return value.v;
}

export async function libvirtHostFacts(conn: ConnectionId): Promise<LibvirtHostFacts> {
    const [[caps], memory, libVersion, version, kvmUnavailable] = await Promise.all([
        call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "GetCapabilities", [], ""),
        hostMemoryKiB(conn),
        property(conn, "LibVersion"),
        property(conn, "Version"),
        getDomainCapabilities(conn, "kvm", "").then(() => undefined, (error: unknown) => error instanceof Error ? error.message : String(error)),
    ]);
    return {
        topology: parseCapabilitiesTopology(caps),
        memory,
        libvirtVersion: versionText(Number(libVersion)),
        qemuVersion: versionText(Number(version)),
        kvmUnavailable,
    };
}
