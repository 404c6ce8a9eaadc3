// The guest's busiest processes, as the agent ranked them over its last sampling interval.
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import type { ProcessInfo } from "../../../../agent/src/protocol.ts";
import { formatBytes } from "../../../lib/format-bytes.ts";
import { _ } from "../../../lib/i18n.ts";

export function GuestProcesses({ processes }: { processes: readonly ProcessInfo[] }) {
    return (
        <Table id="guest-processes" aria-label={_("Top processes")} variant="compact">
            <Thead>
                <Tr>
                    <Th>{_("PID")}</Th>
                    <Th>{_("Name")}</Th>
                    <Th>{_("CPU")}</Th>
                    <Th>{_("Memory")}</Th>
                    <Th>{_("User ID")}</Th>
                    <Th>{_("Command")}</Th>
                </Tr>
            </Thead>
            <Tbody>
                {processes.map(p => (
                    <Tr key={p.pid} className="guest-process" data-pid={p.pid} data-name={p.name}>
                        <Td dataLabel={_("PID")}>{p.pid}</Td>
                        <Td dataLabel={_("Name")} className="guest-process-name">{p.name}</Td>
                        <Td dataLabel={_("CPU")}>{`${p.cpuPercent.toFixed(1)} %`}</Td>
                        <Td dataLabel={_("Memory")}>{formatBytes(p.rssBytes)}</Td>
                        <Td dataLabel={_("User ID")}>{p.uid ?? "—"}</Td>
                        <Td dataLabel={_("Command")} modifier="truncate">{p.cmdline || `[${p.name}]`}</Td>
                    </Tr>
                ))}
            </Tbody>
        </Table>
    );
}
