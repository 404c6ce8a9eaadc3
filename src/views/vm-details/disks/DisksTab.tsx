// The VM's disks as libvirt holds them, with their sizes, and the actions on them: add,
// remove, grow, and insert or eject CD/DVD media.
import { Button, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useCallback, useState } from "react";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _ } from "../../../lib/i18n.ts";
import type { BlockSize } from "../../../libvirt/device-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { useDeviceChanges } from "../use-device-changes.ts";
import { AddDiskDialog } from "./AddDiskDialog.tsx";
import { EjectMediaDialog } from "./EjectMediaDialog.tsx";
import { InsertMediaDialog } from "./InsertMediaDialog.tsx";
import { RemoveDiskDialog } from "./RemoveDiskDialog.tsx";
import { ResizeDiskDialog } from "./ResizeDiskDialog.tsx";
import { SharedFolders } from "./SharedFolders.tsx";
import { type DiskSizes, useDiskSizes } from "./use-disk-sizes.ts";

function sourceText(disk: DomainDisk): string {
    if (disk.pool && disk.volume) return `${disk.pool}/${disk.volume}`;
    if (disk.path) return disk.path;
    return disk.device === "cdrom" ? _("No media") : "";
}

const DEVICE_LABELS: Record<string, string> = { disk: _("Disk"), cdrom: _("CD/DVD"), floppy: _("Floppy"), lun: _("LUN") };
const SOURCE_KIND: Record<string, string> = { file: _("File"), block: _("Block device"), volume: _("Volume"), network: _("Network"), dir: _("Directory") };

function columns(sizes: DiskSizes): Column<DomainDisk>[] {
    const size = (disk: DomainDisk): BlockSize | undefined => sizes.get(disk.target);
    return [
        { title: _("Target"), cell: disk => disk.target, sortKey: disk => disk.target },
        { title: _("Device"), cell: disk => DEVICE_LABELS[disk.device] ?? disk.device },
        { title: _("Bus"), cell: disk => disk.bus ?? "" },
        {
            title: _("Source"), className: "vm-disk-source",
            cell: disk => <>{sourceText(disk)}{disk.path && <small> ({SOURCE_KIND[disk.sourceType] ?? disk.sourceType})</small>}</>,
        },
        { title: _("Format"), cell: disk => disk.format ?? "" },
        {
            title: _("Capacity"), className: "vm-disk-capacity", cellData: disk => ({ "data-bytes": size(disk)?.capacity }),
            cell: disk => { const s = size(disk); return s ? formatBytes(s.capacity) : "—" }, sortKey: disk => size(disk)?.capacity ?? 0,
        },
        {
            title: _("Allocation"), className: "vm-disk-allocation",
            cell: disk => { const s = size(disk); return s ? formatBytes(s.allocation) : "—" }, sortKey: disk => size(disk)?.allocation ?? 0,
        },
        { title: _("Access"), cell: disk => disk.readonly ? _("Read-only") : _("Writeable") },
        { title: _("Cache"), cell: disk => disk.cache ?? _("Default") },
    ];
}

function DiskActions({ vm, disk, size, onDone }: { vm: Vm; disk: DomainDisk; size: BlockSize | undefined; onDone: () => void }) {
    const dialogs = useDialogs();
    return (
        <>
            {disk.device === "cdrom" && (disk.path
                ? <Button variant="link" className="disk-eject" onClick={() => dialogs.show(<EjectMediaDialog vm={vm} disk={disk} onDone={onDone} />)}>{_("Eject")}</Button>
                : <Button variant="link" className="disk-insert" onClick={() => dialogs.show(<InsertMediaDialog vm={vm} disk={disk} onDone={onDone} />)}>{_("Insert")}</Button>)}
            {disk.device === "disk" && (
                <Button variant="link" className="disk-resize" isDisabled={!size}
                        onClick={() => size && dialogs.show(<ResizeDiskDialog vm={vm} disk={disk} capacity={size.capacity} onDone={onDone} />)}>
                    {_("Resize")}
                </Button>
            )}
            <Button variant="link" isDanger className="disk-remove" onClick={() => dialogs.show(<RemoveDiskDialog vm={vm} disk={disk} onDone={onDone} />)}>
                {_("Remove")}
            </Button>
        </>
    );
}

export function DisksTab({ vm, config }: VmTabProps) {
    const dialogs = useDialogs();
    const running = isActiveState(vm.state);
    const [tick, setTick] = useState(0);
    const { reload } = config;
    const refresh = useCallback(() => {
        reload();
        setTick(n => n + 1);
    }, [reload]);
    const sizes = useDiskSizes(vm, config.live?.disks, running, tick);
    useDeviceChanges(vm, refresh);

    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;

    return (
        <>
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem>
                        <Button id="vm-disks-add" variant="secondary" onClick={() => dialogs.show(<AddDiskDialog vm={vm} onDone={refresh} />)}>
                            {_("Add disk")}
                        </Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            <DataTable id="vm-disks" label={_("Disks")} columns={columns(sizes)} rows={live.disks} rowKey={disk => disk.target}
                       rowProps={disk => ({ className: "vm-disk-row", "data-disk-target": disk.target, "data-disk-device": disk.device })}
                       actions={disk => <DiskActions vm={vm} disk={disk} size={sizes.get(disk.target)} onDone={refresh} />}
                       empty={{ id: "vm-disks-empty", title: _("This virtual machine has no disks.") }} compactStates />
            <SharedFolders vm={vm} config={live} running={running} onDone={refresh} />
        </>
    );
}
