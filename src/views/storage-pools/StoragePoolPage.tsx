// One storage pool's page: its details (type, source, target, type-specific settings, usage) and
// its volumes, with which VMs use each, sorted and filtered, and their actions.
import {
    Breadcrumb, BreadcrumbItem, Button, DescriptionList, Dropdown, DropdownItem, DropdownList, EmptyState, MenuToggle, SearchInput, Title,
    Toolbar, ToolbarContent, ToolbarItem,
} from "@patternfly/react-core";
import { EllipsisVIcon } from "@patternfly/react-icons";
import { useMemo, useState } from "react";

import { cockpit } from "../../lib/cockpit.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { describeError } from "../../libvirt/errors.ts";
import { refreshStoragePool, type StoragePool } from "../../libvirt/storage-pool-api.ts";
import { downloadVolume } from "../../operations/pool-transfer.ts";
import { type PoolVolume, poolVolumes } from "../../operations/storage-volumes.ts";
import { poolSync, useStoragePools } from "../../state/host-resources.ts";
import { useData } from "../../state/use-data.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { useAddAlert } from "../common/alerts.tsx";
import { type Column, DataTable } from "../common/DataTable.tsx";
import { DetailItem } from "../common/DetailItem.tsx";
import { useDialogs } from "../common/dialogs.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";
import { PoolUsage } from "./pool-kind.tsx";
import { CloneVolumeDialog, CreateVolumeDialog, DeleteVolumeDialog, ResizeVolumeDialog, UploadVolumeDialog } from "./VolumeDialogs.tsx";

const CONNECTION: ConnectionId = "system";

const COLUMNS: Column<PoolVolume>[] = [
    { title: _("Name"), className: "volume-name", cell: v => v.name, sortKey: v => v.name },
    { title: _("Format"), className: "volume-format", cell: v => v.format || "—", sortKey: v => v.format },
    { title: _("Capacity"), className: "volume-capacity", cell: v => formatBytes(v.capacity), sortKey: v => v.capacity },
    { title: _("Allocation"), className: "volume-allocation", cell: v => formatBytes(v.allocation), sortKey: v => v.allocation },
    { title: _("Used by"), className: "volume-users", cell: v => v.usedBy.join(", ") || "—", sortKey: v => v.usedBy.join(",") },
];

/** The pool's settings libvirt keeps, by kind. */
function PoolDetails({ pool }: { pool: StoragePool }) {
    const s = pool.sourceDetails;
    const rows: [string, string, string | undefined][] = [
        ["pool-detail-type", _("Type"), pool.type],
        ["pool-detail-target", _("Target"), pool.targetPath],
        ["pool-detail-devices", _("Devices"), s.devices.join(", ") || undefined],
        ["pool-detail-host", _("Server"), s.host && (s.port ? `${s.host}:${s.port}` : s.host)],
        ["pool-detail-dir", _("Exported directory"), s.dir],
        ["pool-detail-name", _("Volume group"), pool.type === "logical" ? s.name : undefined],
        ["pool-detail-format", _("Format"), s.format],
        ["pool-detail-initiator", _("Initiator"), s.initiator],
    ];
    return (
        <DescriptionList isHorizontal isCompact id="pool-details">
            <DetailItem id="pool-detail-state" term={_("State")}><ActiveLabel active={pool.active} text={pool.active ? _("Active") : _("Inactive")} /></DetailItem>
            {rows.filter(([, , value]) => value).map(([id, term, value]) => <DetailItem key={id} id={id} term={term}>{value}</DetailItem>)}
            <DetailItem id="pool-detail-usage" term={_("Usage")}><PoolUsage pool={pool} id="pool-usage" /></DetailItem>
            <DetailItem id="pool-detail-available" term={_("Free")}>{pool.active ? formatBytes(pool.available) : "—"}</DetailItem>
        </DescriptionList>
    );
}

function VolumeActions({ pool, volume, volumes, reload }: { pool: StoragePool; volume: PoolVolume; volumes: readonly PoolVolume[]; reload: () => void }) {
    const [open, setOpen] = useState(false);
    const dialogs = useDialogs();
    const addAlert = useAddAlert();
    const props = { connection: CONNECTION, pool, volumes, volume, onDone: () => { reload(); void poolSync(CONNECTION).refresh(pool.path) } };
    const download = (): void => {
        downloadVolume(CONNECTION, volume).catch((error: unknown) => {
            addAlert({ variant: "danger", title: format(_("$0 could not be downloaded"), volume.name), detail: error instanceof Error ? error.message : String(error) });
        });
    };
    const items: [string, string, () => void, boolean?][] = [
        ["resize", _("Grow"), () => dialogs.show(<ResizeVolumeDialog {...props} />)],
        ["clone", _("Clone"), () => dialogs.show(<CloneVolumeDialog {...props} />)],
        ["download", _("Download"), download],
        ["delete", _("Delete"), () => dialogs.show(<DeleteVolumeDialog {...props} />), true],
    ];
    return (
        <Dropdown isOpen={open} onOpenChange={setOpen} popperProps={{ position: "right", appendTo: () => document.body }}
                  toggle={ref => (
                      <MenuToggle ref={ref} variant="plain" isExpanded={open} onClick={() => setOpen(!open)}
                                  aria-label={format(_("Actions for $0"), volume.name)} className="volume-actions-toggle">
                          <EllipsisVIcon />
                      </MenuToggle>
                  )}>
            {open && (
                <DropdownList>
                    {items.map(([id, label, run, danger]) => (
                        <DropdownItem key={id} className={`volume-action-${id}`} isDanger={danger ?? false} onClick={() => { setOpen(false); run() }}>{label}</DropdownItem>
                    ))}
                </DropdownList>
            )}
        </Dropdown>
    );
}

function Volumes({ pool }: { pool: StoragePool }) {
    const dialogs = useDialogs();
    const [filter, setFilter] = useState("");
    const { name, path, active } = pool;
    // Not on every change of the pool: reading the volumes refreshes the pool, which sends an event that changes it.
    const volumes = useData(() => active ? poolVolumes(CONNECTION, { name, path }) : Promise.resolve([]), [name, path, active]);
    const all = volumes.data;
    const shown = useMemo(() => {
        const needle = filter.trim().toLowerCase();
        return needle ? all?.filter(v => v.name.toLowerCase().includes(needle) || v.usedBy.some(u => u.toLowerCase().includes(needle))) : all;
    }, [all, filter]);
    const onDone = (): void => { volumes.reload(); void poolSync(CONNECTION).refresh(pool.path) };
    const props = { connection: CONNECTION, pool, volumes: all ?? [], onDone };
    return (
        <section id="pool-volumes" data-loaded={String(all !== undefined)} data-count={all?.length ?? 0}>
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem><Title headingLevel="h2">{_("Volumes")}</Title></ToolbarItem>
                    <ToolbarItem>
                        <SearchInput id="volume-filter" aria-label={_("Filter volumes")} placeholder={_("Filter by name or VM")} value={filter}
                                     onChange={(_e, v) => setFilter(v)} onClear={() => setFilter("")} />
                    </ToolbarItem>
                    <ToolbarItem>
                        <Button id="create-volume" variant="primary" isDisabled={!pool.active || !all} onClick={() => dialogs.show(<CreateVolumeDialog {...props} />)}>
                            {_("Create volume")}
                        </Button>
                    </ToolbarItem>
                    <ToolbarItem>
                        <Button id="upload-volume" variant="secondary" isDisabled={!pool.active || !all} onClick={() => dialogs.show(<UploadVolumeDialog {...props} />)}>
                            {_("Upload")}
                        </Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            {pool.active
                ? (
                    <DataTable id="volume-table" label={_("Volumes")} columns={COLUMNS} rows={shown} rowKey={v => v.object}
                               rowProps={v => ({ className: "volume-row", "data-volume-name": v.name, "data-volume-users": v.usedBy.join(",") })}
                               actions={v => <VolumeActions pool={pool} volume={v} volumes={all ?? []} reload={onDone} />}
                               loading={_("Loading volumes")} compactStates virtualHeight="60vh"
                               empty={{ id: "volumes-empty", title: filter ? _("No volume matches the filter") : _("No volumes") }}
                               problem={volumes.error ? { id: "volumes-unreadable", title: _("The volumes could not be read"), error: describeError(volumes.error) } : null} />
                )
                : <EmptyState id="volumes-inactive" titleText={_("The pool is not running: start it to see its volumes")} headingLevel="h3" variant="xs" />}
        </section>
    );
}

export function StoragePoolPage({ name }: { name: string }) {
    const { items, loaded } = useStoragePools(CONNECTION);
    const perform = useResourceAction();
    const pool = items.find(p => p.name === name);
    const refresh = (): void => {
        if (pool) void perform({ label: _("Refresh"), objectName: pool.name, run: async () => { await refreshStoragePool(CONNECTION, pool.path); await poolSync(CONNECTION).refresh(pool.path) } });
    };
    return (
        <section className="host-page" id="storage-pool-page" data-pool={name} data-loaded={String(loaded)}>
            <Breadcrumb>
                <BreadcrumbItem to="#/storage" onClick={e => { e.preventDefault(); cockpit.location.go(["storage"]) }}>{_("Storage pools")}</BreadcrumbItem>
                <BreadcrumbItem isActive>{name}</BreadcrumbItem>
            </Breadcrumb>
            <div className="host-page-header">
                <Title headingLevel="h1">{name}</Title>
                {pool?.active && <Button id="pool-page-refresh" variant="secondary" onClick={refresh}>{_("Refresh")}</Button>}
            </div>
            {loaded && !pool && <EmptyState id="pool-missing" titleText={format(_("There is no storage pool $0"), name)} headingLevel="h2" />}
            {pool && <PoolDetails pool={pool} />}
            {pool && <Volumes key={pool.path} pool={pool} />}
        </section>
    );
}
