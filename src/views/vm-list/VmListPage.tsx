// The first page: every VM on every connection, with live state and power actions.
import { Button, Content, EmptyState, EmptyStateBody, EmptyStateFooter, Spinner, Title } from "@patternfly/react-core";
import { ExclamationCircleIcon, VirtualMachineIcon } from "@patternfly/react-icons";
import { useMemo } from "react";

import { _, format, ngettext } from "../../lib/i18n.ts";
import { setLocationOptions, useLocation } from "../../state/use-location.ts";
import { useVms } from "../../state/use-vms.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { ShortcutsHelp, type ShortcutText } from "../common/ShortcutsHelp.tsx";
import { type Shortcut, useShortcuts } from "../common/use-shortcuts.ts";
import { CreateVmDialog } from "../create-vm/CreateVmDialog.tsx";
import { ImportVmDialog } from "../export-import/ImportVmDialog.tsx";
import { BulkToolbar } from "./BulkToolbar.tsx";
import { ConnectionProblems, remedy } from "./ConnectionProblems.tsx";
import { filterAndSort, knownTags, type ListQuery, listRows, queryFromOptions, queryToOptions, type SortColumn } from "./list-query.ts";
import { useSelection } from "./use-selection.ts";
import { VmListToolbar } from "./VmListToolbar.tsx";
import { VmTable } from "./VmTable.tsx";

function countText(total: number, shown: number): string {
    if (shown === total) return format(ngettext("$0 virtual machine", "$0 virtual machines", total), total);
    return format(_("$0 of $1 virtual machines shown"), shown, total);
}

const ROW_LINKS = "#vm-table tr.vm-row td.vm-name a";

/** Focuses the VM name link `step` rows from the focused one (the first or last when none is). */
function moveRowFocus(step: 1 | -1): void {
    const links = [...document.querySelectorAll<HTMLElement>(ROW_LINKS)];
    const at = links.findIndex(link => link === document.activeElement);
    const next = links[at === -1 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step))];
    next?.focus();
    next?.scrollIntoView({ block: "nearest" });
}

const LIST_SHORTCUTS: Shortcut[] = [
    { key: "/", run: () => document.querySelector<HTMLElement>("#vm-filter-name input")?.focus() },
    { key: "ArrowDown", run: () => moveRowFocus(1) },
    { key: "ArrowUp", run: () => moveRowFocus(-1) },
];

export const LIST_SHORTCUT_TEXTS: ShortcutText[] = [
    { keys: ["/"], does: _("Filter by name") },
    { keys: ["↓"], does: _("Next virtual machine") },
    { keys: ["↑"], does: _("Previous virtual machine") },
    { keys: ["Enter"], does: _("Open the virtual machine") },
];

function NoVmsYet() {
    const dialogs = useDialogs();
    return (
        <EmptyState titleText={_("No virtual machines yet")} headingLevel="h2" icon={VirtualMachineIcon} id="vm-list-empty">
            <EmptyStateBody>
                {_("This host has no virtual machines yet. Create one, or define one with virsh or virt-manager: it appears here at once.")}
            </EmptyStateBody>
            <EmptyStateFooter>
                <Button variant="primary" id="create-vm-empty" onClick={() => dialogs.show(<CreateVmDialog connection="system" />)}>{_("Create VM")}</Button>
            </EmptyStateFooter>
        </EmptyState>
    );
}

export function VmListPage() {
    const { vms, connections } = useVms();
    const dialogs = useDialogs();
    useShortcuts(LIST_SHORTCUTS);
    const location = useLocation();
    const query = useMemo(() => queryFromOptions(location.options), [location.options]);
    const shown = useMemo(() => filterAndSort(vms, query), [vms, query]);
    const rows = useMemo(() => listRows(shown, query), [shown, query]);
    const tags = useMemo(() => knownTags(vms), [vms]);
    const rowOrder = useMemo(() => rows.flatMap(row => row.kind === "vm" ? [row.vm] : []), [rows]);
    const selection = useSelection(shown, rowOrder);
    // Typing replaces the history entry; picking a state or a sort order adds one.
    const setQuery = (next: ListQuery): void => setLocationOptions(queryToOptions(next), next.text === query.text);
    const onToggleGroup = (folder: string): void =>
        setQuery({ ...query, collapsed: query.collapsed.includes(folder) ? query.collapsed.filter(f => f !== folder) : [...query.collapsed, folder] });
    const onSort = (column: SortColumn): void =>
        setQuery({ ...query, sort: column, direction: query.sort === column && query.direction === "asc" ? "desc" : "asc" });

    const statuses = [...connections.values()];
    const loading = statuses.length === 0 || statuses.some(s => s.state === "loading");
    const failures = statuses.flatMap(s => s.state === "failed" ? [s.error] : []);
    const ready = statuses.some(s => s.state === "ready");

    let body;
    if (vms.length === 0 && loading) {
        body = <EmptyState titleText={_("Loading virtual machines")} headingLevel="h2" icon={Spinner} id="vm-list-loading" />;
    } else if (vms.length === 0 && !ready && failures[0]) {
        body = (
            <EmptyState titleText={failures[0].summary} headingLevel="h2" icon={ExclamationCircleIcon} status="danger" id="vm-list-unreachable">
                <EmptyStateBody>
                    <p>{remedy(failures[0])}</p>
                    <p className="error-detail">{failures[0].detail}</p>
                </EmptyStateBody>
            </EmptyState>
        );
    } else if (vms.length === 0) {
        body = <NoVmsYet />;
    } else {
        body = (
            <>
                <VmListToolbar query={query} tags={tags} onChange={setQuery} />
                {selection.vms.length > 0 && <BulkToolbar selection={selection} matching={shown.length} />}
                {shown.length === 0
                    ? (
                        <EmptyState titleText={_("No virtual machine matches the filter")} headingLevel="h3" id="vm-list-no-match">
                            <EmptyStateBody>{_("Change or clear the filter to see more.")}</EmptyStateBody>
                        </EmptyState>
                    )
                    : <VmTable rows={rows} query={query} onSort={onSort} onToggleGroup={onToggleGroup} selection={selection} matching={shown.length} />}
            </>
        );
    }

    return (
        <section className="vm-list-page" id="vm-list" data-loaded={loading ? "false" : "true"}
                 data-total={vms.length} data-shown={shown.length}>
            <div className="vm-list-header">
                <Title headingLevel="h1">{_("Virtual machines")}</Title>
                {vms.length > 0 && <Content component="small" id="vm-list-count">{countText(vms.length, shown.length)}</Content>}
                {ready && (
                    <Button variant="primary" id="create-vm-button" className="vm-list-create" onClick={() => dialogs.show(<CreateVmDialog connection="system" />)}>
                        {_("Create VM")}
                    </Button>
                )}
                {ready && (
                    <Button variant="secondary" id="import-vm-button" onClick={() => dialogs.show(<ImportVmDialog connection="system" />)}>
                        {_("Import VM")}
                    </Button>
                )}
                <ShortcutsHelp id="vm-list-shortcuts" shortcuts={LIST_SHORTCUT_TEXTS} />
            </div>
            {(vms.length > 0 || ready) && <ConnectionProblems connections={connections} />}
            {body}
        </section>
    );
}
