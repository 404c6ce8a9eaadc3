// Devices of a domain: attach, detach, update, block resize, and the guest's IP addresses.
import { _ } from "../lib/i18n.ts";
import { call, type ConnectionId, DOMAIN_IFACE, subscribe } from "./connection.ts";
import { deviceXml, diskTargets, findDisk, findInterface, withLinkState, withMedia } from "./device-xml-edit.ts";
import { defineDomain, getDomainXml, XmlFlags } from "./domain-api.ts";
import { LibvirtError } from "./errors.ts";
import { editedInterfaceXml, type InterfaceSettings, withEditedInterface } from "./interface-edit.ts";
import { asNumber, unwrapDict } from "./variant.ts";

/** virDomainModificationImpact */
export const AFFECT_CURRENT = 0;
export const AFFECT_LIVE = 1;
export const AFFECT_CONFIG = 2;

/** Hot-unplug waits for the guest; libvirt itself gives up after some seconds. */
const DEVICE_TIMEOUT_MS = 60_000;

export async function attachDevice(conn: ConnectionId, path: string, xml: string, flags: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "AttachDevice", [xml, flags], "su", DEVICE_TIMEOUT_MS);
}

export async function detachDevice(conn: ConnectionId, path: string, xml: string, flags: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "DetachDevice", [xml, flags], "su", DEVICE_TIMEOUT_MS);
}

export async function updateDevice(conn: ConnectionId, path: string, xml: string, flags: number): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "UpdateDevice", [xml, flags], "su", DEVICE_TIMEOUT_MS);
}

/** Grows a running VM's disk; size in bytes. */
export async function blockResize(conn: ConnectionId, path: string, target: string, bytes: number): Promise<void> {
    const RESIZE_BYTES = 1;
    await call(conn, path, DOMAIN_IFACE, "BlockResize", [target, bytes, RESIZE_BYTES], "stu", DEVICE_TIMEOUT_MS);
}

/** Which definitions a change applies to: the running VM, the saved one, or both. */
export interface Scope {
    live: boolean;
    config: boolean;
}

export function scopeFlags(scope: Scope): number {
    return (scope.live ? AFFECT_LIVE : 0) | (scope.config ? AFFECT_CONFIG : 0);
}

/**
 * Applies `change` to one existing device, each definition (live, saved) updated from its
 * own XML so that libvirt sees nothing else changed.
 */
async function updateEach(conn: ConnectionId, path: string, scope: Scope, kind: "disk" | "interface",
                          find: (xml: string) => Record<string, unknown> | undefined,
                          change: (node: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    const parts: [boolean, number, number][] = [[scope.live, 0, AFFECT_LIVE], [scope.config, XmlFlags.Inactive, AFFECT_CONFIG]];
    for (const [wanted, xmlFlags, affect] of parts) {
        if (!wanted) continue;
        const node = find(await getDomainXml(conn, path, xmlFlags));
        if (!node) {
            if (affect === AFFECT_CONFIG && scope.live) continue; // hot-plugged only: nothing saved to change
            throw new LibvirtError({ kind: "not-found", summary: _("The device no longer exists"), detail: kind });
        }
        await updateDevice(conn, path, deviceXml(kind, change(node)), affect);
    }
}

/** Inserts media (an image path) into a CD-ROM drive, or ejects it (null). */
export async function changeMedia(conn: ConnectionId, path: string, target: string, media: string | null, scope: Scope): Promise<void> {
    await updateEach(conn, path, scope, "disk", xml => findDisk(xml, target), node => withMedia(node, media));
}

export async function setLinkState(conn: ConnectionId, path: string, mac: string, up: boolean, scope: Scope): Promise<void> {
    await updateEach(conn, path, scope, "interface", xml => findInterface(xml, mac), node => withLinkState(node, up));
}

/** An existing interface, by its MAC address in one definition, and what it should become. */
export interface InterfaceEdit {
    mac: string;
    settings: InterfaceSettings;
}

function noInterface(mac: string): LibvirtError {
    return new LibvirtError({ kind: "not-found", summary: _("The device no longer exists"), detail: `interface ${mac}` });
}

/**
 * Changes an interface of the running VM (`live`, through UpdateDevice) and of its saved
 * definition (`saved`). The saved one is redefined rather than updated: UpdateDevice finds
 * the interface by its MAC address, so it cannot give it a new one.
 */
export async function editInterface(conn: ConnectionId, path: string, live: InterfaceEdit | null, saved: InterfaceEdit | null): Promise<void> {
    if (live) {
        const xml = editedInterfaceXml(await getDomainXml(conn, path, 0), live.mac, live.settings);
        if (!xml) throw noInterface(live.mac);
        await updateDevice(conn, path, xml, AFFECT_LIVE);
    }
    if (saved) {
        const xml = withEditedInterface(await getDomainXml(conn, path, XmlFlags.Inactive | XmlFlags.Secure), saved.mac, saved.settings);
        if (!xml) throw noInterface(saved.mac);
        await defineDomain(conn, xml);
    }
}

/** Detaches a device given as it appears in the domain XML. */
export async function detachExisting(conn: ConnectionId, path: string, kind: "disk" | "interface", key: string, scope: Scope): Promise<void> {
    const find = (xml: string) => kind === "disk" ? findDisk(xml, key) : findInterface(xml, key);
    const node = find(await getDomainXml(conn, path, scope.live ? 0 : XmlFlags.Inactive));
    if (!node) throw new LibvirtError({ kind: "not-found", summary: _("The device no longer exists"), detail: `${kind} ${key}` });
    let flags = scopeFlags(scope);
    // A device hot-plugged without being saved exists only in the live definition.
    if (scope.live && scope.config && !find(await getDomainXml(conn, path, XmlFlags.Inactive))) flags = AFFECT_LIVE;
    // Interfaces are matched by MAC; the live PCI address need not be the saved one.
    const sent = { ...node };
    if (kind === "interface") delete sent.address;
    await detachDevice(conn, path, deviceXml(kind, sent), flags);
}

export interface GuestAddress {
    address: string;
    prefix: number;
    family: "ipv4" | "ipv6";
}

export interface GuestInterfaceAddresses {
    name: string;
    mac: string;
    addresses: GuestAddress[];
}

/** 0 = DHCP leases of libvirt's networks, 1 = guest agent, 2 = host ARP table. */
export type AddressSource = 0 | 1 | 2;

export async function interfaceAddresses(conn: ConnectionId, path: string, source: AddressSource): Promise<GuestInterfaceAddresses[]> {
    const [ifaces] = await call<[[string, string, [number, string, number][]][]]>(conn, path, DOMAIN_IFACE, "InterfaceAddresses", [source, 0], "uu");
    return ifaces.map(([name, mac, addrs]) => ({
        name,
        mac: mac.toLowerCase(),
        addresses: addrs.map(([type, address, prefix]) => ({ address, prefix, family: type === 1 ? "ipv6" : "ipv4" })),
    }));
}

/** Calls `handler` when a device of the domain at `path` is added, removed or has its media changed. */
export function subscribeDeviceChanges(conn: ConnectionId, path: string, handler: () => void): () => void {
    const subs = ["DeviceAdded", "DeviceRemoved", "DeviceRemovalFailed", "DiskChange", "TrayChange"].map(member =>
        subscribe(conn, DOMAIN_IFACE, member, signalPath => {
            if (signalPath === path) handler();
        }));
    return () => subs.forEach(s => s.remove());
}

export interface BlockSize {
    capacity: number;
    allocation: number;
}

/** Sizes of a running VM's disks from the block statistics, by target name. */
export async function blockSizes(conn: ConnectionId, path: string): Promise<Map<string, BlockSize>> {
    const STATS_BLOCK = 32;
    const [raw] = await call<[unknown]>(conn, path, DOMAIN_IFACE, "GetStats", [STATS_BLOCK, 0], "uu");
    const stats = unwrapDict(raw);
    const sizes = new Map<string, BlockSize>();
    const count = asNumber(stats["block.count"]) ?? 0;
    for (let i = 0; i < count; i++) {
        const name = stats[`block.${String(i)}.name`];
        const capacity = asNumber(stats[`block.${String(i)}.capacity`]);
        if (typeof name !== "string" || capacity === undefined) continue;
        sizes.set(name, { capacity, allocation: asNumber(stats[`block.${String(i)}.allocation`]) ?? asNumber(stats[`block.${String(i)}.physical`]) ?? 0 });
    }
    return sizes;
}

/** Which definitions a change goes to: a running VM now (and at its next start if `keep`), a shut-off one's saved definition. */
export function scopeFor(active: boolean, persistent: boolean, keep = true): Scope {
    if (!active) return { live: false, config: true };
    return { live: true, config: persistent && keep };
}

/** Target names (vda, sdb, …) of the disks in the live (0) or saved (2) definition. */
export async function getDiskTargets(conn: ConnectionId, path: string, xmlFlags: number): Promise<string[]> {
    return diskTargets(await getDomainXml(conn, path, xmlFlags));
}
