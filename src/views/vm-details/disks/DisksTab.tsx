// The VM's disks as libvirt holds them, with their sizes, and the actions on them: add,
// remove, grow, and insert or eject CD/DVD media.
import { Button, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useState } from "react";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _ } from "../../../lib/i18n.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import { useDialogs } from "../../common/dialogs.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { useDeviceChanges } from "../use-device-changes.ts";

import { AddDiskDialog } from "./AddDiskDialog.tsx";
import { EjectMediaDialog } from "./EjectMediaDialog.tsx";
import { InsertMediaDialog } from "./InsertMediaDialog.tsx";
import { RemoveDiskDialog } from "./RemoveDiskDialog.tsx";
import { ResizeDiskDialog } from "./ResizeDiskDialog.tsx";
import { useDiskSizes } from "./use-disk-sizes.ts";

function sourceText(disk: DomainDisk): string {
    if (disk.pool && disk.volume) return `${disk.pool}/${disk.volume}`;
    if (disk.path) return disk.path;
    return disk.device === "cdrom" ? _("No media") : "";
}

const DEVICE_LABELS: Record<string, string> = { disk: _("Disk"), cdrom: _("CD/DVD"), floppy: _("Floppy"), lun: _("LUN") };
const SOURCE_KIND: Record<string, string> = { file: _("File"), block: _("Block device"), volume: _("Volume"), network: _("Network"), dir: _("Directory") };

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
            <Table aria-label={_("Disks")} variant="compact" id="vm-disks">
                <Thead>
                    <Tr>
                        <Th>{_("Target")}</Th>
                        <Th>{_("Device")}</Th>
                        <Th>{_("Bus")}</Th>
                        <Th>{_("Source")}</Th>
                        <Th>{_("Format")}</Th>
                        <Th>{_("Capacity")}</Th>
                        <Th>{_("Allocation")}</Th>
                        <Th>{_("Access")}</Th>
                        <Th>{_("Cache")}</Th>
                        <Th screenReaderText={_("Actions")} />
                    </Tr>
                </Thead>
                <Tbody>
                    {live.disks.map(disk => {
                        const size = sizes.get(disk.target);
                        return (
                            <Tr key={disk.target} data-disk-target={disk.target} data-disk-device={disk.device} className="vm-disk-row">
                                <Td dataLabel={_("Target")}>{disk.target}</Td>
                                <Td dataLabel={_("Device")}>{DEVICE_LABELS[disk.device] ?? disk.device}</Td>
                                <Td dataLabel={_("Bus")}>{disk.bus ?? ""}</Td>
                                <Td dataLabel={_("Source")} className="vm-disk-source">
                                    {sourceText(disk)}
                                    {disk.path && <small> ({SOURCE_KIND[disk.sourceType] ?? disk.sourceType})</small>}
                                </Td>
                                <Td dataLabel={_("Format")}>{disk.format ?? ""}</Td>
                                <Td dataLabel={_("Capacity")} className="vm-disk-capacity" data-bytes={size?.capacity}>{size ? formatBytes(size.capacity) : "—"}</Td>
                                <Td dataLabel={_("Allocation")} className="vm-disk-allocation">{size ? formatBytes(size.allocation) : "—"}</Td>
                                <Td dataLabel={_("Access")}>{disk.readonly ? _("Read-only") : _("Writeable")}</Td>
                                <Td dataLabel={_("Cache")}>{disk.cache ?? _("Default")}</Td>
                                <Td isActionCell>
                                    {disk.device === "cdrom" && (disk.path
                                        ? <Button variant="link" className="disk-eject" onClick={() => dialogs.show(<EjectMediaDialog vm={vm} disk={disk} onDone={refresh} />)}>{_("Eject")}</Button>
                                        : <Button variant="link" className="disk-insert" onClick={() => dialogs.show(<InsertMediaDialog vm={vm} disk={disk} onDone={refresh} />)}>{_("Insert")}</Button>)}
                                    {disk.device === "disk" && (
                                        <Button variant="link" className="disk-resize" isDisabled={!size}
                                                onClick={() => size && dialogs.show(<ResizeDiskDialog vm={vm} disk={disk} capacity={size.capacity} onDone={refresh} />)}>
                                            {_("Resize")}
                                        </Button>
                                    )}
                                    <Button variant="link" isDanger className="disk-remove" onClick={() => dialogs.show(<RemoveDiskDialog vm={vm} disk={disk} onDone={refresh} />)}>
                                        {_("Remove")}
                                    </Button>
                                </Td>
                            </Tr>
                        );
                    })}
                </Tbody>
            </Table>
            {live.disks.length === 0 && <p id="vm-disks-empty" className="vm-devices-empty">{_("This virtual machine has no disks.")}</p>}
        </>
    );
}
