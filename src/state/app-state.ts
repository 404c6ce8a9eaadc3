// The one store of the page and the sync engines that fill it, started once.
import { cockpit } from "../lib/cockpit.ts";
import { hasAdminAccess, onAdminAccessChange } from "../lib/superuser.ts";
import { type ConnectionId, reopenConnections } from "../libvirt/connection.ts";
import { DataLoader } from "./data-loader.ts";
import { pageVisibility } from "./page-visibility.ts";
import { UsageHistories } from "./usage-history.ts";
import { VmStore } from "./vm-store.ts";
import { ConnectionSync } from "./vm-sync.ts";

/** Live usage refresh; also how soon a libvirtd outage or recovery is noticed. */
const POLL_INTERVAL_MS = 3000;

export const vmStore = new VmStore();
/** The last five minutes of every running VM's usage, from the page's load on. */
export const usageHistories = new UsageHistories();
const syncs = new Map<ConnectionId, ConnectionSync>();

function pollAll(): Promise<void> {
    for (const sync of syncs.values()) void sync.poll();
    return Promise.resolve();
}

/** Paused while the page is hidden; at once when it is shown again. */
const poller = new DataLoader(pollAll, () => undefined, { pollMs: POLL_INTERVAL_MS, visibility: pageVisibility });

/** The session connection exists only where the user has a session bus with libvirt-dbus. */
async function startSession(): Promise<void> {
    const user = await cockpit.user();
    if (user.id === 0) return; // root's session VMs are not what an admin means by "the host"
    const sync = new ConnectionSync(vmStore, usageHistories, "session");
    await sync.start();
    const status = vmStore.getSnapshot().connections.get("session") ?? { state: "loading" };
    if (status.state === "failed" && (status.error.kind === "unavailable" || status.error.kind === "timeout")) {
        sync.stop();
        vmStore.removeConnection("session");
        return;
    }
    syncs.set("session", sync);
}

const reconnectListeners = new Set<() => void>();

/** Called after administrative access was switched and libvirt's channels were opened anew. */
export function onLibvirtReconnect(listener: () => void): void {
    reconnectListeners.add(listener);
}

/**
 * Channels keep the access they were opened with: when the user switches administrative
 * access, open them again and read everything, so that what the page shows (a "permission
 * denied" included) follows the switch. Not when Cockpit first tells what it is.
 */
function followAdminAccess(): void {
    let admin = hasAdminAccess();
    onAdminAccessChange(() => {
        const before = admin;
        admin = hasAdminAccess();
        if (before === undefined || before === admin) return;
        reopenConnections();
        for (const sync of syncs.values()) void sync.reconnect();
        for (const listener of reconnectListeners) listener();
    });
}

let started = false;

export function startSync(): void {
    if (started) return;
    started = true;
    const system = new ConnectionSync(vmStore, usageHistories, "system");
    syncs.set("system", system);
    void system.start();
    void startSession().catch(() => vmStore.removeConnection("session"));
    if (pageVisibility.hidden) poller.wait();
    else poller.reload();
    followAdminAccess();
}
