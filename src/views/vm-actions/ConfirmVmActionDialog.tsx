import { ActionDialog } from "../common/ActionDialog.tsx";

interface ConfirmVmActionDialogProps {
    title: string;
    body: string;
    confirmLabel: string;
    danger: boolean;
    onConfirm: () => Promise<void>;
}

export function ConfirmVmActionDialog({ title, body, confirmLabel, danger, onConfirm }: ConfirmVmActionDialogProps) {
    return (
        <ActionDialog id="confirm-vm-action" title={title} submitLabel={confirmLabel} danger={danger} onSubmit={onConfirm}>
            <p>{body}</p>
        </ActionDialog>
    );
}
