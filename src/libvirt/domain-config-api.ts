// Changing a domain's configuration through libvirt's own calls (no XML round trips).
import { call, type ConnectionId, DOMAIN_IFACE, PROPERTIES_IFACE } from "./connection.ts";

/** virDomainModificationImpact and the vCPU/memory "maximum" flags. */
export const Affect = { Live: 1, Config: 2 } as const;
const VCPU_MAXIMUM = 4;
const MEM_MAXIMUM = 4;
const METADATA_DESCRIPTION = 0;

export async function setVcpus(conn: ConnectionId, path: string, count: number, flags: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "SetVcpus", [count, flags], "uu");
}

export async function setMaxVcpus(conn: ConnectionId, path: string, count: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "SetVcpus", [count, Affect.Config | VCPU_MAXIMUM], "uu");
}

/** KiB */
export async function setMemory(conn: ConnectionId, path: string, kib: number, flags: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "SetMemory", [kib, flags], "tu");
}

export async function setMaxMemory(conn: ConnectionId, path: string, kib: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "SetMemory", [kib, Affect.Config | MEM_MAXIMUM], "tu");
}

export async function getAutostart(conn: ConnectionId, path: string): Promise<boolean> {
    const [value] = await call<[{ v: unknown }]>(conn, path, PROPERTIES_IFACE, "Get", [DOMAIN_IFACE, "Autostart"], "ss");
    return value.v === true;
}

export async function setAutostart(conn: ConnectionId, path: string, autostart: boolean): Promise<void> {
    await call(conn, path, PROPERTIES_IFACE, "Set", [DOMAIN_IFACE, "Autostart", { t: "b", v: autostart }], "ssv");
}

export async function setDescription(conn: ConnectionId, path: string, description: string, flags: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "SetMetadata", [METADATA_DESCRIPTION, description, "", "", flags], "isssu");
}

export async function renameDomain(conn: ConnectionId, path: string, name: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Rename", [name, 0], "su");
}
