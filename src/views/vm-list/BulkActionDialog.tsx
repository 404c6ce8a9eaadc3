// One action for the selected VMs: asks first, naming each VM and those the action does not apply
// to, then shows each VM's progress and, when all have ended, what succeeded, failed (with
// libvirt's reason) or was skipped. Cancel stops the VMs not begun yet.
import { Content, FormGroup, Label, List, ListItem, Spinner, TextInput } from "@patternfly/react-core";
import { useRef, useState } from "react";

import { _, format, ngettext } from "../../lib/i18n.ts";
import { type BulkActionId, bulkSkipReason, runBulkAction } from "../../operations/bulk-actions.ts";
import { type BulkItem, type BulkStatus, countByStatus, plannedItems } from "../../operations/bulk-run.ts";
import type { Vm } from "../../state/vm-types.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";

export const BULK_LABELS: Record<BulkActionId, string> = {
    start: _("Start"),
    shutdown: _("Shut down"),
    forceOff: _("Force off"),
    reboot: _("Reboot"),
    pause: _("Pause"),
    resume: _("Resume"),
    snapshot: _("Snapshot"),
    tag: _("Tag…"),
    folder: _("Move to folder…"),
    delete: _("Delete"),
};

const STATUS_LABELS: Record<BulkStatus, string> = {
    waiting: _("Waiting"),
    running: _("Running"),
    succeeded: _("Done"),
    failed: _("Failed"),
    skipped: _("Skipped"),
    cancelled: _("Not begun"),
};

const STATUS_COLOURS: Record<BulkStatus, "grey" | "blue" | "green" | "red" | "orange"> = {
    waiting: "grey", running: "blue", succeeded: "green", failed: "red", skipped: "orange", cancelled: "grey",
};

/** What the action does, said before it runs. */
function explanation(action: BulkActionId): string | null {
    switch (action) {
    case "shutdown": return _("Each guest operating system is asked to shut down.");
    case "forceOff": return _("Each virtual machine is stopped at once, like pulling the power cord. Unsaved data in the guests is lost.");
    case "snapshot": return _("Each virtual machine gets a snapshot named for the date and time.");
    case "delete": return _("Each virtual machine is deleted with its disk images (its writable disks and cloud-init seed; shared installer media are kept). Running ones are forced off first. Their snapshots are deleted too.");
    default: return null;
    }
}

function ItemRow({ item }: { item: BulkItem<Vm> }) {
    const reason = item.error ? `${item.error.summary}: ${item.error.detail}` : item.skipReason;
    return (
        <ListItem className="vm-bulk-item" data-vm-name={item.target.name} data-status={item.status}>
            <strong>{item.target.name}</strong>{" "}
            <Label isCompact color={STATUS_COLOURS[item.status]} className="vm-bulk-status"
                   {...(item.status === "running" ? { icon: <Spinner size="sm" aria-hidden /> } : {})}>
                {STATUS_LABELS[item.status]}
            </Label>
            {reason && <> <span className="vm-bulk-reason">{reason}</span></>}
        </ListItem>
    );
}

function summary(items: readonly BulkItem<Vm>[]): string {
    const c = countByStatus(items);
    return format(_("$0 done, $1 failed, $2 skipped, $3 not begun"), c.succeeded, c.failed, c.skipped, c.cancelled);
}

export function BulkActionDialog({ action, vms }: { action: BulkActionId; vms: readonly Vm[] }) {
    const [items, setItems] = useState<readonly BulkItem<Vm>[]>(() => plannedItems(vms, vm => bulkSkipReason(action, vm)));
    const [ended, setEnded] = useState(false);
    const [tag, setTag] = useState("");
    const [folder, setFolder] = useState("");
    const controller = useRef(new AbortController());
    // The button's label without the ellipsis that says a question follows.
    const verb = BULK_LABELS[action].replace("…", "").trim();
    const text = explanation(action);
    const toRun = items.filter(i => i.status !== "skipped").length;

    const submit = async (): Promise<void> => {
        const input = action === "tag" ? { tag } : action === "folder" ? { folder: folder.trim() === "" ? null : folder } : {};
        await runBulkAction(action, vms, input, { signal: controller.current.signal, onChange: setItems });
        setEnded(true);
    };

    return (
        <ActionDialog id="vm-bulk-dialog" danger={action === "delete" || action === "forceOff"} stayOpenWhenDone
                      title={format(ngettext("$0: $1 virtual machine", "$0: $1 virtual machines", vms.length), verb, vms.length)}
                      submitLabel={verb} onSubmit={submit} isSubmitDisabled={toRun === 0}
                      onCancelRunning={() => controller.current.abort()}>
            {text && !ended && <Content component="p">{text}</Content>}
            {action === "tag" && !ended && (
                <FormGroup label={_("Tag to add")} fieldId="vm-bulk-tag">
                    <TextInput id="vm-bulk-tag" value={tag} onChange={(_e, value) => setTag(value)} />
                </FormGroup>
            )}
            {action === "folder" && !ended && (
                <FormGroup label={_("Folder")} fieldId="vm-bulk-folder">
                    <TextInput id="vm-bulk-folder" value={folder} placeholder={_("None")} onChange={(_e, value) => setFolder(value)} />
                </FormGroup>
            )}
            {ended && <Content component="p" id="vm-bulk-summary">{summary(items)}</Content>}
            <List isPlain className="vm-bulk-items" id="vm-bulk-items">
                {items.map(item => <ItemRow key={item.target.key} item={item} />)}
            </List>
        </ActionDialog>
    );
}
