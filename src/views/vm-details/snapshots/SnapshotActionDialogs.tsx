// Revert to a snapshot, or delete one: both ask first and say what is lost.
import { Content } from "@patternfly/react-core";

import { _, format } from "../../../lib/i18n.ts";
import { deleteSnapshot, revertToSnapshot, type Snapshot } from "../../../libvirt/snapshot-api.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

import { describeSnapshotError } from "./snapshot-logic.ts";

interface SnapshotDialogProps {
    vm: Vm;
    snapshot: Snapshot;
    onDone: () => void;
}

export function RevertSnapshotDialog({ vm, snapshot, onDone }: SnapshotDialogProps) {
    const submit = async (): Promise<void> => {
        try {
            await revertToSnapshot(vm.connection, snapshot.path);
        } finally {
            onDone();
        }
    };
    return (
        <ActionDialog id="revert-snapshot-dialog" title={format(_("Revert to $0?"), snapshot.name)} submitLabel={_("Revert")} danger onSubmit={submit}
                      describe={describeSnapshotError(_("The virtual machine could not be reverted to the snapshot"))}>
            <Content component="p">
                {format(_("$0 goes back to how it was when the snapshot was taken. Whatever changed on its disks since then is lost, unless another snapshot holds it."), vm.name)}
            </Content>
            <Content component="p" id="revert-snapshot-state">
                {snapshot.memory
                    ? _("The snapshot has the guest's memory: the virtual machine runs on from that moment.")
                    : _("The snapshot was taken while the virtual machine was shut off: it is shut off after the revert.")}
            </Content>
        </ActionDialog>
    );
}

export function DeleteSnapshotDialog({ vm, snapshot, onDone }: SnapshotDialogProps) {
    const submit = async (): Promise<void> => {
        try {
            await deleteSnapshot(vm.connection, snapshot.path);
        } finally {
            onDone();
        }
    };
    return (
        <ActionDialog id="delete-snapshot-dialog" title={format(_("Delete snapshot $0?"), snapshot.name)} submitLabel={_("Delete")} danger onSubmit={submit}
                      describe={describeSnapshotError(_("The snapshot could not be deleted"))}>
            <Content component="p">
                {_("The virtual machine's current state is kept; only the way back to this snapshot goes. Snapshots taken from it stay.")}
            </Content>
        </ActionDialog>
    );
}
