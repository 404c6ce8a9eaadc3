import type { ConnectionId } from "../libvirt/connection.ts";
import type { DomainState } from "../libvirt/domain-state.ts";
import type { Usage } from "../libvirt/domain-stats.ts";
import type { DescribedError } from "../libvirt/errors.ts";

export interface Vm {
    /** `${connection}/${uuid}`: stable across renames. */
    key: string;
    connection: ConnectionId;
    path: string;
    uuid: string;
    name: string;
    state: DomainState;
    persistent: boolean;
    autostart: boolean;
    vcpus: number;
    maxVcpus: number;
    /** KiB */
    memory: number;
    maxMemory: number;
    usage?: Usage | undefined;
    /** Set when the last re-read failed: the row keeps its last known values. */
    refreshError?: DescribedError;
}

export type ConnectionStatus =
    | { state: "loading" }
    | { state: "ready" }
    | { state: "failed"; error: DescribedError };

export function vmKey(connection: ConnectionId, uuid: string): string {
    return `${connection}/${uuid}`;
}
