// Which guest agent the VM's guest runs, at a glance: read from the live XML's channels, so it
// costs no connection (the agent's socket serves one client, which the Guest tab may hold).
import { Button } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { setLocationOptions } from "../../../state/use-location.ts";
import { DetailItem } from "../../common/DetailItem.tsx";
import { agentStatusText, useAgentStatuses } from "../guest/agent-status.ts";
import type { VmTabProps } from "../tab-props.ts";

export function GuestAgentItem(props: VmTabProps) {
    const statuses = useAgentStatuses(props);
    const running = isActiveState(props.vm.state);
    return (
        <DetailItem term={_("Guest agent")} id="vm-overview-agent">
            <span id="vm-overview-agent-status" data-agent={statuses.ours} data-qemu-agent={statuses.qemu}>{agentStatusText(statuses, running)}</span>{" "}
            <Button variant="link" isInline id="vm-overview-agent-open" onClick={() => setLocationOptions({ tab: "guest" }, true)}>
                {_("Guest tab")}
            </Button>
        </DetailItem>
    );
}
