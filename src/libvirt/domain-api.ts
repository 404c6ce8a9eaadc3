// org.libvirt.Domain and the domain calls of org.libvirt.Connect.
import type { DBusSubscription } from "../lib/cockpit-types.ts";
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId, DOMAIN_IFACE, PROPERTIES_IFACE, subscribe } from "./connection.ts";
import { type DomainStats, parseAllStats, parseStats } from "./domain-stats.ts";
import { unwrapDict } from "./variant.ts";

export interface DomainProperties {
    name: string;
    uuid: string;
    active: boolean;
    persistent: boolean;
    autostart: boolean;
}

/** Guest shutdowns can take long; libvirt returns once the request is sent, but allow slack. */
const POWER_TIMEOUT_MS = 120_000;
/** qemu-guest-agent freezes each filesystem in turn, flushing its dirty data first. */
const FREEZE_TIMEOUT_MS = 60_000;

export async function listDomains(conn: ConnectionId): Promise<string[]> {
    const [paths] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListDomains", [0], "u");
    return paths;
}

/** Object paths of the running (and paused) domains. */
export async function listActiveDomains(conn: ConnectionId): Promise<string[]> {
    const ACTIVE = 1;
    const [paths] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListDomains", [ACTIVE], "u");
    return paths;
}

export async function getAllDomainStats(conn: ConnectionId, groups: number, filter = 0): Promise<DomainStats[]> {
    const [records] = await call<[unknown]>(conn, CONNECT_PATH, CONNECT_IFACE, "GetAllDomainStats", [groups, filter], "uu");
    return parseAllStats(records);
}

export async function getDomainStats(conn: ConnectionId, path: string, name: string, groups: number): Promise<DomainStats> {
    const [record] = await call<[unknown]>(conn, path, DOMAIN_IFACE, "GetStats", [groups, 0], "uu");
    return parseStats(name, record);
}

export async function lookupDomainByName(conn: ConnectionId, name: string): Promise<string> {
    const [path] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "DomainLookupByName", [name], "s");
    return path;
}

/** A domain as operations are given it: by name, with its object path once known. */
export interface DomainRef {
    connection: ConnectionId;
    name: string;
    path?: string | undefined;
}

/** The VM's object path; looked up by name when the first load has not joined it yet. */
export async function domainPath(vm: DomainRef): Promise<string> {
    return vm.path ?? await lookupDomainByName(vm.connection, vm.name);
}

export async function getDomainName(conn: ConnectionId, path: string): Promise<string> {
    const [value] = await call<[{ v: unknown }]>(conn, path, PROPERTIES_IFACE, "Get", [DOMAIN_IFACE, "Name"], "ss");
    return String(value.v);
}

export async function getDomainProperties(conn: ConnectionId, path: string): Promise<DomainProperties> {
    const [raw] = await call<[unknown]>(conn, path, PROPERTIES_IFACE, "GetAll", [DOMAIN_IFACE], "s");
    const p = unwrapDict(raw);
    return {
        name: typeof p.Name === "string" ? p.Name : "",
        uuid: typeof p.UUID === "string" ? p.UUID : "",
        active: p.Active === true,
        persistent: p.Persistent === true,
        autostart: p.Autostart === true,
    };
}

/** virDomainXMLFlags: Secure keeps passwords (needed to define the XML again), Inactive is the saved configuration. */
export const XmlFlags = { Secure: 1, Inactive: 2 } as const;

/** flags: 0 = live (or the saved configuration of a shut-off VM); see XmlFlags. */
export async function getDomainXml(conn: ConnectionId, path: string, flags = 0): Promise<string> {
    const [xml] = await call<[string]>(conn, path, DOMAIN_IFACE, "GetXMLDesc", [flags], "u");
    return xml;
}

export async function defineDomain(conn: ConnectionId, xml: string): Promise<string> {
    const [path] = await call<[string]>(conn, CONNECT_PATH, CONNECT_IFACE, "DomainDefineXML", [xml], "s");
    return path;
}

export async function startDomain(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Create", [0], "u", POWER_TIMEOUT_MS);
}

export async function shutdownDomain(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Shutdown", [0], "u", POWER_TIMEOUT_MS);
}

export async function destroyDomain(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Destroy", [0], "u", POWER_TIMEOUT_MS);
}

export async function rebootDomain(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Reboot", [0], "u", POWER_TIMEOUT_MS);
}

export async function resetDomain(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Reset", [0], "u");
}

export async function suspendDomain(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Suspend", [], "");
}

export async function resumeDomain(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Resume", [], "");
}

/** virDomainUndefineFlagsValues */
export const Undefine = { ManagedSave: 1, SnapshotsMetadata: 2, Nvram: 4, KeepNvram: 8, CheckpointsMetadata: 16, Tpm: 32, KeepTpm: 64 } as const;

/** Removes the definition; by default with its managed-save image, snapshot and checkpoint metadata and NVRAM. */
export async function undefineDomain(conn: ConnectionId, path: string,
                                     flags: number = Undefine.ManagedSave | Undefine.SnapshotsMetadata | Undefine.Nvram | Undefine.CheckpointsMetadata): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Undefine", [flags], "u");
}

export async function hasManagedSave(conn: ConnectionId, path: string): Promise<boolean> {
    const [saved] = await call<[boolean]>(conn, path, DOMAIN_IFACE, "HasManagedSaveImage", [0], "u");
    return saved;
}

export type DomainEventHandler = (path: string, event: number, detail: number) => void;

export function subscribeDomainEvents(conn: ConnectionId, handler: DomainEventHandler): DBusSubscription {
    return subscribe(conn, CONNECT_IFACE, "DomainEvent", (_path, _iface, _signal, args) => {
        const [domain, event, detail] = args as [string, number, number];
        handler(domain, event, detail);
    });
}

/** Any change of a domain's metadata (ours, its description, another client's), by whoever made it. */
export function subscribeMetadataChanges(conn: ConnectionId, handler: (path: string) => void): DBusSubscription {
    return subscribe(conn, DOMAIN_IFACE, "MetadataChange", path => handler(path));
}

/** Adds a device to the saved configuration only (VIR_DOMAIN_AFFECT_CONFIG): it applies at the next boot. */
export async function attachDeviceToConfig(conn: ConnectionId, path: string, deviceXml: string): Promise<void> {
    const AFFECT_CONFIG = 2;
    await call(conn, path, DOMAIN_IFACE, "AttachDevice", [deviceXml, AFFECT_CONFIG], "su");
}

// Configuration changes through libvirt's own calls (no XML round trips).
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

/** Through qemu-guest-agent: freezes the guest's filesystems (all when none are named); resolves with how many. */
export async function freezeFilesystems(conn: ConnectionId, path: string): Promise<number> {
    const [count] = await call<[number]>(conn, path, DOMAIN_IFACE, "FSFreeze", [[], 0], "asu", FREEZE_TIMEOUT_MS);
    return count;
}

export async function thawFilesystems(conn: ConnectionId, path: string): Promise<number> {
    const [count] = await call<[number]>(conn, path, DOMAIN_IFACE, "FSThaw", [[], 0], "asu", FREEZE_TIMEOUT_MS);
    return count;
}
