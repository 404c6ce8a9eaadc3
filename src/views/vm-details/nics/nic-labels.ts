// How a NIC of the VM is named to the user, in the NICs tab and beside the guest's interfaces.
import { _, format } from "../../../lib/i18n.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";

export const NIC_TYPE_LABELS: Record<string, string> = {
    network: _("Virtual network"), bridge: _("Bridge"), direct: _("Direct (macvtap)"), user: _("User mode"), ethernet: _("Ethernet"),
};

/** "Virtual network default, virtio": type, what it is attached to, and model. */
export function nicSummary(nic: DomainInterface): string {
    const type = NIC_TYPE_LABELS[nic.type] ?? nic.type;
    const attached = nic.source ? `${type} ${nic.source}` : type;
    return nic.model ? format(_("$0, $1"), attached, nic.model) : attached;
}

/** The same interface in the saved definition: at the same bus address, or else with the same MAC address. */
export function savedCounterpart(live: DomainInterface, saved: readonly DomainInterface[]): DomainInterface | undefined {
    return (live.address ? saved.find(n => n.address === live.address) : undefined) ??
        saved.find(n => n.mac.toLowerCase() === live.mac.toLowerCase());
}

/** What the saved definition changes of the running interface, as the user would say it; empty when nothing. */
export function pendingChanges(live: DomainInterface, saved: DomainInterface): string[] {
    const changes: string[] = [];
    if (live.type !== saved.type || live.source !== saved.source || (live.mode ?? "") !== (saved.mode ?? ""))
        changes.push(format(_("connected to $0"), saved.source ? `${NIC_TYPE_LABELS[saved.type] ?? saved.type} ${saved.source}` : saved.type));
    if ((live.model ?? "") !== (saved.model ?? "")) changes.push(format(_("model $0"), saved.model ?? ""));
    if (live.mac.toLowerCase() !== saved.mac.toLowerCase()) changes.push(format(_("MAC address $0"), saved.mac));
    if (live.linkUp !== saved.linkUp) changes.push(saved.linkUp ? _("link up") : _("link down"));
    return changes;
}
