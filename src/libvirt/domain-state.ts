// libvirt's domain states and lifecycle events (virDomainState, virDomainEventType).
import { _ } from "../lib/i18n.ts";

export type DomainState = "nostate" | "running" | "blocked" | "paused" | "shutdown" | "shutoff" | "crashed" | "pmsuspended";

const STATES: DomainState[] = ["nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed", "pmsuspended"];

export function stateFromNumber(n: number | undefined): DomainState {
    return (n !== undefined && STATES[n]) || "nostate";
}

/** A state as libvirt names it in XML (a snapshot's <state>); undefined for others (disk-snapshot). */
export function stateFromName(name: string): DomainState | undefined {
    return STATES.find(s => s === name);
}

export function stateLabel(state: DomainState): string {
    switch (state) {
    case "running": return _("Running");
    case "blocked": return _("Blocked");
    case "paused": return _("Paused");
    case "shutdown": return _("Shutting down");
    case "shutoff": return _("Shut off");
    case "crashed": return _("Crashed");
    case "pmsuspended": return _("Suspended (PM)");
    case "nostate": return _("Unknown");
    }
}

/** A domain whose QEMU process exists (virsh's "active"). */
export function isActiveState(state: DomainState): boolean {
    return state !== "shutoff" && state !== "crashed" && state !== "nostate";
}

export const DomainEvent = {
    Defined: 0,
    Undefined: 1,
    Started: 2,
    Suspended: 3,
    Resumed: 4,
    Stopped: 5,
    Shutdown: 6,
    PMSuspended: 7,
    Crashed: 8,
} as const;

/** virConnectGetAllDomainStats groups. */
export const StatsGroup = {
    State: 1,
    CpuTotal: 2,
    Balloon: 4,
    Vcpu: 8,
    Interface: 16,
    Block: 32,
} as const;

/** virConnectGetAllDomainStats flags that pick which domains are reported. */
export const StatsFilter = {
    Active: 1,
    Inactive: 2,
    Persistent: 4,
    Transient: 8,
} as const;

export const LIST_STATS = StatsGroup.State | StatsGroup.CpuTotal | StatsGroup.Balloon | StatsGroup.Vcpu;
export const DETAIL_STATS = LIST_STATS | StatsGroup.Interface | StatsGroup.Block;
