// Cockpit's administrative access for views: they re-render (and re-read what depends on it)
// when the user turns it on or off in the top bar.
import { useSyncExternalStore } from "react";

import { hasAdminAccess, onAdminAccessChange } from "../lib/superuser.ts";

/** true/false once Cockpit knows; undefined before. */
export function useAdminAccess(): boolean | undefined {
    return useSyncExternalStore(onAdminAccessChange, hasAdminAccess);
}
