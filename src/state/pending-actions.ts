// Which VM has an action under way, so its row can show it until libvirt reports the outcome.
import { useSyncExternalStore } from "react";

import type { DomainState } from "../libvirt/domain-state.ts";

export interface PendingAction {
    label: string;
    /** After the call returns, stays pending while the VM is in one of these states. */
    whileState?: readonly DomainState[];
    callDone: boolean;
}

const pending = new Map<string, PendingAction>();
const listeners = new Set<() => void>();
let snapshot: ReadonlyMap<string, PendingAction> = new Map();

function changed(): void {
    snapshot = new Map(pending);
    for (const l of listeners) l();
}

export function setPending(vmKey: string, action: PendingAction): void {
    pending.set(vmKey, action);
    changed();
}

export function clearPending(vmKey: string, action?: PendingAction): void {
    if (action && pending.get(vmKey) !== action) return;
    if (pending.delete(vmKey)) changed();
}

/** Drops pending marks whose VM has left the awaited state (called as libvirt reports states). */
export function settlePending(vmKey: string, state: DomainState): void {
    const action = pending.get(vmKey);
    if (action?.callDone && (!action.whileState || !action.whileState.includes(state))) clearPending(vmKey);
}

export function usePendingActions(): ReadonlyMap<string, PendingAction> {
    return useSyncExternalStore(listener => {
        listeners.add(listener);
        return () => listeners.delete(listener);
    }, () => snapshot);
}
