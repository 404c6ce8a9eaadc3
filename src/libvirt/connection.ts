// The one place that talks D-Bus to libvirt-dbus: one cached client per libvirt connection (over
// whichever transport the page or kvmm set up), and a call helper that always sends a signature
// and a timeout.
import type { DBusSignalHandler, DBusSubscription } from "../lib/cockpit-types.ts";
import { _ } from "../lib/i18n.ts";
import { type DBusTransport, transports } from "../lib/transports.ts";
import { toLibvirtError } from "./errors.ts";

export type ConnectionId = "system" | "session";

export const LIBVIRT_SERVICE = "org.libvirt";
export const CONNECT_PATH = "/org/libvirt/QEMU";
export const CONNECT_IFACE = "org.libvirt.Connect";
export const DOMAIN_IFACE = "org.libvirt.Domain";
export const VOLUME_IFACE = "org.libvirt.StorageVol";
export const POOL_IFACE = "org.libvirt.StoragePool";
export const NETWORK_IFACE = "org.libvirt.Network";
export const PROPERTIES_IFACE = "org.freedesktop.DBus.Properties";

/** Calls that libvirt answers from memory; long jobs (shutdown of a slow guest) get more. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The connection's URI, for host tools (virsh) that reach what libvirt-dbus does not offer. */
export function libvirtUri(id: ConnectionId): string {
    return id === "system" ? "qemu:///system" : "qemu:///session";
}

export function connectionLabel(id: ConnectionId): string {
    return id === "system" ? _("System") : _("Session");
}

const clients = new Map<ConnectionId, DBusTransport>();

function client(id: ConnectionId): DBusTransport {
    let c = clients.get(id);
    if (!c) {
        const created = transports().dbus(id, LIBVIRT_SERVICE);
        // A closed channel cannot be reused: forget it so the next call opens a fresh one.
        created.onClose(() => {
            if (clients.get(id) === created) clients.delete(id);
        });
        clients.set(id, created);
        c = created;
    }
    return c;
}

/**
 * Forgets the cached clients, so the next calls open new channels: after administrative access
 * was switched, the old ones still act as the user they were opened for. Their signal
 * subscriptions end with them.
 */
export function reopenConnections(): void {
    const old = [...clients.values()];
    clients.clear();
    for (const c of old) c.close();
}

/** The system bus refuses a connection more than 128 calls awaiting replies ("The maximum number
 *  of pending replies per connection has been reached"): with hundreds of VMs the list alone went
 *  past it and other calls (Create VM's) failed. Calls beyond this many wait their turn. */
const MAX_PENDING_CALLS = 64;
let pendingCalls = 0;
const waitingCalls: (() => void)[] = [];

async function callSlot(): Promise<void> {
    if (pendingCalls < MAX_PENDING_CALLS) {
        pendingCalls++;
        return;
    }
    await new Promise<void>(resolve => waitingCalls.push(resolve));
}

function releaseCallSlot(): void {
    const next = waitingCalls.shift();
    if (next) next();
    else pendingCalls--;
}

export async function call<T extends unknown[]>(connection: ConnectionId, path: string, iface: string, method: string,
                                                args: unknown[], signature: string, timeout = DEFAULT_TIMEOUT_MS): Promise<T> {
    await callSlot();
    try {
        return await client(connection).call(path, iface, method, args, signature, timeout) as T;
    } catch (error) {
        throw toLibvirtError(error);
    } finally {
        releaseCallSlot();
    }
}

export function subscribe(connection: ConnectionId, iface: string, member: string, handler: DBusSignalHandler): DBusSubscription {
    return client(connection).subscribe({ interface: iface, member }, handler);
}
