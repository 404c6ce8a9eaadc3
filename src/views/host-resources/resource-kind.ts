// What the host resource page, its rows, notices and dialogs need to know of one kind of host
// resource (storage pools, virtual networks): its words, the ids its page has always had, its
// columns, and how one is read, changed, created and deleted.
import type { ComponentType } from "react";

import type { ConnectionId } from "../../libvirt/connection.ts";
import type { HostResource, ResourceList } from "../../state/host-resource-store.ts";
import type { HostResourceSync } from "../../state/host-resource-sync.ts";
import type { Column } from "../common/DataTable.tsx";
import type { ResourceUser } from "../common/resource-users.ts";

export interface ManagedResource extends HostResource {
    active: boolean;
    persistent: boolean;
    autostart: boolean;
}

export interface ResourceTexts {
    /** The page's title, also the table's label. */
    title: string;
    /** The create button and its dialog's title. */
    create: string;
    loading: string;
    empty: string;
    stopConfirm: string;
    defaultMissing: string;
    defaultMissingBody: string;
    createDefault: string;
    createDefaultTitle: string;
    defaultInactive: string;
    defaultInactiveBody: string;
}

/** The create dialog's form: its own fields, the shared dialog around them. */
export interface CreateForm<S> {
    intro: string;
    Fields: ComponentType<{ connection: ConnectionId; spec: S; onChange: (spec: S) => void }>;
    /** What is wrong with the form, in words, or null. */
    problem: (spec: S) => string | null;
    /** Defines, starts and autostarts it; resolves to its object path. */
    create: (connection: ConnectionId, spec: S) => Promise<string>;
}

/** A row button besides Start, Stop and Delete, shown while the resource runs. */
export interface ExtraAction {
    label: string;
    className: string;
    run: (connection: ConnectionId, path: string) => Promise<void>;
}

export interface ResourceKind<T extends ManagedResource, S> {
    /** "pool" or "network": the prefix of its ids, row classes and data attributes. */
    key: "pool" | "network";
    /** The page's id. */
    pageId: string;
    /** The prefix of the page's state ids ("pools-empty", "networks-unreachable"). */
    listId: string;
    texts: ResourceTexts;
    useItems: (connection: ConnectionId) => ResourceList<T>;
    sync: (connection: ConnectionId) => HostResourceSync<T>;
    /** The columns between Name and Autostart. */
    columns: readonly Column<T>[];
    start: (connection: ConnectionId, path: string) => Promise<void>;
    stop: (connection: ConnectionId, path: string) => Promise<void>;
    setAutostart: (connection: ConnectionId, path: string, on: boolean) => Promise<void>;
    extraAction?: ExtraAction;
    /** The VMs that would lose it. */
    usedBy: (connection: ConnectionId, item: T) => Promise<ResourceUser[]>;
    DeleteDialog: ComponentType<{ connection: ConnectionId; item: T }>;
    form: CreateForm<S>;
    /** The one new VMs use, as libvirt's packaging makes it. */
    defaultSpec: S;
    /** Where one's own page is (its name links there), if the kind has such pages. */
    detailsPath?: (item: T) => string[];
    /** A new one's form, with free values suggested where the kind needs them. */
    newSpec: (items: readonly T[]) => S;
}
