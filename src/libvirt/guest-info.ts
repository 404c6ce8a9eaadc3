// What libvirt learns from qemu-guest-agent (the org.qemu.guest_agent.0 channel), through
// libvirt-dbus: hostname, addresses, mounted filesystems, and shutdown or reboot done by the
// agent. libvirt-dbus 1.4 has no GetGuestInfo (users, OS) and no agent-command call.
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
