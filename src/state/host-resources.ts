// The storage pool and network stores, their sync engines (started when first needed) and
// the hooks pages and the Create-VM wizard read them through.
import { useEffect, useSyncExternalStore } from "react";

import type { ConnectionId } from "../libvirt/connection.ts";
import { getNetwork, listNetworks, type Network, NetworkEvent, subscribeNetworkEvents } from "../libvirt/network-api.ts";
import { getStoragePool, listStoragePools, PoolEvent, type StoragePool, subscribeStoragePoolEvents } from "../libvirt/storage-pool-api.ts";
import { onLibvirtReconnect, vmStore } from "./app-state.ts";
import { type HostResource, HostResourceStore, type ResourceList } from "./host-resource-store.ts";
import { HostResourceSync } from "./host-resource-sync.ts";

export const poolStore = new HostResourceStore<StoragePool>();
export const networkStore = new HostResourceStore<Network>();

const poolSyncs = new Map<ConnectionId, HostResourceSync<StoragePool>>();
const networkSyncs = new Map<ConnectionId, HostResourceSync<Network>>();

export function poolSync(connection: ConnectionId): HostResourceSync<StoragePool> {
    let sync = poolSyncs.get(connection);
    if (!sync) {
        sync = new HostResourceSync(poolStore, {
            list: listStoragePools,
            read: getStoragePool,
            subscribe: (conn, onEvent) => subscribeStoragePoolEvents(conn, (path, event) => onEvent(path, event === PoolEvent.Undefined)),
        }, connection);
        poolSyncs.set(connection, sync);
        void sync.load();
    }
    return sync;
}

export function networkSync(connection: ConnectionId): HostResourceSync<Network> {
    let sync = networkSyncs.get(connection);
    if (!sync) {
        sync = new HostResourceSync(networkStore, {
            list: listNetworks,
            read: getNetwork,
            subscribe: (conn, onEvent) => [subscribeNetworkEvents(conn, (path, event) => onEvent(path, event === NetworkEvent.Undefined))],
        }, connection);
        networkSyncs.set(connection, sync);
        void sync.load();
    }
    return sync;
}

/**
 * The VM sync notices when libvirt comes back after an outage; events may have been lost then,
 * and the old signal subscriptions with them: subscribe and read everything again.
 */
const lastState = new Map<ConnectionId, string>();
vmStore.subscribe(() => {
    for (const [connection, status] of vmStore.getSnapshot().connections) {
        const before = lastState.get(connection);
        lastState.set(connection, status.state);
        if (before !== "failed" || status.state !== "ready") continue;
        for (const sync of [poolSyncs.get(connection), networkSyncs.get(connection)]) {
            sync?.stop();
            void sync?.load();
        }
    }
});

/** After administrative access was switched the channels are new: subscribe and read everything again. */
onLibvirtReconnect(() => {
    for (const sync of [...poolSyncs.values(), ...networkSyncs.values()]) {
        sync.stop();
        void sync.load();
    }
});

function useResources<T extends HostResource>(store: HostResourceStore<T>, syncFor: (c: ConnectionId) => HostResourceSync<T>,
                                              connection: ConnectionId): ResourceList<T> {
    useEffect(() => {
        const s = syncFor(connection);
        // A failed load (libvirtd down, no access yet) is tried again when a page asks anew.
        if (store.list(connection).error) void s.load();
    }, [store, syncFor, connection]);
    return useSyncExternalStore(store.subscribe, () => store.list(connection));
}

/** Every storage pool of a connection, live. */
export function useStoragePools(connection: ConnectionId): ResourceList<StoragePool> {
    return useResources(poolStore, poolSync, connection);
}

/** Every virtual network of a connection, live. */
export function useNetworks(connection: ConnectionId): ResourceList<Network> {
    return useResources(networkStore, networkSync, connection);
}
