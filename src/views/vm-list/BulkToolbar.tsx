// Shown while VMs are selected: how many, selecting all that match the filter, and the actions
// for all of them at once (each opens the bulk dialog, which asks first and shows the results).
import { Button, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from "@patternfly/react-core";

import { _, format, ngettext } from "../../lib/i18n.ts";
import type { BulkActionId } from "../../operations/bulk-actions.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { BULK_LABELS, BulkActionDialog } from "./BulkActionDialog.tsx";
import type { Selection } from "./use-selection.ts";

const GROUPS: readonly (readonly BulkActionId[])[] = [
    ["start", "shutdown", "forceOff", "reboot", "pause", "resume"],
    ["snapshot", "tag", "folder"],
    ["delete"],
];

export function BulkToolbar({ selection, matching }: { selection: Selection; matching: number }) {
    const dialogs = useDialogs();
    const count = selection.vms.length;
    return (
        <Toolbar id="vm-bulk-toolbar" className="vm-bulk-toolbar">
            <ToolbarContent>
                <ToolbarItem>
                    <span id="vm-bulk-count">{format(ngettext("$0 selected", "$0 selected", count), count)}</span>
                </ToolbarItem>
                {count < matching && (
                    <ToolbarItem>
                        <Button variant="link" isInline id="vm-bulk-select-all" onClick={selection.selectAll}>
                            {format(ngettext("Select the $0 matching the filter", "Select all $0 matching the filter", matching), matching)}
                        </Button>
                    </ToolbarItem>
                )}
                <ToolbarItem>
                    <Button variant="link" isInline id="vm-bulk-clear" onClick={selection.clear}>{_("Clear selection")}</Button>
                </ToolbarItem>
                {GROUPS.map(group => (
                    <ToolbarGroup key={group.join()}>
                        {group.map(id => (
                            <ToolbarItem key={id}>
                                <Button variant={id === "delete" ? "danger" : "secondary"} size="sm" id={`vm-bulk-${id}`}
                                        onClick={() => dialogs.show(<BulkActionDialog action={id} vms={selection.vms} />)}>
                                    {BULK_LABELS[id]}
                                </Button>
                            </ToolbarItem>
                        ))}
                    </ToolbarGroup>
                ))}
            </ToolbarContent>
        </Toolbar>
    );
}
