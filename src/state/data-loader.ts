// Reading a view's data: one load at a time (a newer load makes an older one's answer void) and,
// when asked, again every so often while the page is shown. No React here, so that it is tested
// with fake timers; use-data.ts is the hook over it.

/** Whether the page is shown (Cockpit hides it in a background tab or behind another page). */
export interface PageVisibility {
    readonly hidden: boolean;
    /** Calls `listener` when `hidden` changes; returns the function that stops that. */
    onChange(listener: () => void): () => void;
}

export interface LoadState<T> {
    /** The last data read: kept while it is read again, and when that fails. */
    data: T | undefined;
    /** A load has ended, with data or with an error. */
    loaded: boolean;
    /** A load is under way (not a poll). */
    loading: boolean;
    /** Why the last load failed, as thrown; undefined once one succeeds. */
    error: unknown;
}

export interface LoadContext<T> {
    /** Aborted when a newer load or stop() supersedes this one: its answer is then dropped. */
    signal: AbortSignal;
    /** The data shown now (undefined before the first load). */
    previous: T | undefined;
    /** This load is a poll (not the first load, nor one asked for): it may read only what changes. */
    polled: boolean;
}

export type Load<T> = (context: LoadContext<T>) => Promise<T>;

export const NOT_LOADED: LoadState<never> = { data: undefined, loaded: false, loading: false, error: undefined };

export class DataLoader<T> {
    /** Read again this long after each load has ended (so never two at once); undefined: no polling. */
    pollMs: number | undefined;
    private readonly visibility: PageVisibility | undefined;
    private state: LoadState<T> = NOT_LOADED;
    private current: AbortController | undefined;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private running = false;
    private unwatch: (() => void) | undefined;

    /** `visibility`: polling pauses while the page is hidden and loads at once when it is shown again. */
    constructor(public load: Load<T>, private readonly onState: (state: LoadState<T>) => void,
                options: { pollMs?: number | undefined; visibility?: PageVisibility | undefined } = {}) {
        this.pollMs = options.pollMs;
        this.visibility = options.visibility;
    }

    /** Loads now, superseding a load under way; then polls, if asked to. */
    reload(): void {
        this.begin();
        void this.run(false);
    }

    /** Polls without loading now: the first load comes `pollMs` later. */
    wait(): void {
        this.begin();
        this.schedule();
    }

    /** Drops the load under way and stops polling; the data stays for a later reload(). */
    stop(): void {
        this.running = false;
        this.current?.abort();
        this.current = undefined;
        clearTimeout(this.timer);
        this.unwatch?.();
        this.unwatch = undefined;
    }

    private begin(): void {
        this.running = true;
        if (this.visibility && !this.unwatch) this.unwatch = this.visibility.onChange(() => this.visibilityChanged());
    }

    private visibilityChanged(): void {
        if (this.pollMs === undefined) return;
        if (this.visibility?.hidden) clearTimeout(this.timer);
        else if (!this.current) void this.run(true); // what changed while hidden, at once
    }

    private set(state: LoadState<T>): void {
        this.state = state;
        this.onState(state);
    }

    private async run(polled: boolean): Promise<void> {
        clearTimeout(this.timer);
        this.current?.abort();
        const controller = new AbortController();
        this.current = controller;
        // A poll goes unannounced: shown data that may change anyway is not re-rendered twice per poll.
        if (!polled) this.set({ ...this.state, loading: true });
        let next: LoadState<T>;
        try {
            const data = await this.load({ signal: controller.signal, previous: this.state.data, polled });
            next = { data, loaded: true, loading: false, error: undefined };
        } catch (error) {
            next = { ...this.state, loaded: true, loading: false, error };
        }
        if (controller.signal.aborted) return;
        this.current = undefined;
        this.set(next);
        this.schedule();
    }

    private schedule(): void {
        clearTimeout(this.timer);
        if (!this.running || this.pollMs === undefined || this.visibility?.hidden) return;
        this.timer = setTimeout(() => void this.run(true), this.pollMs);
    }
}
