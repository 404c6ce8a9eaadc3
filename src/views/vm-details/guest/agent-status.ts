// Whether our guest agent (or else qemu-guest-agent) can be reached, read from the live XML's
// channels without connecting, and kept current while a tab shows it.
import { _ } from "../../../lib/i18n.ts";
import { type AgentStatus, agentStatus, qemuAgentStatus } from "../../../libvirt/agent-channel-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { usePoll } from "../../../state/use-data.ts";
import type { VmTabProps } from "../tab-props.ts";

export interface AgentStatuses {
    /** undefined until the live XML is read */
    ours: AgentStatus | undefined;
    qemu: AgentStatus | undefined;
}

/** The VM page's one-line answer to "which agent does this guest run?". */
export function agentStatusText({ ours, qemu }: AgentStatuses, running: boolean): string {
    const present = (s: AgentStatus | undefined): boolean => s !== undefined && s !== "no-channel";
    if (running && ours === "connected") return _("KVM Manager guest agent running");
    if (running && qemu === "connected") return _("qemu-guest-agent running");
    if (present(ours)) {
        return running ? _("Set up, but the KVM Manager guest agent is not running in the guest") : _("KVM Manager guest agent set up");
    }
    if (present(qemu)) return running ? _("qemu-guest-agent set up, but not running in the guest") : _("qemu-guest-agent set up");
    return _("None set up");
}

/** libvirt sends no event when a guest opens or closes our port: re-read the XML meanwhile. */
const STATE_POLL_MS = 3000;

/**
 * Both agents' status for a tab; while a running VM has a channel nobody listens on (or only
 * qemu-ga's), its XML is re-read every few seconds (while the page is shown) to notice an agent starting or stopping.
 */
export function useAgentStatuses({ vm, config }: VmTabProps): AgentStatuses {
    const live = config.live;
    const ours = live ? agentStatus(live) : undefined;
    const qemu = live ? qemuAgentStatus(live) : undefined;
    const running = isActiveState(vm.state);
    const { reload } = config;
    const waiting = ours === "not-listening" || (ours !== "connected" && qemu !== undefined && qemu !== "no-channel");
    usePoll(reload, running && waiting ? STATE_POLL_MS : undefined);
    return { ours, qemu };
}
