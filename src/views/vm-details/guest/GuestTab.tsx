// What is known of the inside of the guest.
import { Alert } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

import { agentStatus } from "./agent-status.ts";

export function GuestTab({ config }: VmTabProps) {
    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;
    const status = agentStatus(live);
    return (
        <div id="vm-guest" data-agent={status}>
            {status === "no-channel" && (
                <Alert variant="info" isInline title={_("The KVM Manager guest agent is not set up for this virtual machine")}>
                    {_("The virtual machine has no channel for the agent.")}
                </Alert>
            )}
            {status === "not-listening" && (
                <Alert variant="warning" isInline title={_("The guest agent is not running")}>
                    {_("The channel exists, but nothing inside the guest listens on it. Install and start kvmm-agent in the guest.")}
                </Alert>
            )}
            {status === "connected" && <Alert variant="success" isInline title={_("The guest agent is running")} />}
        </div>
    );
}
