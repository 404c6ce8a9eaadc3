// Cockpit's administrative access ("superuser") of this session, as the shell's top bar switches
// it. Channels opened with `superuser: "try"` keep the access they were opened with: whatever
// depends on it listens here and opens them again.
import { cockpit } from "./cockpit.ts";
import type { DBusProxy } from "./cockpit-types.ts";

interface SuperuserProxy extends DBusProxy {
    /** "init" while the bridge starts, "none" without administrative access, else the method's id ("sudo"…). */
    Current?: string;
}

let proxy: SuperuserProxy | undefined;
let known: boolean | undefined;
const listeners = new Set<() => void>();

function isAdmin(current: string | undefined): boolean | undefined {
    return current === undefined || current === "init" ? undefined : current !== "none";
}

function ensureProxy(): void {
    if (proxy) return;
    const created = cockpit.dbus(null, { bus: "internal" }).proxy("cockpit.Superuser", "/superuser") as SuperuserProxy;
    proxy = created;
    created.addEventListener("changed", () => {
        const admin = isAdmin(created.Current);
        if (admin === undefined || admin === known) return;
        known = admin;
        for (const listener of listeners) listener();
    });
}

/** Administrative access now; undefined until Cockpit knows. */
export function hasAdminAccess(): boolean | undefined {
    ensureProxy();
    return known;
}

/**
 * Calls `listener` whenever administrative access is turned on or off (also once when it
 * first becomes known). Returns the unsubscribe function.
 */
export function onAdminAccessChange(listener: () => void): () => void {
    ensureProxy();
    listeners.add(listener);
    return () => listeners.delete(listener);
}
