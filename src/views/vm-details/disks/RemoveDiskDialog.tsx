// Remove a disk from the VM, optionally deleting its image file too.
import { Checkbox, Content } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import { removeDisk } from "../../../operations/disk-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { useAddAlert } from "../../common/alerts.tsx";

export function RemoveDiskDialog({ vm, disk, onDone }: { vm: Vm; disk: DomainDisk; onDone: () => void }) {
    const addAlert = useAddAlert();
    const [deleteImage, setDeleteImage] = useState(false);
    const running = isActiveState(vm.state);
    const deletable = disk.device === "disk" && disk.sourceType === "file" && disk.path !== undefined;

    const submit = async (): Promise<void> => {
        const outcome = await removeDisk(vm, disk.target, deletable && deleteImage ? disk.path ?? null : null, scopeFor(running, vm.persistent));
        if (outcome.keptImage) {
            addAlert({
                variant: "warning",
                title: _("The image was kept"),
                detail: format(_("The guest has not released $0 yet, so $1 was not deleted."), disk.target, outcome.keptImage),
            });
        }
        onDone();
    };

    return (
        <ActionDialog id="remove-disk-dialog" title={format(_("Remove disk $0?"), disk.target)} submitLabel={_("Remove")} danger onSubmit={submit}>
            <Content component="p">
                {running
                    ? _("The disk is unplugged from the running virtual machine. The guest should stop using it first.")
                    : _("The disk is removed from the virtual machine's configuration.")}
            </Content>
            {deletable && (
                <Checkbox id="remove-disk-delete-image" label={format(_("Also delete the image $0"), disk.path ?? "")}
                          isChecked={deleteImage} onChange={(_e, checked) => setDeleteImage(checked)} />
            )}
        </ActionDialog>
    );
}
