// Keeps the store in step with one libvirt connection: a full load at start and after an
// outage, re-reads of just the domains that libvirt's events name (bursts coalesced), and one
// GetAllDomainStats poll for live usage, which also notices when libvirt goes away.
import type { DBusSubscription } from "../lib/cockpit-types.ts";
import { KeyedQueue, mapLimit } from "../lib/concurrency.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import {
    getAllDomainStats, getDomainName, getDomainProperties, getDomainStats, listDomains, lookupDomainByName, subscribeDomainEvents, subscribeMetadataChanges,
} from "../libvirt/domain-api.ts";
import { uuidFromDomainPath } from "../libvirt/domain-path.ts";
import { DETAIL_STATS, isActiveState, LIST_STATS, StatsFilter, StatsGroup } from "../libvirt/domain-state.ts";
import { computeUsage, type DomainStats } from "../libvirt/domain-stats.ts";
import { describeError } from "../libvirt/errors.ts";
import { getKvmmMetadata, type KvmmMetadata, type VmTag } from "../libvirt/kvmm-metadata.ts";
import type { UsageHistories } from "./usage-history.ts";
import type { VmStore } from "./vm-store.ts";
import { type Vm, vmKey } from "./vm-types.ts";

/**
 * Name reads in flight at once while joining object paths to names. The system bus refuses
 * more than 128 pending replies per connection (LimitsExceeded), and the bridge shares it.
 */
const LOAD_CONCURRENCY = 64;
const EVENT_COALESCE_MS = 30;

/** What the list shows of a VM's size now: balloon.current is the memory it has (the live
 *  balloon while it runs, <currentMemory> when shut off), the same value Overview shows. */
function figuresFromStats(stats: DomainStats, previous?: Vm): Pick<Vm, "vcpus" | "maxVcpus" | "memory" | "maxMemory"> {
    return {
        vcpus: stats.vcpuCurrent ?? previous?.vcpus ?? 0,
        maxVcpus: stats.vcpuMaximum ?? previous?.maxVcpus ?? 0,
        memory: stats.memoryCurrent ?? previous?.memory ?? 0,
        maxMemory: stats.memoryMaximum ?? previous?.maxMemory ?? 0,
    };
}

export function vmFromStats(connection: ConnectionId, stats: DomainStats, persistent: boolean, previous?: Vm): Vm {
    const vm: Vm = {
        key: vmKey(connection, stats.name),
        connection,
        path: previous?.path,
        uuid: previous?.uuid,
        name: stats.name,
        state: stats.state,
        persistent,
        ...figuresFromStats(stats, previous),
        revision: previous?.revision ?? 0,
    };
    if (previous?.template) vm.template = true;
    if (previous?.tags) vm.tags = previous.tags;
    if (previous?.folder !== undefined) vm.folder = previous.folder;
    if (previous?.usage && (stats.state === "running" || stats.state === "blocked")) vm.usage = previous.usage;
    return vm;
}

/** What the store keeps of our metadata (an absent folder set as undefined, to clear an old one). */
function marksOf(meta: KvmmMetadata): { template: boolean; tags: VmTag[]; folder: string | undefined } {
    return { template: meta.template !== undefined, tags: meta.tags ?? [], folder: meta.folder };
}

function sameMarks(vm: Vm, next: { tags: readonly VmTag[]; folder: string | undefined }): boolean {
    return vm.folder === next.folder && JSON.stringify(vm.tags ?? []) === JSON.stringify(next.tags);
}

/** The figures that changed since the store's copy (the balloon moves without a libvirt event). */
function changedFigures(vm: Vm, stats: DomainStats): Partial<Vm> {
    const figures = figuresFromStats(stats, vm);
    const changed: Partial<Vm> = {};
    for (const key of ["vcpus", "maxVcpus", "memory", "maxMemory"] as const)
        if (figures[key] !== vm[key]) changed[key] = figures[key];
    return changed;
}

/** One record per name: a VM that started between the two calls of a poll is in both. */
function byName(records: DomainStats[]): Map<string, DomainStats> {
    const map = new Map<string, DomainStats>();
    for (const stats of records) if (!map.has(stats.name)) map.set(stats.name, stats);
    return map;
}

export class ConnectionSync {
    private subscription: DBusSubscription | undefined;
    private metadataSubscription: DBusSubscription | undefined;
    private readonly dirty = new Set<string>();
    private flushTimer: ReturnType<typeof setTimeout> | undefined;
    private readonly queue = new KeyedQueue();
    private lastSample = new Map<string, { stats: DomainStats; at: number }>();
    private loading: Promise<void> | undefined;
    private stopped = false;
    /** Counts reconnects: answers on channels of an earlier generation are ignored. */
    private generation = 0;

    constructor(private readonly store: VmStore, private readonly histories: UsageHistories, readonly connection: ConnectionId) {}

    start(): Promise<void> {
        this.store.setConnectionStatus(this.connection, { state: "loading" });
        return this.fullLoad();
    }

    stop(): void {
        this.stopped = true;
        this.subscription?.remove();
        this.subscription = undefined;
        this.metadataSubscription?.remove();
        this.metadataSubscription = undefined;
        if (this.flushTimer) clearTimeout(this.flushTimer);
    }

    /** Reads every domain again; concurrent requests share one load. */
    fullLoad(): Promise<void> {
        if (!this.loading) {
            const load = this.doFullLoad().finally(() => {
                if (this.loading === load) this.loading = undefined;
            });
            this.loading = load;
        }
        return this.loading;
    }

    /**
     * After administrative access was switched and the connections reopened: the event
     * subscription of the old channel is gone, and what the user may see can differ.
     */
    reconnect(): Promise<void> {
        this.generation++;
        this.subscription?.remove();
        this.subscription = undefined;
        this.metadataSubscription?.remove();
        this.metadataSubscription = undefined;
        this.lastSample.clear();
        this.loading = undefined;
        return this.fullLoad();
    }

    /**
     * Two bulk calls give every VM's name, state, vCPUs and memory, so the list shows at once.
     * Object paths (needed for actions) are joined afterwards, one cheap name read per domain.
     */
    private async doFullLoad(): Promise<void> {
        const generation = this.generation;
        try {
            const pathsRead = listDomains(this.connection);
            const [stats, transient] = await Promise.all([
                getAllDomainStats(this.connection, LIST_STATS),
                getAllDomainStats(this.connection, StatsGroup.State, StatsFilter.Transient),
            ]);
            if (this.stopped || generation !== this.generation) return;
            // libvirt-dbus only emits signals on a connection after a first call: subscribe now.
            this.subscription ??= subscribeDomainEvents(this.connection, path => this.markDirty(path));
            // Tags and folders changed here, by kvmm or by virsh: the row follows.
            this.metadataSubscription ??= subscribeMetadataChanges(this.connection, path => this.markDirty(path));
            const transientNames = new Set(transient.map(s => s.name));
            this.store.replaceConnection(this.connection, stats.map(s =>
                vmFromStats(this.connection, s, !transientNames.has(s.name), this.store.get(vmKey(this.connection, s.name)))));
            this.store.setConnectionStatus(this.connection, { state: "ready" });
            await this.joinPaths(await pathsRead);
            await this.readMarks();
        } catch (error) {
            if (generation === this.generation) this.store.setConnectionStatus(this.connection, { state: "failed", error: describeError(error) });
        }
    }

    private async joinPaths(paths: string[]): Promise<void> {
        const known = new Set(this.store.ofConnection(this.connection).map(vm => vm.path));
        const found = await mapLimit(paths.filter(p => !known.has(p)), LOAD_CONCURRENCY, async path => {
            try {
                return { path, name: await getDomainName(this.connection, path) };
            } catch {
                this.markDirty(path); // re-read in full, one at a time
                return null;
            }
        });
        // Applied together: one store update and one render, not one per domain.
        for (const entry of found) if (entry) this.setPath(entry.name, entry.path);
        await this.findMissingPaths();
    }

    /**
     * Domains defined between the two bulk calls, or whose lookup failed before: their paths by
     * name. Only libvirt's "no such domain" removes one; a timeout or a bus limit leaves it
     * listed, and the next poll asks again.
     */
    private async findMissingPaths(): Promise<void> {
        for (const vm of this.store.ofConnection(this.connection)) {
            if (vm.path) continue;
            try {
                this.setPath(vm.name, await lookupDomainByName(this.connection, vm.name));
            } catch (error) {
                if (this.stopped) return;
                if (describeError(error).kind === "not-found") this.store.remove(vm.key);
            }
        }
    }

    /**
     * Which VMs are templates, their tags and folders: one metadata read per domain, after the list
     * and its actions are there (GetAllDomainStats does not carry metadata). Only VMs whose marks
     * differ change in the store; a domain whose metadata cannot be read keeps what was known.
     */
    private async readMarks(): Promise<void> {
        const vms = this.store.ofConnection(this.connection).filter(vm => vm.path);
        const marks = await mapLimit(vms, LOAD_CONCURRENCY, vm => getKvmmMetadata(this.connection, vm.path ?? "").catch(() => undefined));
        vms.forEach((vm, i) => {
            const meta = marks[i];
            if (!meta) return;
            const next = marksOf(meta);
            if (next.template !== (vm.template === true) || !sameMarks(vm, next)) this.store.update(vm.key, next);
        });
    }

    private setPath(name: string, path: string): void {
        const key = vmKey(this.connection, name);
        if (this.store.get(key)) this.store.update(key, { path, uuid: uuidFromDomainPath(path) });
        else this.markDirty(path);
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
        const before = this.store.ofConnection(this.connection).find(vm => vm.path === path);
        try {
            const props = await getDomainProperties(this.connection, path);
            const [stats, meta] = await Promise.all([
                getDomainStats(this.connection, path, props.name, LIST_STATS),
                // Unreadable metadata keeps what was known: it does not make the row fail.
                getKvmmMetadata(this.connection, path).catch(() => undefined),
            ]);
            if (this.stopped) return;
            const key = vmKey(this.connection, props.name);
            if (before && before.key !== key) this.store.remove(before.key); // renamed
            const vm = vmFromStats(this.connection, stats, props.persistent, this.store.get(key) ?? before);
            this.store.put({ ...vm, ...meta ? marksOf(meta) : {}, path, uuid: uuidFromDomainPath(path), revision: vm.revision + 1 });
        } catch (error) {
            const described = describeError(error);
            if (!before) return;
            if (described.kind === "not-found") this.store.remove(before.key);
            else this.store.update(before.key, { refreshError: described });
        }
    }

    /**
     * Live usage of all domains, and a check that nothing was missed. Running VMs come with their
     * disk and network counters (for the usage graphs); the others without, so that libvirt does
     * not open their disk images: two calls.
     */
    async poll(): Promise<void> {
        if (this.loading) return;
        const generation = this.generation;
        let records: Map<string, DomainStats>;
        try {
            const [active, inactive] = await Promise.all([
                getAllDomainStats(this.connection, DETAIL_STATS, StatsFilter.Active),
                getAllDomainStats(this.connection, LIST_STATS, StatsFilter.Inactive),
            ]);
            records = byName([...active, ...inactive]);
        } catch (error) {
            if (generation === this.generation) this.store.setConnectionStatus(this.connection, { state: "failed", error: describeError(error) });
            return;
        }
        if (generation !== this.generation) return;
        const status = this.store.getSnapshot().connections.get(this.connection);
        if (status?.state === "failed") {
            await this.fullLoad(); // back after an outage: events may have been lost
            return;
        }
        const now = Date.now();
        const known = new Map(this.store.ofConnection(this.connection).map(vm => [vm.name, vm]));
        const sample = new Map<string, { stats: DomainStats; at: number }>();
        const active = new Set<string>();
        let missed = false;
        for (const stats of records.values()) {
            sample.set(stats.name, { stats, at: now });
            const vm = known.get(stats.name);
            if (!vm) {
                missed = true;
                continue;
            }
            known.delete(stats.name);
            const previous = this.lastSample.get(stats.name);
            const usage = computeUsage(previous?.stats, stats, previous ? now - previous.at : 0);
            if (stats.state !== vm.state && vm.path) this.markDirty(vm.path);
            if (isActiveState(stats.state)) {
                this.histories.add(vm.key, stats, now);
                active.add(vm.key);
            }
            const figures = changedFigures(vm, stats);
            // Shut-off VMs have no usage: leave their rows (and the snapshot) untouched.
            if (usage || vm.usage || Object.keys(figures).length) this.store.update(vm.key, { usage, ...figures });
        }
        this.lastSample = sample;
        this.histories.retain(this.connection, active);
        this.histories.notify();
        for (const vm of known.values()) if (vm.path) this.markDirty(vm.path);
        if (missed) await this.fullLoad();
        else await this.findMissingPaths();
    }
}
