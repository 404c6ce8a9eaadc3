// Revert to a snapshot, or delete one: both ask first and say what is lost.
import { Content } from "@patternfly/react-core";
import type { ReactNode } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { deleteSnapshot, type Snapshot } from "../../../libvirt/snapshot-api.ts";
import { describeSnapshotError, revertSnapshot } from "../../../operations/snapshots.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

interface SnapshotDialogProps {
    vm: Vm;
    snapshot: Snapshot;
    onDone: () => void;
}

/** A confirmation that runs `action` on the snapshot; the list is read again however it ends. */
function SnapshotDialog({ id, title, submitLabel, failed, action, snapshot, onDone, children }: Omit<SnapshotDialogProps, "vm"> & {
    id: string; title: string; submitLabel: string; failed: string; action: (s: Snapshot) => Promise<void>; children: ReactNode;
}) {
    const submit = async (): Promise<void> => {
        try {
            await action(snapshot);
        } finally {
            onDone();
        }
    };
    return (
        <ActionDialog id={id} title={title} submitLabel={submitLabel} danger onSubmit={submit} describe={describeSnapshotError(failed)}>
            {children}
        </ActionDialog>
    );
}

function revertOutcome(snapshot: Snapshot): string {
    if (!snapshot.memory) return _("The snapshot was taken while the virtual machine was shut off: it is shut off after the revert.");
    if (snapshot.state === "paused") return _("The snapshot has the guest's memory: the virtual machine is back at that moment, paused.");
    return _("The snapshot has the guest's memory: the virtual machine runs on from that moment.");
}

export function RevertSnapshotDialog({ vm, snapshot, onDone }: SnapshotDialogProps) {
    return (
        <SnapshotDialog id="revert-snapshot-dialog" title={format(_("Revert to $0?"), snapshot.name)} submitLabel={_("Revert")}
                        failed={_("The virtual machine could not be reverted to the snapshot")}
                        action={s => revertSnapshot(vm, s)} snapshot={snapshot} onDone={onDone}>
            <Content component="p">
                {format(_("$0 goes back to how it was when the snapshot was taken. Whatever changed on its disks since then is lost, unless another snapshot holds it."), vm.name)}
            </Content>
            <Content component="p" id="revert-snapshot-state">
                {revertOutcome(snapshot)}
            </Content>
        </SnapshotDialog>
    );
}

export function DeleteSnapshotDialog({ vm, snapshot, onDone }: SnapshotDialogProps) {
    return (
        <SnapshotDialog id="delete-snapshot-dialog" title={format(_("Delete snapshot $0?"), snapshot.name)} submitLabel={_("Delete")}
                        failed={_("The snapshot could not be deleted")}
                        action={s => deleteSnapshot(vm.connection, s.path)} snapshot={snapshot} onDone={onDone}>
            <Content component="p">
                {_("The virtual machine's current state is kept; only the way back to this snapshot goes. Snapshots taken from it stay.")}
            </Content>
        </SnapshotDialog>
    );
}
