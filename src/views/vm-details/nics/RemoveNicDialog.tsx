// Remove a network interface.
import { Content } from "@patternfly/react-core";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { removeInterface } from "../../../operations/nic-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

export function RemoveNicDialog({ vm, nic, onDone }: { vm: Vm; nic: DomainInterface; onDone: () => void }) {
    const running = isActiveState(vm.state);
    const submit = async (): Promise<void> => {
        await removeInterface(vm, nic.mac, scopeFor(running, vm.persistent));
        onDone();
    };
    return (
        <ActionDialog id="remove-nic-dialog" title={format(_("Remove network interface $0?"), nic.mac)} submitLabel={_("Remove")} danger onSubmit={submit}>
            <Content component="p">
                {running
                    ? _("The interface is unplugged from the running virtual machine; the guest loses this connection.")
                    : _("The interface is removed from the virtual machine's configuration.")}
            </Content>
        </ActionDialog>
    );
}
