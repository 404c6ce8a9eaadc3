import { Label } from "@patternfly/react-core";

import { type DomainState, stateLabel } from "../../libvirt/domain-state.ts";

const STATUS: Partial<Record<DomainState, "success" | "warning" | "danger" | "info">> = {
    running: "success",
    blocked: "success",
    paused: "warning",
    pmsuspended: "warning",
    shutdown: "info",
    crashed: "danger",
};

export function VmStateLabel({ state }: { state: DomainState }) {
    const status = STATUS[state];
    return status
        ? <Label isCompact status={status} className="vm-state">{stateLabel(state)}</Label>
        : <Label isCompact color="grey" className="vm-state">{stateLabel(state)}</Label>;
}
