import { _ } from "../../lib/i18n.ts";
import type { SortColumn } from "./list-query.ts";

export const COLUMNS: readonly SortColumn[] = ["name", "connection", "state", "vcpus", "memory", "cpu", "memoryUsed"];

export const COLUMN_LABELS: Record<SortColumn, string> = {
    name: _("Name"),
    connection: _("Connection"),
    state: _("State"),
    vcpus: _("vCPUs"),
    memory: _("Memory"),
    cpu: _("CPU usage"),
    memoryUsed: _("Memory usage"),
};

/** The name takes the room; short values keep their headers readable. */
export const COLUMN_LAYOUT: Record<SortColumn, { width?: 10 | 15 | 20 | 25 | 30 | 35 | 40; modifier?: "nowrap" }> = {
    name: { width: 25 },
    connection: { modifier: "nowrap" },
    state: { modifier: "nowrap" },
    vcpus: { modifier: "nowrap" },
    memory: { modifier: "nowrap" },
    cpu: { modifier: "nowrap" },
    memoryUsed: { modifier: "nowrap" },
};
