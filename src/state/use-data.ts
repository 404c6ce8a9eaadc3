// The one way views read data: `useData` over a DataLoader (one load at a time, polling that
// pauses while the page is hidden), and `usePoll` for calling something every so often.
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

import { DataLoader, type Load, type LoadState, NOT_LOADED } from "./data-loader.ts";
import { pageVisibility } from "./page-visibility.ts";

export type { LoadContext } from "./data-loader.ts";

export interface Data<T> extends LoadState<T> {
    /** Reads again now, keeping the data shown until the new arrives. */
    reload: () => void;
}

export interface DataOptions {
    /** Read again this long after each load has ended, while the page is shown. */
    pollMs?: number | undefined;
    /**
     * What is loaded. While it stays the same, a change of `deps` reads again and the data shown
     * stays until the new arrives (no flicker); when it changes, the data is dropped at once, so
     * one VM's data is never shown for another; a change reads again. Default: `deps` themselves.
     */
    identity?: DependencyList;
    /** Values that do not enter the load but say the data changed (a VM's revision): a change reads again, keeping the data shown. */
    refresh?: DependencyList;
}

function sameList(a: DependencyList, b: DependencyList): boolean {
    return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Runs `load` when the component mounts and whenever `deps` (what it uses; eslint checks them, as
 * for useCallback) or `options.refresh` change; an answer that a newer load or the unmount
 * superseded is dropped.
 */
export function useData<T>(load: Load<T>, deps: DependencyList, options: DataOptions = {}): Data<T> {
    const identity = options.identity ?? deps;
    const { pollMs } = options;
    const [state, setState] = useState<{ identity: DependencyList; loaded: LoadState<T> }>({ identity, loaded: NOT_LOADED });
    const held = useRef<{ identity: DependencyList; loader: DataLoader<T>; mounted: boolean } | undefined>(undefined);

    useEffect(() => {
        let current = held.current;
        if (current && sameList(current.identity, identity)) {
            current.loader.load = load;
        } else {
            const id = identity;
            current = { identity: id, loader: new DataLoader(load, loaded => setState({ identity: id, loaded }), { visibility: pageVisibility }), mounted: true };
            held.current = current;
        }
        const mine = current;
        mine.mounted = true;
        mine.loader.pollMs = pollMs;
        mine.loader.reload();
        return () => {
            mine.mounted = false;
            mine.loader.stop();
        };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps, checked where useData is called
    }, [...deps, ...options.refresh ?? [], ...identity]);

    // Not after the unmount (an action's completion may call it late): nothing would stop the polling.
    const reload = useCallback(() => {
        if (held.current?.mounted) held.current.loader.reload();
    }, []);
    const shown = sameList(state.identity, identity) ? state.loaded : NOT_LOADED;
    return { ...shown, reload };
}

/**
 * Calls `tick` every `intervalMs` while the page is shown, and at once when it is shown again;
 * never while `intervalMs` is undefined. Keep `tick` stable (useCallback).
 */
export function usePoll(tick: () => void, intervalMs: number | undefined): void {
    useEffect(() => {
        if (intervalMs === undefined) return;
        const poller = new DataLoader(() => Promise.resolve(tick()), () => undefined, { pollMs: intervalMs, visibility: pageVisibility });
        poller.wait();
        return () => poller.stop();
    }, [tick, intervalMs]);
}
