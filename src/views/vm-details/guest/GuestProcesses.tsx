// The guest's busiest processes, as the agent ranked them over its last sampling interval.
import type { ProcessInfo } from "../../../../agent/src/protocol.ts";
import { formatBytes } from "../../../lib/format-bytes.ts";
import { formatPercent } from "../../../lib/format-number.ts";
import { _ } from "../../../lib/i18n.ts";
import { type Column, DataTable } from "../../common/DataTable.tsx";

const COLUMNS: Column<ProcessInfo>[] = [
    { title: _("PID"), cell: p => p.pid, sortKey: p => p.pid },
    { title: _("Name"), className: "guest-process-name", cell: p => p.name, sortKey: p => p.name },
    { title: _("CPU"), cell: p => formatPercent(p.cpuPercent), sortKey: p => p.cpuPercent },
    { title: _("Memory"), cell: p => formatBytes(p.rssBytes), sortKey: p => p.rssBytes },
    { title: _("User ID"), cell: p => p.uid ?? "—", sortKey: p => p.uid ?? -1 },
    { title: _("Command"), modifier: "truncate", cell: p => p.cmdline || `[${p.name}]` },
];

/** `processes` is undefined until the first measurement. */
export function GuestProcesses({ processes }: { processes: readonly ProcessInfo[] | undefined }) {
    return (
        <DataTable id="guest-processes" label={_("Top processes")} columns={COLUMNS} rows={processes} rowKey={p => p.pid}
                   rowProps={p => ({ className: "guest-process", "data-pid": p.pid, "data-name": p.name })}
                   loading={_("Waiting for the first measurement")}
                   empty={{ id: "guest-processes-empty", title: _("The guest reports no processes.") }} compactStates />
    );
}
