// The VM at a glance: state, OS, CPUs, memory, firmware, machine type and boot order.
import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from "@patternfly/react-core";
import type { ReactNode } from "react";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _, format } from "../../../lib/i18n.ts";
import { connectionLabel } from "../../../libvirt/connection.ts";
import { stateLabel } from "../../../libvirt/domain-state.ts";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

function Item({ term, id, children }: { term: string; id: string; children: ReactNode }) {
    return (
        <DescriptionListGroup>
            <DescriptionListTerm>{term}</DescriptionListTerm>
            <DescriptionListDescription id={`vm-overview-${id}`}>{children}</DescriptionListDescription>
        </DescriptionListGroup>
    );
}

const BOOT_LABELS: Record<string, string> = { hd: _("Disk"), cdrom: _("CD/DVD"), network: _("Network (PXE)"), fd: _("Floppy") };

export function OverviewTab({ vm, config }: VmTabProps) {
    const saved = config.saved;
    const live = config.live;
    if (!saved || !live) return <ConfigLoading config={config} />;
    const cpu = live.cpu;
    const topology = cpu.sockets ? format(_("$0 sockets, $1 cores, $2 threads"), cpu.sockets, cpu.cores ?? 1, cpu.threads ?? 1) : "";
    return (
        <DescriptionList isHorizontal columnModifier={{ lg: "2Col" }} id="vm-overview">
            <Item term={_("State")} id="state">{stateLabel(vm.state)}</Item>
            <Item term={_("Connection")} id="connection">{connectionLabel(vm.connection)}</Item>
            <Item term={_("Operating system")} id="os">{saved.osId ?? _("Not recorded")}</Item>
            <Item term={_("vCPUs")} id="vcpus">
                {format(_("$0 of at most $1"), cpu.current, cpu.maximum)}{topology && ` (${topology})`}
            </Item>
            <Item term={_("CPU model")} id="cpu-model">{[cpu.mode, cpu.model].filter(Boolean).join(", ") || _("Hypervisor default")}</Item>
            <Item term={_("Memory")} id="memory">
                {format(_("$0 of at most $1"), formatBytes(live.memoryKiB * 1024), formatBytes(live.maxMemoryKiB * 1024))}
            </Item>
            <Item term={_("Firmware")} id="firmware">
                {saved.firmware.kind === "efi" ? (saved.firmware.secureBoot ? _("UEFI with Secure Boot") : _("UEFI")) : _("BIOS")}
            </Item>
            <Item term={_("Machine type")} id="machine">{saved.firmware.machine ?? "—"}</Item>
            <Item term={_("Boot order")} id="boot-order">
                {saved.bootOrder.length ? saved.bootOrder.map(dev => BOOT_LABELS[dev] ?? dev).join(", ") : _("Per device")}
            </Item>
            <Item term={_("Description")} id="description">{saved.description ?? ""}</Item>
        </DescriptionList>
    );
}
