// Runs a VM action as the user asked for it: confirm first where the action says so, mark the
// row as busy, and report a failure as an alert with libvirt's reason.
import { useCallback } from "react";

import { _, format } from "../../lib/i18n.ts";
import { describeError } from "../../libvirt/errors.ts";
import { clearPending, type PendingAction, setPending } from "../../state/pending-actions.ts";
import type { Vm } from "../../state/vm-types.ts";
import { useAddAlert } from "../common/alerts.tsx";
import { useDialogs } from "../common/dialogs.tsx";
import { ExportVmDialog } from "../export-import/ExportVmDialog.tsx";
import { EditMarksDialog } from "../vm-marks/EditMarksDialog.tsx";
import { CloneVmDialog } from "./CloneVmDialog.tsx";
import { ConfirmVmActionDialog } from "./ConfirmVmActionDialog.tsx";
import { DeleteVmDialog } from "./DeleteVmDialog.tsx";
import { DeployTemplateDialog } from "./DeployTemplateDialog.tsx";
import { MigrateVmDialog } from "./MigrateVmDialog.tsx";
import type { VmAction } from "./vm-actions.ts";

/** A guest that ignores the shutdown request should not spin forever. */
const PENDING_LIMIT_MS = 180_000;

export function useVmAction(): (action: VmAction, vm: Vm) => void {
    const addAlert = useAddAlert();
    const dialogs = useDialogs();

    const perform = useCallback(async (action: VmAction, vm: Vm, rethrow: boolean): Promise<void> => {
        if (!action.run) return;
        const mark: PendingAction = { label: action.progressLabel, callDone: false };
        if (action.pendingWhile) mark.whileState = action.pendingWhile;
        setPending(vm.key, mark);
        try {
            await action.run(vm);
            const done: PendingAction = { ...mark, callDone: true };
            if (action.pendingWhile) {
                setPending(vm.key, done);
                setTimeout(() => clearPending(vm.key, done), PENDING_LIMIT_MS);
            } else {
                clearPending(vm.key, mark);
            }
        } catch (error) {
            clearPending(vm.key, mark);
            if (rethrow) throw error;
            const e = describeError(error);
            addAlert({ variant: "danger", title: format(_("$0 failed for $1"), action.label, vm.name), detail: `${e.summary}: ${e.detail}` });
        }
    }, [addAlert]);

    return useCallback((action: VmAction, vm: Vm) => {
        if (action.id === "delete") {
            dialogs.show(<DeleteVmDialog vm={vm} />);
        } else if (action.id === "editMarks") {
            dialogs.show(<EditMarksDialog vms={[vm]} />);
        } else if (action.id === "clone") {
            dialogs.show(<CloneVmDialog vm={vm} />);
        } else if (action.id === "deploy") {
            dialogs.show(<DeployTemplateDialog vm={vm} />);
        } else if (action.id === "migrate") {
            dialogs.show(<MigrateVmDialog vm={vm} />);
        } else if (action.id === "export") {
            dialogs.show(<ExportVmDialog vm={vm} />);
        } else if (action.confirm) {
            const question = action.confirm(vm);
            dialogs.show(<ConfirmVmActionDialog {...question} onConfirm={() => perform(action, vm, true)} />);
        } else {
            void perform(action, vm, false);
        }
    }, [dialogs, perform]);
}
