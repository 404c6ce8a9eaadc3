// The VM at a glance, with what can be changed: vCPUs, memory, autostart, description, name,
// and (while it is shut off) firmware and TPM.
import { Button, DescriptionList, Label, Switch } from "@patternfly/react-core";
import type { ReactNode } from "react";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { formatDuration } from "../../../lib/format-duration.ts";
import { _, format } from "../../../lib/i18n.ts";
import { connectionLabel } from "../../../libvirt/connection.ts";
import { domainPath, setAutostart } from "../../../libvirt/domain-api.ts";
import { isActiveState, stateLabel } from "../../../libvirt/domain-state.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { firmwareSetupOf } from "../../../libvirt/firmware-xml.ts";
import { useAddAlert } from "../../common/alerts.tsx";
import { DetailItem } from "../../common/DetailItem.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { VmSuggestions } from "../../suggestions/SuggestionsCard.tsx";
import { EditMarksDialog } from "../../vm-marks/EditMarksDialog.tsx";
import { MarksSummary } from "../../vm-marks/TagLabels.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { BOOT_LABELS } from "./boot-labels.ts";
import { EditBootOrderDialog } from "./EditBootOrderDialog.tsx";
import { EditDescriptionDialog } from "./EditDescriptionDialog.tsx";
import { EditFirmwareDialog } from "./EditFirmwareDialog.tsx";
import { EditMemoryDialog } from "./EditMemoryDialog.tsx";
import { EditVcpusDialog } from "./EditVcpusDialog.tsx";
import { firmwareLabel } from "./firmware-change.ts";
import { GuestAgentItem } from "./GuestAgentItem.tsx";
import { InstallKernelNotice } from "./InstallKernelNotice.tsx";
import { InstallMediaNotice } from "./InstallMediaNotice.tsx";
import { memoryAppliesAfterShutdown } from "./memory-pending.ts";
import { RenameVmDialog } from "./RenameVmDialog.tsx";
import { useOsName } from "./use-os-name.ts";
import { useUptime } from "./use-uptime.ts";

function Item({ term, id, children, onEdit }: { term: string; id: string; children: ReactNode; onEdit?: () => void }) {
    return (
        <DetailItem term={term} id={`vm-overview-${id}`}>
            {children}
            {onEdit && <Button variant="link" isInline className="overview-edit" id={`vm-overview-${id}-edit`} onClick={onEdit}>{_("edit")}</Button>}
        </DetailItem>
    );
}

/** Marks a value whose saved configuration differs from what runs now. */
function AfterShutdown({ differs, id }: { differs: boolean; id: string }) {
    return differs ? <Label isCompact color="orange" className="after-shutdown" id={`vm-overview-${id}-pending`}>{_("applies after the VM shuts down")}</Label> : null;
}

export function OverviewTab({ vm, config }: VmTabProps) {
    const dialogs = useDialogs();
    const addAlert = useAddAlert();
    const { saved, live } = config;
    const uptime = useUptime(vm.uuid, vm.state === "running" || vm.state === "paused" || vm.state === "blocked");
    const osName = useOsName(saved?.osId);
    if (!saved || !live) return <ConfigLoading config={config} />;
    const cpu = live.cpu;
    const topology = cpu.sockets ? format(_("$0 sockets, $1 cores, $2 threads"), cpu.sockets, cpu.cores ?? 1, cpu.threads ?? 1) : "";
    const running = isActiveState(vm.state);
    const firmware = firmwareSetupOf(saved);
    // Firmware and TPM change only while the VM is off, and need a definition to change.
    const firmwareEdit = !running && vm.persistent ? {
        onEdit: () => dialogs.show(<EditFirmwareDialog vm={vm} current={firmware} virtType={saved.type} machine={saved.firmware.machine} onApplied={config.reload} />),
    } : {};
    const toggleAutostart = async (on: boolean): Promise<void> => {
        try {
            await setAutostart(vm.connection, await domainPath(vm), on);
        } catch (error) {
            const e = describeError(error);
            addAlert({ variant: "danger", title: _("Autostart could not be changed"), detail: `${e.summary}: ${e.detail}` });
        }
        config.reload();
    };

    return (
        <>
        <InstallMediaNotice vm={vm} saved={saved} onDone={config.reload} />
        <InstallKernelNotice vm={vm} saved={saved} onDone={config.reload} />
        <DescriptionList isHorizontal columnModifier={{ lg: "2Col" }} id="vm-overview">
            <Item term={_("Name")} id="name" {...(!running && vm.persistent ? { onEdit: () => dialogs.show(<RenameVmDialog vm={vm} />) } : {})}>
                {vm.name}
            </Item>
            <Item term={_("State")} id="state">
                {stateLabel(vm.state)}
                {uptime !== undefined && <span id="vm-overview-uptime">{" "}{format(_("(up $0)"), formatDuration(uptime))}</span>}
            </Item>
            <Item term={_("Connection")} id="connection">{connectionLabel(vm.connection)}</Item>
            <Item term={_("Operating system")} id="os">{saved.osId ? osName : _("Not recorded")}</Item>
            <GuestAgentItem vm={vm} config={config} />
            <Item term={_("vCPUs")} id="vcpus"
                  onEdit={() => dialogs.show(<EditVcpusDialog vm={vm} current={saved.cpu.current} maximum={saved.cpu.maximum}
                                                                   virtType={saved.type} machine={saved.firmware.machine} onApplied={config.reload} />)}>
                <span id="vm-overview-vcpus-value">{format(_("$0 of at most $1"), cpu.current, cpu.maximum)}</span>
                {topology && ` (${topology})`}{" "}
                <AfterShutdown id="vcpus" differs={saved.cpu.current !== live.cpu.current || saved.cpu.maximum !== live.cpu.maximum} />
            </Item>
            <Item term={_("CPU model")} id="cpu-model">{[cpu.mode, cpu.model].filter(Boolean).join(", ") || _("Hypervisor default")}</Item>
            <Item term={_("Memory")} id="memory"
                  onEdit={() => dialogs.show(<EditMemoryDialog vm={vm} currentKiB={saved.memoryKiB} maximumKiB={saved.maxMemoryKiB} onApplied={config.reload} />)}>
                {/* The figures of the list's Memory column (the store's, polled): what the VM has now. */}
                <span id="vm-overview-memory-value">{format(_("$0 of at most $1"), formatBytes(vm.memory * 1024), formatBytes(vm.maxMemory * 1024))}</span>{" "}
                <AfterShutdown id="memory" differs={memoryAppliesAfterShutdown(saved, live)} />
            </Item>
            <Item term={_("Firmware")} id="firmware" {...firmwareEdit}>
                <span id="vm-overview-firmware-value">{firmwareLabel(firmware.firmware)}</span>
            </Item>
            <Item term={_("TPM")} id="tpm" {...firmwareEdit}>
                <span id="vm-overview-tpm-value">{firmware.tpm ? _("TPM 2.0") : _("None")}</span>
            </Item>
            <Item term={_("Machine type")} id="machine">{saved.firmware.machine ?? "—"}</Item>
            <Item term={_("Boot order")} id="boot-order"
                  onEdit={() => dialogs.show(<EditBootOrderDialog vm={vm} order={saved.bootOrder} onApplied={config.reload} />)}>
                <span id="vm-overview-boot-order-value">
                    {saved.bootOrder.length ? saved.bootOrder.map(dev => BOOT_LABELS[dev] ?? dev).join(", ") : _("Per device")}
                </span>{" "}
                <AfterShutdown id="boot-order" differs={saved.bootOrder.join() !== live.bootOrder.join()} />
            </Item>
            <Item term={_("Autostart")} id="autostart">
                <Switch id="vm-overview-autostart-switch" isChecked={config.autostart} isDisabled={!vm.persistent}
                        label={_("Start with the host")} onChange={(_e, on) => void toggleAutostart(on)} />
            </Item>
            <Item term={_("Tags and folder")} id="marks" onEdit={() => dialogs.show(<EditMarksDialog vms={[vm]} />)}><MarksSummary vm={vm} /></Item>
            <Item term={_("Description")} id="description"
                  onEdit={() => dialogs.show(<EditDescriptionDialog vm={vm} description={saved.description ?? ""} onApplied={config.reload} />)}>
                <span id="vm-overview-description-value">{saved.description ?? ""}</span>
            </Item>
        </DescriptionList>
        <VmSuggestions conn={vm.connection} vmName={vm.name} refresh={[saved, config.autostart]} onFixed={config.reload} />
        </>
    );
}
