import { Button, Checkbox, Label } from "@patternfly/react-core";
import { Td, Tr } from "@patternfly/react-table";
import { memo, useEffect } from "react";

import { cockpit } from "../../lib/cockpit.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { formatPercent } from "../../lib/format-number.ts";
import { _, format } from "../../lib/i18n.ts";
import { connectionLabel } from "../../libvirt/connection.ts";
import { type PendingAction, settlePending } from "../../state/pending-actions.ts";
import type { Vm } from "../../state/vm-types.ts";
import { VmAlertBadge } from "../alerts/AlertBadge.tsx";
import { TagLabels } from "../vm-marks/TagLabels.tsx";
import { COLUMN_LABELS } from "./columns.ts";
import { VmActionsCell } from "./VmActionsCell.tsx";
import { VmStateLabel } from "./VmStateLabel.tsx";

function usageText(vm: Vm): { cpu: string; memory: string } {
    if (!vm.usage) return { cpu: "", memory: "" };
    return {
        cpu: formatPercent(vm.usage.cpuPercent, vm.usage.cpuPercent < 10 ? 1 : 0),
        memory: `${formatBytes(vm.usage.memoryUsed * 1024)} / ${formatBytes(vm.memory * 1024)}`,
    };
}

interface VmRowProps {
    vm: Vm;
    pending: PendingAction | undefined;
    index: number;
    measure: (element: Element | null) => void;
    selected: boolean;
    /** The row's checkbox was clicked; `range` with shift held. */
    onSelect: (key: string, checked: boolean, range: boolean) => void;
}

export const VmRow = memo(function VmRow({ vm, pending, index, measure, selected, onSelect }: VmRowProps) {
    useEffect(() => {
        if (pending) settlePending(vm.key, vm.state);
    }, [vm.key, vm.state, pending]);
    const usage = usageText(vm);

    return (
        <Tr ref={measure} data-index={index} data-vm-name={vm.name} data-vm-state={vm.state} data-vm-connection={vm.connection}
            data-vm-template={vm.template ? "true" : undefined} data-vm-folder={vm.folder} className="vm-row" isRowSelected={selected}>
            <Td className="vm-select">
                {/* React reports a checkbox's change from its click, which knows whether shift was held. */}
                <Checkbox id={`vm-select-${vm.key}`} className="vm-select-checkbox" isChecked={selected} aria-label={format(_("Select $0"), vm.name)}
                          onChange={(event, checked) => onSelect(vm.key, checked, (event.nativeEvent as MouseEvent).shiftKey)} />
            </Td>
            <Td dataLabel={COLUMN_LABELS.name} className="vm-name">
                <Button variant="link" isInline component="a" href={`#/vm/${encodeURIComponent(vm.connection)}/${encodeURIComponent(vm.name)}`}
                        onClick={event => { event.preventDefault(); cockpit.location.go(["vm", vm.connection, vm.name]) }}>
                    {vm.name}
                </Button>
                <VmAlertBadge connection={vm.connection} name={vm.name} />
                {vm.template && <> <Label isCompact color="purple" className="vm-template-badge">{_("Template")}</Label></>}
                {" "}<TagLabels tags={vm.tags} />
            </Td>
            <Td dataLabel={COLUMN_LABELS.connection}>{connectionLabel(vm.connection)}</Td>
            <Td dataLabel={COLUMN_LABELS.state}><VmStateLabel state={vm.state} /></Td>
            <Td dataLabel={COLUMN_LABELS.vcpus} className="vm-vcpus">{vm.vcpus}</Td>
            <Td dataLabel={COLUMN_LABELS.memory} className="vm-memory">{formatBytes(vm.memory * 1024)}</Td>
            <Td dataLabel={COLUMN_LABELS.cpu} className="vm-cpu-usage">{usage.cpu}</Td>
            <Td dataLabel={COLUMN_LABELS.memoryUsed} className="vm-memory-usage">{usage.memory}</Td>
            <Td isActionCell className="vm-actions-cell"><VmActionsCell vm={vm} pending={pending} /></Td>
        </Tr>
    );
});
