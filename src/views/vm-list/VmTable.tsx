// The VM table. Only the rows in view are rendered, so thousands of VMs scroll, filter and
// sort without delay.
import { Table, Tbody, Th, Thead, Tr } from "@patternfly/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";

import { _ } from "../../lib/i18n.ts";
import { usePendingActions } from "../../state/pending-actions.ts";
import type { Vm } from "../../state/vm-types.ts";
import { COLUMN_LABELS, COLUMN_LAYOUT, COLUMNS } from "./columns.ts";
import type { ListQuery, SortColumn } from "./list-query.ts";
import { VmRow } from "./VmRow.tsx";

const ROW_HEIGHT_ESTIMATE = 49;

interface VmTableProps {
    vms: readonly Vm[];
    query: ListQuery;
    onSort: (column: SortColumn) => void;
}

export function VmTable({ vms, query, onSort }: VmTableProps) {
    const scrollRef = useRef<HTMLDivElement>(null);
    const pending = usePendingActions();
    const virtualizer = useVirtualizer({
        count: vms.length,
        getScrollElement: () => scrollRef.current,
        estimateSize: () => ROW_HEIGHT_ESTIMATE,
        overscan: 12,
        getItemKey: index => vms[index]?.key ?? index,
    });
    const items = virtualizer.getVirtualItems();
    const top = items[0]?.start ?? 0;
    const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

    return (
        <div className="vm-table-scroll" ref={scrollRef}>
            <Table aria-label={_("Virtual machines")} variant="compact" isStickyHeader id="vm-table">
                <Thead>
                    <Tr>
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
                        const vm = vms[item.index];
                        return vm && <VmRow key={vm.key} vm={vm} index={item.index} pending={pending.get(vm.key)} measure={virtualizer.measureElement} />;
                    })}
                    {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
                </Tbody>
            </Table>
        </div>
    );
}
