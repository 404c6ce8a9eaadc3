import QUnit from "qunit";

import { sortRows } from "../../src/views/common/table-sort.ts";

interface Row { name: string; size: number; order: number }

const rows: Row[] = [
    { name: "disk10", size: 5, order: 0 },
    { name: "Disk2", size: 100, order: 1 },
    { name: "disk9", size: 5, order: 2 },
    { name: "alpha", size: -1, order: 3 },
];

QUnit.module("table sorting", () => {
    QUnit.test("text sorts as people read it, either way", assert => {
        assert.deepEqual(sortRows(rows, r => r.name, "asc").map(r => r.name), ["alpha", "Disk2", "disk9", "disk10"]);
        assert.deepEqual(sortRows(rows, r => r.name, "desc").map(r => r.name), ["disk10", "disk9", "Disk2", "alpha"]);
    });

    QUnit.test("numbers sort by value; equal keys keep the list's order", assert => {
        assert.deepEqual(sortRows(rows, r => r.size, "asc").map(r => r.order), [3, 0, 2, 1]);
        assert.deepEqual(sortRows(rows, r => r.size, "desc").map(r => r.order), [1, 0, 2, 3], "ties stay in list order when descending too");
    });

    QUnit.test("the list given is left as it was", assert => {
        const before = rows.map(r => r.order);
        sortRows(rows, r => r.name, "asc");
        assert.deepEqual(rows.map(r => r.order), before);
    });
});
