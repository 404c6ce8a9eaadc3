// The VM store: what the page knows of every domain on every connection. Only the sync engine
// writes to it; views read it through hooks (useSyncExternalStore).
import type { ConnectionId } from "../libvirt/connection.ts";
import type { ConnectionStatus, Vm } from "./vm-types.ts";

type Listener = () => void;

export interface VmSnapshot {
    vms: readonly Vm[];
    connections: ReadonlyMap<ConnectionId, ConnectionStatus>;
}

export class VmStore {
    private readonly vms = new Map<string, Vm>();
    private readonly connections = new Map<ConnectionId, ConnectionStatus>();
    private readonly listeners = new Set<Listener>();
    private snapshot: VmSnapshot = { vms: [], connections: new Map() };
    private notifyScheduled = false;

    subscribe = (listener: Listener): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    getSnapshot = (): VmSnapshot => this.snapshot;

    get(key: string): Vm | undefined {
        return this.vms.get(key);
    }

    findByName(connection: ConnectionId, name: string): Vm | undefined {
        for (const vm of this.vms.values())
            if (vm.connection === connection && vm.name === name) return vm;
        return undefined;
    }

    ofConnection(connection: ConnectionId): Vm[] {
        return [...this.vms.values()].filter(vm => vm.connection === connection);
    }

    put(vm: Vm): void {
        this.vms.set(vm.key, vm);
        this.changed();
    }

    update(key: string, patch: Partial<Vm>): void {
        const vm = this.vms.get(key);
        if (!vm) return;
        this.vms.set(key, { ...vm, ...patch });
        this.changed();
    }

    remove(key: string): void {
        if (this.vms.delete(key)) this.changed();
    }

    /** Replaces everything known of one connection (after a full load). */
    replaceConnection(connection: ConnectionId, vms: Vm[]): void {
        for (const vm of this.ofConnection(connection)) this.vms.delete(vm.key);
        for (const vm of vms) this.vms.set(vm.key, vm);
        this.changed();
    }

    removeConnection(connection: ConnectionId): void {
        for (const vm of this.ofConnection(connection)) this.vms.delete(vm.key);
        this.connections.delete(connection);
        this.changed();
    }

    setConnectionStatus(connection: ConnectionId, status: ConnectionStatus): void {
        this.connections.set(connection, status);
        this.changed();
    }

    /** Many updates in one tick become one snapshot and one render. */
    private changed(): void {
        if (this.notifyScheduled) return;
        this.notifyScheduled = true;
        queueMicrotask(() => {
            this.notifyScheduled = false;
            this.snapshot = { vms: [...this.vms.values()], connections: new Map(this.connections) };
            for (const listener of this.listeners) listener();
        });
    }
}
