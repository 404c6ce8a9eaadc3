import { useSyncExternalStore } from "react";

import { vmStore } from "./app-state.ts";
import type { VmSnapshot } from "./vm-store.ts";

export function useVms(): VmSnapshot {
    return useSyncExternalStore(vmStore.subscribe, vmStore.getSnapshot);
}
