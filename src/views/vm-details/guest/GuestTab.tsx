// What is known of the inside of the guest, through the KVM Manager guest agent, or else
// through qemu-guest-agent and libvirt.
import { AlertActionCloseButton, Button, Spinner } from "@patternfly/react-core";
import { useCallback, useMemo, useState } from "react";

import type { AgentError } from "../../../agent-client/agent-errors.ts";
import { _, format } from "../../../lib/i18n.ts";
import { AGENT_CHANNEL } from "../../../libvirt/agent-channel-xml.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { Notice } from "../../common/Notice.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { AddAgentChannel } from "./AddAgentChannel.tsx";
import { useAgentStatuses } from "./agent-status.ts";
import { AgentPanel } from "./AgentPanel.tsx";
import { InstallHelp } from "./InstallHelp.tsx";
import { QemuAgentPanel } from "./QemuAgentPanel.tsx";
import { BUSY_RETRY_MS, useAgentClient } from "./use-agent-client.ts";

interface ConnectedProps {
    socketPath: string | undefined;
    vmKey: string;
    vmNics: readonly DomainInterface[];
    onLost: (error: AgentError) => void;
}

function Connected({ socketPath, vmKey, vmNics, onLost }: ConnectedProps) {
    const conn = useAgentClient(socketPath, onLost);
    if (conn.client) return <AgentPanel client={conn.client} vmKey={vmKey} vmNics={vmNics} />;
    if (conn.error) {
        return (
            <Notice id="guest-connect-error" data-kind={conn.error.kind} variant="danger" isInline
                   title={_("Cannot talk to the guest agent")}
                   actionLinks={
                       <Button id="guest-connect-retry" variant="link" isInline onClick={conn.retry}
                               isLoading={conn.connecting} isDisabled={conn.connecting}>
                           {conn.connecting ? _("Trying again") : _("Try again")}
                       </Button>
                   }>
                <p>{conn.error.message}</p>
                {conn.error.kind === "busy-channel" && (
                    <p id="guest-connect-auto-retry">
                        {format(_("This page tries again by itself every $0 seconds while it is shown."), BUSY_RETRY_MS / 1000)}
                    </p>
                )}
            </Notice>
        );
    }
    return <Spinner size="lg" aria-label={_("Connecting to the guest agent")} />;
}

export function GuestTab({ vm, config }: VmTabProps) {
    const live = config.live;
    const { ours: status, qemu: qemuAgent } = useAgentStatuses({ vm, config });
    const running = isActiveState(vm.state);
    const { reload } = config;
    // Kept after the connection is gone: the status below changes at once, and the user must
    // still learn why, e.g. that a transfer failed because the agent stopped answering.
    const [lost, setLost] = useState<AgentError>();
    const onLost = useCallback((error: AgentError) => {
        setLost(error);
        reload();
    }, [reload]);
    // Each re-read of the XML parses new objects: keep the same array while the NICs are the same,
    // so that the memoized agent panel is not re-rendered for nothing.
    const nicsKey = JSON.stringify(live?.interfaces ?? []);
    const vmNics = useMemo(() => JSON.parse(nicsKey) as DomainInterface[], [nicsKey]);
    if (!live) return <ConfigLoading config={config} />;
    const savedHasChannel = config.saved?.channels.some(c => c.name === AGENT_CHANNEL) ?? false;
    const channel = live.channels.find(c => c.name === AGENT_CHANNEL);
    const hotplug = running && live.virtioSerial;
    return (
        <div id="vm-guest" data-agent={status} data-qemu-agent={qemuAgent}>
            {lost && running && (
                <Notice id="guest-lost" variant="warning" isInline title={_("The connection to the guest agent was lost")}
                       actionClose={<AlertActionCloseButton onClose={() => setLost(undefined)} />}>
                    {lost.message}
                </Notice>
            )}
            {status === "no-channel" && (
                <Notice id="guest-status" variant="info" isInline title={_("The KVM Manager guest agent is not set up for this virtual machine")}>
                    {savedHasChannel
                        ? <p id="guest-channel-pending">{_("The agent channel has been added. It applies when the virtual machine next boots.")}</p>
                        : (
                            <>
                                <p id="guest-channel-help">
                                    {hotplug
                                        ? _("The virtual machine has no channel for the agent. Add it, then install the agent in the guest. The channel is added to the running virtual machine at once: an agent already installed connects by itself.")
                                        : _("The virtual machine has no channel for the agent. Add it, then install the agent in the guest. The channel applies at the next boot.")}
                                </p>
                                <AddAgentChannel vm={vm} onAdded={config.reload} />
                            </>
                        )}
                </Notice>
            )}
            {status === "not-listening" && (
                <Notice id="guest-status" variant="warning" isInline
                       title={running ? _("The KVM Manager guest agent is not running") : _("The virtual machine is not running")}>
                    {running
                        ? _("The channel exists, but nothing inside the guest listens on it. Install and start kvmm-agent in the guest.")
                        : _("Start the virtual machine to reach its guest agent.")}
                </Notice>
            )}
            {status !== "connected" && running && qemuAgent === "connected" && <QemuAgentPanel vm={vm} vmNics={vmNics} />}
            {status !== "connected" && <InstallHelp />}
            {status === "connected" && (
                <>
                    <Notice id="guest-status" variant="success" isInline isPlain title={_("The guest agent is running")} />
                    <Connected socketPath={channel?.socketPath} vmKey={vm.key} vmNics={vmNics} onLost={onLost} />
                </>
            )}
        </div>
    );
}
