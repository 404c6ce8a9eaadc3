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
