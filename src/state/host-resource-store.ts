// A small store for host resources of one kind (storage pools or networks) on each
// connection: keyed by D-Bus object path, written by HostResourceSync, read through hooks.
import type { DescribedError } from "../lib/described-error.ts";
import type { ConnectionId } from "../libvirt/connection.ts";

export interface HostResource {
    path: string;
    name: string;
}

export interface ResourceList<T> {
    items: readonly T[];
    /** False until the first full load finished. */
    loaded: boolean;
    /** Why the last full load failed, if it did. */
    error: DescribedError | null;
}

const EMPTY: ResourceList<never> = { items: [], loaded: false, error: null };

type Listener = () => void;

export class HostResourceStore<T extends HostResource> {
    private readonly items = new Map<ConnectionId, Map<string, T>>();
    private readonly snapshots = new Map<ConnectionId, ResourceList<T>>();
    private readonly status = new Map<ConnectionId, { loaded: boolean; error: DescribedError | null }>();
    private readonly listeners = new Set<Listener>();

    subscribe = (listener: Listener): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    list(connection: ConnectionId): ResourceList<T> {
        return this.snapshots.get(connection) ?? EMPTY;
    }

    get(connection: ConnectionId, path: string): T | undefined {
        return this.items.get(connection)?.get(path);
    }

    put(connection: ConnectionId, item: T): void {
        this.of(connection).set(item.path, item);
        this.changed(connection);
    }

    remove(connection: ConnectionId, path: string): void {
        if (this.of(connection).delete(path)) this.changed(connection);
    }

    replace(connection: ConnectionId, items: T[]): void {
        this.items.set(connection, new Map(items.map(item => [item.path, item])));
        this.status.set(connection, { loaded: true, error: null });
        this.changed(connection);
    }

    setError(connection: ConnectionId, error: DescribedError): void {
        this.status.set(connection, { loaded: true, error });
        this.changed(connection);
    }

    private of(connection: ConnectionId): Map<string, T> {
        let map = this.items.get(connection);
        if (!map) {
            map = new Map();
            this.items.set(connection, map);
        }
        return map;
    }

    private changed(connection: ConnectionId): void {
        const status = this.status.get(connection) ?? { loaded: false, error: null };
        const items = [...this.of(connection).values()].sort((a, b) => a.name.localeCompare(b.name));
        this.snapshots.set(connection, { items, ...status });
        for (const listener of this.listeners) listener();
    }
}
