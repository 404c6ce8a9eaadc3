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
