// Keeps the store in step with one libvirt connection: a full load at start and after an
// outage, re-reads of just the domains that libvirt's events name (bursts coalesced), and one
// GetAllDomainStats poll for live usage, which also notices when libvirt goes away.
import { KeyedQueue, mapLimit } from "../lib/concurrency.ts";
import type { DBusSubscription } from "../lib/cockpit-types.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { getAllDomainStats, getDomainProperties, getDomainStats, listDomains, subscribeDomainEvents } from "../libvirt/domain-api.ts";
import { uuidFromDomainPath } from "../libvirt/domain-path.ts";
import { LIST_STATS } from "../libvirt/domain-state.ts";
import { computeUsage, type DomainStats } from "../libvirt/domain-stats.ts";
import { describeError } from "../libvirt/errors.ts";

import type { VmStore } from "./vm-store.ts";
import { type Vm, vmKey } from "./vm-types.ts";

/** Property reads in flight at once during a full load: enough to hide latency, few enough not to flood the bridge. */
const LOAD_CONCURRENCY = 48;
const EVENT_COALESCE_MS = 30;

export function vmFromStats(connection: ConnectionId, path: string, props: { name: string; persistent: boolean; autostart: boolean },
                            stats: DomainStats | undefined, previous?: Vm): Vm {
    const uuid = uuidFromDomainPath(path);
    const vm: Vm = {
        key: vmKey(connection, uuid),
        connection,
        path,
        uuid,
        name: props.name,
        state: stats?.state ?? previous?.state ?? "nostate",
        persistent: props.persistent,
        autostart: props.autostart,
        vcpus: stats?.vcpuCurrent ?? previous?.vcpus ?? 0,
        maxVcpus: stats?.vcpuMaximum ?? previous?.maxVcpus ?? 0,
        memory: stats?.memoryCurrent ?? previous?.memory ?? 0,
        maxMemory: stats?.memoryMaximum ?? previous?.maxMemory ?? 0,
    };
    if (previous?.usage && stats && (stats.state === "running" || stats.state === "blocked")) vm.usage = previous.usage;
    return vm;
}

export class ConnectionSync {
    private subscription: DBusSubscription | undefined;
    private readonly dirty = new Set<string>();
    private flushTimer: ReturnType<typeof setTimeout> | undefined;
    private readonly queue = new KeyedQueue();
    private lastSample = new Map<string, { stats: DomainStats; at: number }>();
    private loading: Promise<void> | undefined;
    private stopped = false;

    constructor(private readonly store: VmStore, readonly connection: ConnectionId) {}

    start(): Promise<void> {
        this.store.setConnectionStatus(this.connection, { state: "loading" });
        return this.fullLoad();
    }

    stop(): void {
        this.stopped = true;
        this.subscription?.remove();
        this.subscription = undefined;
        if (this.flushTimer) clearTimeout(this.flushTimer);
    }

    /** Reads every domain again; concurrent requests share one load. */
    fullLoad(): Promise<void> {
        this.loading ??= this.doFullLoad().finally(() => {
            this.loading = undefined;
        });
        return this.loading;
    }

    private async doFullLoad(): Promise<void> {
        try {
            const paths = await listDomains(this.connection);
            // libvirt-dbus only emits signals on a connection after a first call: subscribe now.
            this.subscription ??= subscribeDomainEvents(this.connection, path => this.markDirty(path));
            const [stats, props] = await Promise.all([
                getAllDomainStats(this.connection, LIST_STATS),
                mapLimit(paths, LOAD_CONCURRENCY, path => getDomainProperties(this.connection, path).catch(() => null)),
            ]);
            if (this.stopped) return;
            const byName = new Map(stats.map(s => [s.name, s]));
            const vms: Vm[] = [];
            paths.forEach((path, i) => {
                const p = props[i];
                if (!p) return; // undefined between the list and the read
                const previous = this.store.get(vmKey(this.connection, uuidFromDomainPath(path)));
                vms.push(vmFromStats(this.connection, path, p, byName.get(p.name), previous));
            });
            this.store.replaceConnection(this.connection, vms);
            this.store.setConnectionStatus(this.connection, { state: "ready" });
        } catch (error) {
            this.store.setConnectionStatus(this.connection, { state: "failed", error: describeError(error) });
        }
    }

    markDirty(path: string): void {
        this.dirty.add(path);
        this.flushTimer ??= setTimeout(() => {
            this.flushTimer = undefined;
            const paths = [...this.dirty];
            this.dirty.clear();
            for (const path of paths) void this.queue.run(path, () => this.refreshDomain(path));
        }, EVENT_COALESCE_MS);
    }

    private async refreshDomain(path: string): Promise<void> {
        const key = vmKey(this.connection, uuidFromDomainPath(path));
        try {
            const props = await getDomainProperties(this.connection, path);
            const stats = await getDomainStats(this.connection, path, props.name, LIST_STATS);
            if (this.stopped) return;
            this.store.put(vmFromStats(this.connection, path, props, stats, this.store.get(key)));
        } catch (error) {
            const described = describeError(error);
            if (described.kind === "not-found") this.store.remove(key);
            else this.store.update(key, { refreshError: described });
        }
    }

    /** One stats call for all domains: live usage, plus a check that nothing was missed. */
    async poll(): Promise<void> {
        if (this.loading) return;
        let records: DomainStats[];
        try {
            records = await getAllDomainStats(this.connection, LIST_STATS);
        } catch (error) {
            this.store.setConnectionStatus(this.connection, { state: "failed", error: describeError(error) });
            return;
        }
        const status = this.store.getSnapshot().connections.get(this.connection);
        if (status?.state === "failed") {
            await this.fullLoad(); // back after an outage: events may have been lost
            return;
        }
        const now = Date.now();
        const known = new Map(this.store.ofConnection(this.connection).map(vm => [vm.name, vm]));
        const sample = new Map<string, { stats: DomainStats; at: number }>();
        let missed = false;
        for (const stats of records) {
            sample.set(stats.name, { stats, at: now });
            const vm = known.get(stats.name);
            if (!vm) {
                missed = true;
                continue;
            }
            known.delete(stats.name);
            const previous = this.lastSample.get(stats.name);
            const usage = computeUsage(previous?.stats, stats, previous ? now - previous.at : 0);
            const patch: Partial<Vm> = { usage };
            if (stats.state !== vm.state) this.markDirty(vm.path);
            this.store.update(vm.key, patch);
        }
        this.lastSample = sample;
        for (const vm of known.values()) this.markDirty(vm.path);
        if (missed) await this.fullLoad();
    }
}
