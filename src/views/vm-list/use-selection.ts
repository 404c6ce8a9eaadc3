// Which VMs of the list are selected for a bulk action. Kept by key, so that it survives
// scrolling (rows the virtual list does not render stay selected); a VM that leaves the list
// (deleted, or no longer matching the filter) leaves the selection, so an action never reaches
// a VM the user cannot see.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import type { Vm } from "../../state/vm-types.ts";

export interface Selection {
    keys: ReadonlySet<string>;
    /** The selected VMs, in the list's order. */
    vms: Vm[];
    /** A row's checkbox; with shift, every row between the last one clicked and this one takes its state. */
    toggle: (key: string, checked: boolean, range: boolean) => void;
    /** Every VM matching the filter, rendered or not. */
    selectAll: () => void;
    clear: () => void;
}

/** `shown`: the VMs matching the filter; `order`: those with rows, top to bottom (shift-click ranges follow it). */
export function useSelection(shown: readonly Vm[], order: readonly Vm[]): Selection {
    const [keys, setKeys] = useState<ReadonlySet<string>>(new Set());
    const anchor = useRef<string | null>(null);
    const orderRef = useRef(order);
    orderRef.current = order;

    useEffect(() => {
        const present = new Set(shown.map(vm => vm.key));
        setKeys(previous => [...previous].every(k => present.has(k)) ? previous : new Set([...previous].filter(k => present.has(k))));
    }, [shown]);

    const toggle = useCallback((key: string, checked: boolean, range: boolean): void => {
        const list = orderRef.current.map(vm => vm.key);
        const from = anchor.current === null ? -1 : list.indexOf(anchor.current);
        const to = list.indexOf(key);
        const changed = range && from >= 0 && to >= 0 ? list.slice(Math.min(from, to), Math.max(from, to) + 1) : [key];
        anchor.current = key;
        setKeys(previous => {
            const next = new Set(previous);
            for (const k of changed) {
                if (checked) next.add(k);
                else next.delete(k);
            }
            return next;
        });
    }, []);

    const selectAll = useCallback(() => setKeys(new Set(shown.map(vm => vm.key))), [shown]);
    const clear = useCallback(() => setKeys(new Set()), []);
    const vms = useMemo(() => shown.filter(vm => keys.has(vm.key)), [shown, keys]);
    return { keys, vms, toggle, selectAll, clear };
}
