// Keeps a HostResourceStore in step with one connection: a full load, then re-reads of only
// the object an event names, one at a time per object so a late answer cannot win.
import type { DBusSubscription } from "../lib/cockpit-types.ts";
import { KeyedQueue, mapLimit } from "../lib/concurrency.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { describeError } from "../libvirt/errors.ts";
import type { HostResource, HostResourceStore } from "./host-resource-store.ts";

export interface ResourceApi<T extends HostResource> {
    list(conn: ConnectionId): Promise<string[]>;
    read(conn: ConnectionId, path: string): Promise<T>;
    subscribe(conn: ConnectionId, onEvent: (path: string, gone: boolean) => void): DBusSubscription[];
}

const READ_CONCURRENCY = 16;

/** libvirt's words for an object that no longer exists. */
function isGone(error: unknown): boolean {
    const e = describeError(error);
    return e.kind === "not-found" || /not found|no (storage pool|network) with matching/i.test(e.detail);
}

export class HostResourceSync<T extends HostResource> {
    private subscriptions: DBusSubscription[] = [];
    private readonly queue = new KeyedQueue();
    private loading: Promise<void> | undefined;

    constructor(private readonly store: HostResourceStore<T>, private readonly api: ResourceApi<T>,
                readonly connection: ConnectionId) {}

    /** Reads everything again; concurrent requests share one load. */
    load(): Promise<void> {
        this.loading ??= this.doLoad().finally(() => {
            this.loading = undefined;
        });
        return this.loading;
    }

    stop(): void {
        for (const s of this.subscriptions) s.remove();
        this.subscriptions = [];
    }

    /** Re-reads one object, e.g. right after an action of this page, without waiting for the event. */
    refresh(path: string): Promise<void> {
        return this.queue.run(path, () => this.readOne(path));
    }

    private async doLoad(): Promise<void> {
        try {
            const paths = await this.api.list(this.connection);
            // libvirt-dbus sends events only after a first call: subscribe now.
            if (this.subscriptions.length === 0)
                this.subscriptions = this.api.subscribe(this.connection, (path, gone) => this.onEvent(path, gone));
            let failure: unknown = null;
            const items = await mapLimit(paths, READ_CONCURRENCY, path => this.api.read(this.connection, path).catch((error: unknown) => {
                failure ??= error;
                return null;
            }));
            this.store.replace(this.connection, items.filter((item): item is T => item !== null));
            // Objects that could not be read are not hidden silently: the page says so.
            if (failure !== null) this.store.setError(this.connection, describeError(failure));
        } catch (error) {
            this.store.setError(this.connection, describeError(error));
        }
    }

    private onEvent(path: string, gone: boolean): void {
        if (gone) {
            void this.queue.run(path, () => {
                this.store.remove(this.connection, path);
                return Promise.resolve();
            });
        } else {
            void this.refresh(path);
        }
    }

    private async readOne(path: string): Promise<void> {
        try {
            this.store.put(this.connection, await this.api.read(this.connection, path));
        } catch (error) {
            if (isGone(error)) this.store.remove(this.connection, path);
        }
    }
}
