// Eject the media of a CD/DVD drive.
import { Content } from "@patternfly/react-core";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import { setMedia } from "../../../operations/disk-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

export function EjectMediaDialog({ vm, disk, onDone }: { vm: Vm; disk: DomainDisk; onDone: () => void }) {
    const submit = async (): Promise<void> => {
        await setMedia(vm, disk.target, null, scopeFor(isActiveState(vm.state), vm.persistent));
        onDone();
    };
    return (
        <ActionDialog id="eject-media-dialog" title={format(_("Eject the media from $0?"), disk.target)} submitLabel={_("Eject")} onSubmit={submit}>
            <Content component="p">{format(_("$0 is removed from the drive; the image file is kept."), disk.path ?? "")}</Content>
        </ActionDialog>
    );
}
