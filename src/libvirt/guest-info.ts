// What libvirt learns from qemu-guest-agent (the org.qemu.guest_agent.0 channel), through
// libvirt-dbus: hostname, addresses, mounted filesystems, the guest's clock; and shutdown,
// reboot and setting the clock done by the agent. libvirt-dbus 1.4 has no GetGuestInfo (users,
// OS) and no agent-command call.
import { call, type ConnectionId, DOMAIN_IFACE } from "./connection.ts";
import { type GuestInterfaceAddresses, interfaceAddresses } from "./device-api.ts";

/** virDomainGetHostnameFlags */
const HOSTNAME_FROM_AGENT = 2;
/** virDomainShutdownFlagValues and virDomainRebootFlagValues: GUEST_AGENT */
const BY_GUEST_AGENT = 2;
const ADDRESSES_FROM_AGENT = 1;
/** The agent answers within seconds or libvirt gives up itself; shutdown returns once asked. */
const AGENT_TIMEOUT_MS = 60_000;

export interface GuestFilesystem {
    mountpoint: string;
    /** The guest's device name (e.g. "vda"). */
    device: string;
    fsType: string;
    /** The VM's disks (targets) the filesystem lives on. */
    disks: string[];
}

export async function guestHostname(conn: ConnectionId, path: string): Promise<string> {
    const [hostname] = await call<[string]>(conn, path, DOMAIN_IFACE, "GetHostname", [HOSTNAME_FROM_AGENT], "u", AGENT_TIMEOUT_MS);
    return hostname;
}

export async function guestFilesystems(conn: ConnectionId, path: string): Promise<GuestFilesystem[]> {
    const [info] = await call<[[string, string, string, string[]][]]>(conn, path, DOMAIN_IFACE, "GetFSInfo", [0], "u", AGENT_TIMEOUT_MS);
    return info.map(([mountpoint, device, fsType, disks]) => ({ mountpoint, device, fsType, disks }));
}

export async function guestAddresses(conn: ConnectionId, path: string): Promise<GuestInterfaceAddresses[]> {
    return interfaceAddresses(conn, path, ADDRESSES_FROM_AGENT);
}

export async function shutdownByGuestAgent(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Shutdown", [BY_GUEST_AGENT], "u", AGENT_TIMEOUT_MS);
}

export async function rebootByGuestAgent(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, DOMAIN_IFACE, "Reboot", [BY_GUEST_AGENT], "u", AGENT_TIMEOUT_MS);
}

/** The guest's clock (qemu-ga's guest-get-time), in ms since the epoch. */
export async function guestTimeMs(conn: ConnectionId, path: string): Promise<number> {
    const [[seconds, nseconds]] = await call<[[number, number]]>(conn, path, DOMAIN_IFACE, "GetTime", [0], "u", AGENT_TIMEOUT_MS);
    return seconds * 1000 + Math.floor(nseconds / 1e6);
}

/** Sets the guest's clock, and its hardware clock (qemu-ga's guest-set-time). */
export async function setGuestTimeMs(conn: ConnectionId, path: string, epochMs: number): Promise<void> {
    const ms = Math.round(epochMs);
    await call(conn, path, DOMAIN_IFACE, "SetTime", [Math.floor(ms / 1000), (ms % 1000) * 1e6, 0], "tuu", AGENT_TIMEOUT_MS);
}
