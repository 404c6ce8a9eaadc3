// Filtering and sorting of the VM list; the query lives in the URL options.
import type { DomainState } from "../../libvirt/domain-state.ts";
import type { VmTag } from "../../libvirt/kvmm-metadata.ts";
import type { Vm } from "../../state/vm-types.ts";

export type StateFilter = "all" | "running" | "shutoff" | "paused" | "other";
/** Templates are listed apart: with the VMs, alone, or not at all. */
export type KindFilter = "all" | "vms" | "templates";
export type SortColumn = "name" | "connection" | "state" | "vcpus" | "memory" | "cpu" | "memoryUsed";
export type SortDirection = "asc" | "desc";
/** Whether a VM needs any of the chosen tags or all of them. */
export type TagMode = "any" | "all";
export type Grouping = "none" | "folder";

export interface ListQuery {
    text: string;
    state: StateFilter;
    kind: KindFilter;
    sort: SortColumn;
    direction: SortDirection;
    tags: string[];
    tagMode: TagMode;
    group: Grouping;
    /** Folders whose group is collapsed ("" for the VMs in none). */
    collapsed: string[];
}

// A list of names in one URL option: each encoded, so that a comma in a name does not split it.
const namesFrom = (value: string | undefined): string[] => value ? value.split(",").map(decodeURIComponent) : [];
const namesTo = (names: readonly string[]): string => names.map(encodeURIComponent).join(",");

const STATE_FILTERS: StateFilter[] = ["all", "running", "shutoff", "paused", "other"];
const KIND_FILTERS: KindFilter[] = ["all", "vms", "templates"];
const SORT_COLUMNS: SortColumn[] = ["name", "connection", "state", "vcpus", "memory", "cpu", "memoryUsed"];

export function queryFromOptions(options: Readonly<Record<string, string>>): ListQuery {
    const state = options.state as StateFilter | undefined;
    const sort = options.sort as SortColumn | undefined;
    const kind = options.kind as KindFilter | undefined;
    return {
        text: options.name ?? "",
        state: state && STATE_FILTERS.includes(state) ? state : "all",
        kind: kind && KIND_FILTERS.includes(kind) ? kind : "all",
        sort: sort && SORT_COLUMNS.includes(sort) ? sort : "name",
        direction: options.dir === "desc" ? "desc" : "asc",
        tags: namesFrom(options.tags),
        tagMode: options.tagmode === "all" ? "all" : "any",
        group: options.group === "folder" ? "folder" : "none",
        collapsed: namesFrom(options.collapsed),
    };
}

export function queryToOptions(query: ListQuery): Record<string, string> {
    return {
        name: query.text,
        state: query.state === "all" ? "" : query.state,
        kind: query.kind === "all" ? "" : query.kind,
        sort: query.sort === "name" ? "" : query.sort,
        dir: query.direction === "asc" ? "" : query.direction,
        tags: namesTo(query.tags),
        tagmode: query.tagMode === "any" ? "" : query.tagMode,
        group: query.group === "none" ? "" : query.group,
        collapsed: query.group === "none" ? "" : namesTo(query.collapsed),
    };
}

export function stateGroup(state: DomainState): StateFilter {
    if (state === "running" || state === "blocked" || state === "shutdown") return "running";
    if (state === "shutoff") return "shutoff";
    if (state === "paused" || state === "pmsuspended") return "paused";
    return "other";
}

export function matches(vm: Vm, query: ListQuery): boolean {
    if (query.state !== "all" && stateGroup(vm.state) !== query.state) return false;
    if (query.kind !== "all" && (query.kind === "templates") !== (vm.template === true)) return false;
    if (query.tags.length) {
        const has = (name: string): boolean => vm.tags?.some(t => t.name === name) === true;
        if (query.tagMode === "all" ? !query.tags.every(has) : !query.tags.some(has)) return false;
    }
    if (query.text === "") return true;
    const text = query.text.toLocaleLowerCase();
    return vm.name.toLocaleLowerCase().includes(text) || (vm.folder ?? "").toLocaleLowerCase().includes(text) ||
        vm.tags?.some(t => t.name.toLocaleLowerCase().includes(text)) === true;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function compare(a: Vm, b: Vm, column: SortColumn): number {
    switch (column) {
    case "name": return collator.compare(a.name, b.name);
    case "connection": return a.connection.localeCompare(b.connection);
    case "state": return a.state.localeCompare(b.state);
    case "vcpus": return a.vcpus - b.vcpus;
    case "memory": return a.memory - b.memory;
    case "cpu": return (a.usage?.cpuPercent ?? -1) - (b.usage?.cpuPercent ?? -1);
    case "memoryUsed": return (a.usage?.memoryUsed ?? -1) - (b.usage?.memoryUsed ?? -1);
    }
}

export function filterAndSort(vms: readonly Vm[], query: ListQuery): Vm[] {
    const sign = query.direction === "asc" ? 1 : -1;
    return vms.filter(vm => matches(vm, query))
            .sort((a, b) => sign * (compare(a, b, query.sort) || collator.compare(a.name, b.name) || a.key.localeCompare(b.key)));
}

/** A row of the list: a VM, or the heading of a folder's group. */
export type ListRow =
    | { kind: "vm"; vm: Vm }
    | { kind: "group"; folder: string; count: number; collapsed: boolean };

/**
 * The sorted VMs as rows: as they are, or grouped by folder (folders by name, the VMs in none
 * last), each group keeping the sort order; a collapsed group shows only its heading.
 */
export function listRows(sorted: readonly Vm[], query: ListQuery): ListRow[] {
    if (query.group === "none") return sorted.map(vm => ({ kind: "vm", vm }));
    const groups = new Map<string, Vm[]>();
    for (const vm of sorted) {
        const folder = vm.folder ?? "";
        let members = groups.get(folder);
        if (!members) groups.set(folder, members = []);
        members.push(vm);
    }
    const collapsed = new Set(query.collapsed);
    const folders = [...groups.keys()].sort((a, b) => a === "" ? 1 : b === "" ? -1 : collator.compare(a, b));
    return folders.flatMap(folder => {
        const members = groups.get(folder) ?? [];
        const heading: ListRow = { kind: "group", folder, count: members.length, collapsed: collapsed.has(folder) };
        return collapsed.has(folder) ? [heading] : [heading, ...members.map(vm => ({ kind: "vm" as const, vm }))];
    });
}

/** Every tag name some VM has, sorted, with the colour it has on the first of them. */
export function knownTags(vms: readonly Vm[]): VmTag[] {
    const tags = new Map<string, VmTag>();
    for (const vm of vms) for (const tag of vm.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
    return [...tags.values()].sort((a, b) => collator.compare(a.name, b.name));
}
