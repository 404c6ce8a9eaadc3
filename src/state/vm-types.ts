import type { DescribedError } from "../lib/described-error.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import type { DomainState } from "../libvirt/domain-state.ts";
import type { Usage } from "../libvirt/domain-stats.ts";
import type { VmTag } from "../libvirt/kvmm-metadata.ts";

export interface Vm {
    /** `${connection}/${name}`: names are unique per connection; a rename is a new key. */
    key: string;
    connection: ConnectionId;
    /** libvirt-dbus object path; unknown for a moment during the first load. */
    path?: string | undefined;
    uuid?: string | undefined;
    name: string;
    state: DomainState;
    persistent: boolean;
    vcpus: number;
    maxVcpus: number;
    /** KiB */
    memory: number;
    maxMemory: number;
    usage?: Usage | undefined;
    /** A template (our metadata says so): not started, offered to deploy new VMs from. */
    template?: boolean;
    /** Tags and folder from our metadata; absent until it was read. */
    tags?: VmTag[];
    folder?: string | undefined;
    /** Counts the re-reads libvirt's events caused, so detail views know to read the XML again. */
    revision: number;
    /** Set when the last re-read failed: the row keeps its last known values. */
    refreshError?: DescribedError;
}

export type ConnectionStatus =
    | { state: "loading" }
    | { state: "ready" }
    | { state: "failed"; error: DescribedError };

export function vmKey(connection: ConnectionId, name: string): string {
    return `${connection}/${name}`;
}
