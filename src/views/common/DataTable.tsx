// One table for the lists of the host pages and the VM's tabs: columns given as data, rows
// with keys, an actions column, sorting by a column, and the loading, empty and error states
// every list has; for long lists (a pool's volumes) only the rows in view are rendered.
import { EmptyState, EmptyStateBody, Spinner } from "@patternfly/react-core";
import { ExclamationCircleIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, type TdProps, Th, Thead, type ThProps, Tr } from "@patternfly/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, type RefObject, useRef, useState } from "react";

import type { DescribedError } from "../../lib/described-error.ts";
import { _ } from "../../lib/i18n.ts";
import { Notice } from "./Notice.tsx";
import { type SortDirection, type SortKey, sortRows } from "./table-sort.ts";

/** data-* attributes, which tests and styles read. */
export type DataAttributes = Record<`data-${string}`, string | number | undefined>;

export interface Column<T> {
    /** The header, and the cell's label where the table is narrow. */
    title: string;
    cell: (row: T) => ReactNode;
    className?: string;
    /** Attributes of the cell that follow its row. */
    cellData?: (row: T) => DataAttributes;
    /** How the cell's text wraps ("truncate" for long command lines). */
    modifier?: TdProps["modifier"];
    /** Lets the user sort the rows by this value. */
    sortKey?: SortKey<T>;
}

export interface TableProblem {
    /** Where it shows, for tests and links. */
    id: string;
    /** What could not be read, in words; the error's own summary when not given. */
    title?: string;
    /** A DescribedError carries libvirt's message; a string is shown as it is. */
    error: DescribedError | string;
    /** What the user can do about it. */
    hint?: string;
}

export interface TableEmpty {
    id: string;
    title: string;
    body?: ReactNode;
}

export interface DataTableProps<T> {
    id: string;
    label: string;
    columns: readonly Column<T>[];
    /** undefined while the rows are read. */
    rows: readonly T[] | undefined;
    rowKey: (row: T) => string | number;
    rowProps?: (row: T) => DataAttributes & { className?: string };
    /** The row's buttons, in a last column. */
    actions?: (row: T) => ReactNode;
    empty: TableEmpty;
    /** Said while the rows are read. */
    loading?: string;
    /** Why the rows could not be read: instead of the table when none are known, above it otherwise. */
    problem?: TableProblem | null | undefined;
    /** Inside a tab's section rather than a page or tab of its own: smaller states. */
    compactStates?: boolean;
    /** Thousands of rows: a scrolling table of this height (CSS) that renders only the rows in view. */
    virtualHeight?: string;
}

function problemDetail(problem: TableProblem): string {
    if (typeof problem.error === "string") return problem.error;
    return problem.title ? `${problem.error.summary}: ${problem.error.detail}` : problem.error.detail;
}

function problemTitle(problem: TableProblem): string {
    return problem.title ?? (typeof problem.error === "string" ? problem.error : problem.error.summary);
}

function ProblemText({ problem }: { problem: TableProblem }) {
    const detail = problemDetail(problem);
    return (
        <>
            {problem.hint && <p>{problem.hint}</p>}
            {detail !== problemTitle(problem) && <p className="error-detail">{detail}</p>}
        </>
    );
}

interface StateProps { compact: boolean; id: string; title: string; look?: "loading" | "problem"; children?: ReactNode }

function TableState({ compact, id, title, look, children }: StateProps) {
    const icon = look === "problem" ? { icon: ExclamationCircleIcon, status: "danger" as const } : look === "loading" ? { icon: Spinner } : {};
    return (
        <EmptyState titleText={title} headingLevel={compact ? "h4" : "h2"} variant={compact ? "xs" : "full"} id={id} {...icon}>
            {children && <EmptyStateBody>{children}</EmptyStateBody>}
        </EmptyState>
    );
}

function cellLook<T>({ className, modifier }: Column<T>): Pick<TdProps, "className" | "modifier"> {
    return { ...(className ? { className } : {}), ...(modifier ? { modifier } : {}) };
}

interface Sorting { index: number; direction: SortDirection }

interface RowsProps<T> {
    rows: readonly T[];
    columns: readonly Column<T>[];
    rowKey: (row: T) => string | number;
    rowProps: DataTableProps<T>["rowProps"] | undefined;
    actions: DataTableProps<T>["actions"] | undefined;
}

function Row<T>({ row, columns, rowProps, actions }: Omit<RowsProps<T>, "rows" | "rowKey"> & { row: T }) {
    return (
        <Tr {...rowProps?.(row)}>
            {columns.map(c => (
                <Td key={c.title} dataLabel={c.title} {...cellLook(c)} {...c.cellData?.(row)}>
                    {c.cell(row)}
                </Td>
            ))}
            {actions && <Td isActionCell><div className="resource-actions">{actions(row)}</div></Td>}
        </Tr>
    );
}

const ROW_HEIGHT_ESTIMATE = 45;

/** The rows in view of `scroller`, with spacers for the rest (as VmTable does). */
function VirtualRows<T>({ rows, rowKey, scroller, ...rest }: RowsProps<T> & { scroller: RefObject<HTMLDivElement | null> }) {
    const virtualizer = useVirtualizer({
        count: rows.length,
        getScrollElement: () => scroller.current,
        estimateSize: () => ROW_HEIGHT_ESTIMATE,
        overscan: 12,
        // The scroller appears with the first rows and is measured after they render: until then, a screenful.
        initialRect: { width: 0, height: 800 },
        getItemKey: index => { const row = rows[index]; return row === undefined ? index : rowKey(row) },
    });
    const items = virtualizer.getVirtualItems();
    const top = items[0]?.start ?? 0;
    const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
    return (
        <>
            {top > 0 && <tr aria-hidden style={{ height: top }} />}
            {items.map(item => {
                const row = rows[item.index];
                return row === undefined ? null : <Row key={item.key} row={row} {...rest} />;
            })}
            {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
        </>
    );
}

export function DataTable<T>(props: DataTableProps<T>) {
    const { id, label, columns, rows, rowKey, rowProps, actions, empty, loading, problem, compactStates = false, virtualHeight } = props;
    const [sorting, setSorting] = useState<Sorting | null>(null);
    const scroller = useRef<HTMLDivElement>(null);

    if (!rows?.length) {
        if (problem) {
            return (
                <TableState compact={compactStates} id={problem.id} title={problemTitle(problem)} look="problem">
                    <ProblemText problem={problem} />
                </TableState>
            );
        }
        if (!rows) return <TableState compact={compactStates} id={`${id}-loading`} title={loading ?? _("Loading")} look="loading" />;
        return <TableState compact={compactStates} id={empty.id} title={empty.title}>{empty.body}</TableState>;
    }

    const sortKey = sorting ? columns[sorting.index]?.sortKey : undefined;
    const shown = sorting && sortKey ? sortRows(rows, sortKey, sorting.direction) : rows;
    const sortProps = (index: number): NonNullable<ThProps["sort"]> => ({
        columnIndex: index,
        sortBy: sorting ? { index: sorting.index, direction: sorting.direction } : {},
        onSort: (_event, column, direction) => setSorting({ index: column, direction }),
    });

    const table = (
        <Table aria-label={label} variant="compact" id={id} isStickyHeader={virtualHeight !== undefined}>
            <Thead>
                <Tr>
                    {columns.map((c, index) => (
                        <Th key={c.title} {...(c.sortKey ? { sort: sortProps(index) } : {})}>{c.title}</Th>
                    ))}
                    {actions && <Th screenReaderText={_("Actions")} />}
                </Tr>
            </Thead>
            <Tbody>
                {virtualHeight
                    ? <VirtualRows rows={shown} rowKey={rowKey} scroller={scroller} columns={columns} rowProps={rowProps} actions={actions} />
                    : shown.map(row => <Row key={rowKey(row)} row={row} columns={columns} rowProps={rowProps} actions={actions} />)}
            </Tbody>
        </Table>
    );
    return (
        <>
            {problem && <Notice variant="danger" isInline title={problemTitle(problem)} id={problem.id}><ProblemText problem={problem} /></Notice>}
            {virtualHeight ? <div ref={scroller} className="data-table-scroll" style={{ maxHeight: virtualHeight }}>{table}</div> : table}
        </>
    );
}
