// The order of a table's rows when the user sorts by a column: numbers by value, text as
// people read it ("disk10" after "disk9"), equal keys in the order the list came in.

export type SortDirection = "asc" | "desc";

export type SortKey<T> = (row: T) => string | number;

export function sortRows<T>(rows: readonly T[], key: SortKey<T>, direction: SortDirection): T[] {
    const sign = direction === "asc" ? 1 : -1;
    const keyed = rows.map((row, index) => ({ row, index, key: key(row) }));
    keyed.sort((a, b) => {
        const order = typeof a.key === "number" && typeof b.key === "number"
            ? a.key - b.key
            : String(a.key).localeCompare(String(b.key), undefined, { numeric: true, sensitivity: "base" });
        return order !== 0 ? sign * order : a.index - b.index;
    });
    return keyed.map(k => k.row);
}
