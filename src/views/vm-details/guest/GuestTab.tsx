// What is known of the inside of the guest, through the KVM Manager guest agent.
import { Alert, Button, Spinner } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

import { AddAgentChannel } from "./AddAgentChannel.tsx";
import { AgentPanel } from "./AgentPanel.tsx";
import { AGENT_CHANNEL, agentStatus } from "./agent-status.ts";
import { InstallHelp } from "./InstallHelp.tsx";
import { useAgentClient } from "./use-agent-client.ts";

function Connected({ socketPath }: { socketPath: string | undefined }) {
    const conn = useAgentClient(socketPath);
    if (conn.client) return <AgentPanel client={conn.client} />;
    if (conn.error) {
        return (
            <Alert id="guest-connect-error" data-kind={conn.error.kind} variant="danger" isInline
                   title={_("Cannot talk to the guest agent")}
                   actionLinks={<Button id="guest-connect-retry" variant="link" isInline onClick={conn.retry}>{_("Try again")}</Button>}>
                {conn.error.message}
            </Alert>
        );
    }
    return <Spinner size="lg" aria-label={_("Connecting to the guest agent")} />;
}

export function GuestTab({ vm, config }: VmTabProps) {
    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;
    const status = agentStatus(live);
    const savedHasChannel = config.saved?.channels.some(c => c.name === AGENT_CHANNEL) ?? false;
    const running = isActiveState(vm.state);
    const channel = live.channels.find(c => c.name === AGENT_CHANNEL);
    return (
        <div id="vm-guest" data-agent={status}>
            {status === "no-channel" && (
                <Alert id="guest-status" variant="info" isInline title={_("The KVM Manager guest agent is not set up for this virtual machine")}>
                    {savedHasChannel
                        ? <p id="guest-channel-pending">{_("The agent channel has been added. It applies when the virtual machine next boots.")}</p>
                        : (
                            <>
                                <p>{_("The virtual machine has no channel for the agent. Add it, then install the agent in the guest. The channel applies at the next boot.")}</p>
                                <AddAgentChannel vm={vm} onAdded={config.reload} />
                            </>
                        )}
                </Alert>
            )}
            {status === "not-listening" && (
                <Alert id="guest-status" variant="warning" isInline
                       title={running ? _("The guest agent is not running") : _("The virtual machine is not running")}>
                    {running
                        ? _("The channel exists, but nothing inside the guest listens on it. Install and start kvmm-agent in the guest.")
                        : _("Start the virtual machine to reach its guest agent.")}
                </Alert>
            )}
            {status !== "connected" && <InstallHelp />}
            {status === "connected" && (
                <>
                    <Alert id="guest-status" variant="success" isInline isPlain title={_("The guest agent is running")} />
                    <Connected socketPath={channel?.socketPath} />
                </>
            )}
        </div>
    );
}
