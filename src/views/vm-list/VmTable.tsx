// The VM table. Only the rows in view are rendered, so thousands of VMs scroll, filter and
// sort without delay.
import { Button, Checkbox } from "@patternfly/react-core";
import { AngleDownIcon, AngleRightIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";

import { _, format } from "../../lib/i18n.ts";
import { usePendingActions } from "../../state/pending-actions.ts";
import { COLUMN_LABELS, COLUMN_LAYOUT, COLUMNS } from "./columns.ts";
import type { ListQuery, ListRow, SortColumn } from "./list-query.ts";
import type { Selection } from "./use-selection.ts";
import { VmRow } from "./VmRow.tsx";

const ROW_HEIGHT_ESTIMATE = 49;

interface VmTableProps {
    rows: readonly ListRow[];
    query: ListQuery;
    onSort: (column: SortColumn) => void;
    onToggleGroup: (folder: string) => void;
    selection: Selection;
    /** How many VMs match the filter (with those in collapsed groups). */
    matching: number;
}

const rowKey = (row: ListRow | undefined, index: number): string | number =>
    row === undefined ? index : row.kind === "vm" ? row.vm.key : `folder:${row.folder}`;

/** A folder's heading: its name and count, and the toggle that collapses it. */
function GroupRow({ row, index, measure, onToggle }: { row: Extract<ListRow, { kind: "group" }>; index: number; measure: (element: Element | null) => void;
                                                     onToggle: (folder: string) => void }) {
    const name = row.folder === "" ? _("No folder") : row.folder;
    return (
        <Tr ref={measure} data-index={index} className="vm-group-row" data-folder={row.folder} data-collapsed={row.collapsed ? "true" : "false"}>
            <Td colSpan={COLUMNS.length + 2}>
                <Button variant="plain" className="vm-group-toggle" aria-expanded={!row.collapsed} onClick={() => onToggle(row.folder)}
                        icon={row.collapsed ? <AngleRightIcon /> : <AngleDownIcon />}>
                    <strong>{name}</strong> <span className="vm-group-count">({row.count})</span>
                </Button>
            </Td>
        </Tr>
    );
}

/** Selects every VM matching the filter, or none; shows "some" while only some are selected. */
function SelectAllBox({ selection, matching }: { selection: Selection; matching: number }) {
    const count = selection.vms.length;
    const checked = count === 0 ? false : count === matching ? true : null;
    return (
        <Checkbox id="vm-select-all" isChecked={checked} aria-label={format(_("Select all $0 matching the filter"), matching)}
                  onChange={() => { if (checked === true) selection.clear(); else selection.selectAll() }} />
    );
}

export function VmTable({ rows, query, onSort, onToggleGroup, selection, matching }: VmTableProps) {
    const scrollRef = useRef<HTMLDivElement>(null);
    const pending = usePendingActions();
    const virtualizer = useVirtualizer({
        count: rows.length,
        getScrollElement: () => scrollRef.current,
        estimateSize: () => ROW_HEIGHT_ESTIMATE,
        overscan: 12,
        getItemKey: index => rowKey(rows[index], index),
    });
    const items = virtualizer.getVirtualItems();
    const top = items[0]?.start ?? 0;
    const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

    return (
        <div className="vm-table-scroll" ref={scrollRef}>
            <Table aria-label={_("Virtual machines")} variant="compact" isStickyHeader id="vm-table">
                <Thead>
                    <Tr>
                        <Th className="vm-select" aria-label={_("Selection")}><SelectAllBox selection={selection} matching={matching} /></Th>
                        {COLUMNS.map((column, columnIndex) => (
                            <Th key={column} className={`vm-column-${column}`} {...COLUMN_LAYOUT[column]}
                                sort={{
                                    columnIndex,
                                    sortBy: { index: COLUMNS.indexOf(query.sort), direction: query.direction },
                                    onSort: () => onSort(column),
                                }}>
                                {COLUMN_LABELS[column]}
                            </Th>
                        ))}
                        <Th screenReaderText={_("Actions")} />
                    </Tr>
                </Thead>
                <Tbody>
                    {top > 0 && <tr aria-hidden style={{ height: top }} />}
                    {items.map(item => {
                        const row = rows[item.index];
                        if (row?.kind === "group")
                            return <GroupRow key={item.key} row={row} index={item.index} measure={virtualizer.measureElement} onToggle={onToggleGroup} />;
                        return row && <VmRow key={row.vm.key} vm={row.vm} index={item.index} pending={pending.get(row.vm.key)} measure={virtualizer.measureElement}
                                             selected={selection.keys.has(row.vm.key)} onSelect={selection.toggle} />;
                    })}
                    {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
                </Tbody>
            </Table>
        </div>
    );
}
