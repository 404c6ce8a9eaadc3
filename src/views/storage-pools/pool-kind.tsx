// Storage pools as a kind of host resource: their columns (usage bar, a link to each pool's
// page), their Create form (every kind the page makes) and the words of their page.
import { Progress } from "@patternfly/react-core";

import { cockpit } from "../../lib/cockpit.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import {
    refreshStoragePool, setStoragePoolAutostart, startStoragePool, stopStoragePool, type StoragePool, type StoragePoolState,
} from "../../libvirt/storage-pool-api.ts";
import { newPoolSpec, type PoolSpec } from "../../libvirt/storage-pool-xml.ts";
import { createStoragePool, poolSpecProblem } from "../../operations/storage-pools.ts";
import { poolSync, useStoragePools } from "../../state/host-resources.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { vmsUsingPool } from "../common/resource-users.ts";
import type { ResourceKind } from "../host-resources/resource-kind.ts";
import { DeleteStoragePoolDialog } from "./DeleteStoragePoolDialog.tsx";
import { DEFAULT_POOL } from "./pool-defaults.ts";
import { PoolFields } from "./PoolFields.tsx";

const STATE_TEXT: Record<StoragePoolState, string> = {
    inactive: _("Inactive"),
    building: _("Building"),
    running: _("Active"),
    degraded: _("Degraded"),
    inaccessible: _("Inaccessible"),
    unknown: _("Unknown"),
};

/** Sizes mean nothing while a pool is stopped. */
const size = (pool: StoragePool, bytes: number): string => pool.active ? formatBytes(bytes) : "—";

/** How full the pool is: a bar with "used of capacity". */
export function PoolUsage({ pool, id }: { pool: StoragePool; id?: string }) {
    if (!pool.active || pool.capacity <= 0) return <>—</>;
    const percent = Math.round((pool.allocation / pool.capacity) * 100);
    return (
        <Progress id={id} className="pool-usage-bar" value={percent} size="sm" measureLocation="outside"
                  aria-label={format(_("$0 used"), pool.name)} variant={percent >= 90 ? "danger" : percent >= 75 ? "warning" : undefined}
                  label={format(_("$0 of $1"), formatBytes(pool.allocation), formatBytes(pool.capacity))} />
    );
}

export const POOLS: ResourceKind<StoragePool, PoolSpec> = {
    key: "pool",
    pageId: "storage-pools",
    listId: "pools",
    texts: {
        title: _("Storage pools"),
        create: _("Create storage pool"),
        loading: _("Loading storage pools"),
        empty: _("No storage pools"),
        stopConfirm: _("Stop the storage pool?"),
        defaultMissing: _("There is no default storage pool"),
        defaultMissingBody: format(_("New virtual machines keep their disks in the default pool ($0)."), DEFAULT_POOL.path),
        createDefault: _("Create default pool"),
        createDefaultTitle: _("Create the default storage pool"),
        defaultInactive: _("The default storage pool is not running"),
        defaultInactiveBody: _("New virtual machines cannot get disks until it runs."),
    },
    useItems: useStoragePools,
    sync: poolSync,
    columns: [
        { title: _("Type"), cell: pool => pool.type },
        { title: _("State"), cell: pool => <ActiveLabel active={pool.active} text={STATE_TEXT[pool.state]} /> },
        { title: _("Capacity"), className: "pool-capacity", cell: pool => size(pool, pool.capacity), sortKey: pool => pool.capacity },
        { title: _("Allocation"), className: "pool-allocation", cell: pool => size(pool, pool.allocation), sortKey: pool => pool.allocation },
        { title: _("Usage"), className: "pool-usage", cell: pool => <PoolUsage pool={pool} />, sortKey: pool => pool.capacity ? pool.allocation / pool.capacity : 0 },
        { title: _("Path"), className: "pool-target", cell: pool => pool.targetPath ?? pool.source ?? "" },
        {
            title: _("Volumes"), className: "pool-open",
            cell: pool => <a href={`#/storage/${encodeURIComponent(pool.name)}`} className="pool-open-link"
                             onClick={e => { e.preventDefault(); cockpit.location.go(["storage", pool.name]) }}>{_("Open")}</a>,
        },
    ],
    start: startStoragePool,
    stop: stopStoragePool,
    setAutostart: setStoragePoolAutostart,
    extraAction: { label: _("Refresh"), className: "pool-refresh", run: refreshStoragePool },
    usedBy: (connection, pool) => vmsUsingPool(connection, pool.name, pool.targetPath),
    DeleteDialog: DeleteStoragePoolDialog,
    form: {
        intro: _("Where disk images are kept: a directory, a disk or partition, an NFS export, an LVM volume group or an iSCSI target. It is started now and whenever the host boots."),
        Fields: PoolFields,
        problem: poolSpecProblem,
        create: createStoragePool,
    },
    defaultSpec: { ...newPoolSpec("dir"), ...DEFAULT_POOL },
    newSpec: () => newPoolSpec("dir"),
};
