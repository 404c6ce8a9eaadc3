// The VM's scheduled actions (systemd timers running kvmm): when they run next and how the last
// run ended; add, change and delete them. Where systemd does not run the host, it says so.
import { Button, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useMemo } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { actionLabel, type Schedule } from "../../../operations/schedule-units.ts";
import { listSchedules, type ScheduleEntry } from "../../../operations/schedules.ts";
import { useData } from "../../../state/use-data.ts";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { Notice } from "../../common/Notice.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { DeleteScheduleDialog, ScheduleDialog } from "./ScheduleDialogs.tsx";

function actionText(s: Schedule): string {
    if (s.action === "snapshot") return format(_("$0, keep $1"), actionLabel(s.action), s.keep ?? 0);
    if (s.action === "shutdown") return format(_("$0, turn off after $1 s"), actionLabel(s.action), s.timeoutSeconds ?? 0);
    return actionLabel(s.action);
}

const COLUMNS: Column<ScheduleEntry>[] = [
    { title: _("Action"), className: "vm-schedule-action", cell: e => e.schedule ? actionText(e.schedule) : e.problem },
    { title: _("When"), className: "vm-schedule-calendar", cell: e => e.schedule?.calendar ?? "—" },
    { title: _("Next run"), className: "vm-schedule-next", cell: e => e.nextRun ?? "—" },
    {
        title: _("Last result"), className: "vm-schedule-last",
        cell: e => e.last ? `${e.last.result === "success" ? _("Succeeded") : format(_("Failed ($0)"), e.last.result)}, ${e.last.endedAt}${e.last.message ? `: ${e.last.message}` : ""}` : _("Not run yet"),
    },
];

export function SchedulesTab({ vm }: VmTabProps) {
    const dialogs = useDialogs();
    const system = vm.connection === "system";
    const list = useData(async () => system ? await listSchedules(vm.name) : undefined, [system, vm.name]);
    const error = useMemo(() => list.error === undefined ? undefined : describeError(list.error), [list.error]);
    if (!system) {
        return <Notice variant="info" isInline id="vm-schedules-session" title={_("Schedules are systemd timers of the host: they act on the system connection's virtual machines only.")} />;
    }
    const entries = list.data?.entries;
    const takenIds = (entries ?? []).map(e => e.id);
    const edit = (schedule?: Schedule) => dialogs.show(<ScheduleDialog vm={vm.name} schedule={schedule} takenIds={takenIds} onDone={list.reload} />);

    return (
        <>
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem>
                        <Button id="vm-schedules-add" variant="secondary" isDisabled={entries === undefined} onClick={() => edit()}>{_("Add schedule")}</Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            {list.data?.systemd === false && (
                <Notice variant="warning" isInline id="vm-schedules-no-systemd" title={_("systemd does not manage this host")}>
                    {_("Schedules are saved as systemd timers, but they will not run until systemd manages the host (it is not PID 1 here).")}
                </Notice>
            )}
            <DataTable id="vm-schedules" label={_("Schedules")} columns={COLUMNS} rows={entries} rowKey={e => e.id}
                       rowProps={e => ({ className: "vm-schedule-row", "data-id": e.id, "data-action": e.schedule?.action ?? "" })}
                       actions={e => (
                           <>
                               {e.schedule && (
                                   <Button variant="link" className="vm-schedule-edit" onClick={() => edit(e.schedule)}>{_("Edit")}</Button>
                               )}
                               {e.schedule && (
                                   <Button variant="link" isDanger className="vm-schedule-delete"
                                           onClick={() => e.schedule && dialogs.show(<DeleteScheduleDialog schedule={e.schedule} onDone={list.reload} />)}>
                                       {_("Delete")}
                                   </Button>
                               )}
                           </>
                       )}
                       empty={{
                           id: "vm-schedules-empty", title: _("No schedules"),
                           body: _("A schedule starts, shuts down, reboots or snapshots the virtual machine at set times, run by the host's systemd even when no page is open."),
                       }}
                       problem={error && { id: "vm-schedules-error", title: _("The schedules could not be read"), error }} />
        </>
    );
}
