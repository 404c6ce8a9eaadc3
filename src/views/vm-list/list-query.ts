// Filtering and sorting of the VM list; the query lives in the URL options.
import type { DomainState } from "../../libvirt/domain-state.ts";
import type { Vm } from "../../state/vm-types.ts";

export type StateFilter = "all" | "running" | "shutoff" | "paused" | "other";
/** Templates are listed apart: with the VMs, alone, or not at all. */
export type KindFilter = "all" | "vms" | "templates";
export type SortColumn = "name" | "connection" | "state" | "vcpus" | "memory" | "cpu" | "memoryUsed";
export type SortDirection = "asc" | "desc";

export interface ListQuery {
    text: string;
    state: StateFilter;
    kind: KindFilter;
    sort: SortColumn;
    direction: SortDirection;
}

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
    };
}

export function queryToOptions(query: ListQuery): Record<string, string> {
    return {
        name: query.text,
        state: query.state === "all" ? "" : query.state,
        kind: query.kind === "all" ? "" : query.kind,
        sort: query.sort === "name" ? "" : query.sort,
        dir: query.direction === "asc" ? "" : query.direction,
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
    return query.text === "" || vm.name.toLocaleLowerCase().includes(query.text.toLocaleLowerCase());
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
