// Add or change a schedule of the VM (action, when, what it keeps or waits for), and delete one.
import { Content, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { describeError, invalidInput } from "../../../libvirt/errors.ts";
import {
    actionLabel, CALENDAR_PRESETS, checkSchedule, DEFAULT_KEEP, DEFAULT_SHUTDOWN_TIMEOUT, newScheduleId, type Schedule, SCHEDULE_ACTIONS, type ScheduleAction,
} from "../../../operations/schedule-units.ts";
import { nextElapse, removeSchedule, saveSchedule } from "../../../operations/schedules.ts";
import { useData } from "../../../state/use-data.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

const CUSTOM = "custom";

interface ScheduleDialogProps {
    vm: string;
    /** The schedule changed; a new one when absent. */
    schedule?: Schedule | undefined;
    takenIds: readonly string[];
    onDone: () => void;
}

/** systemd's answer for the calendar as typed: the next run, or why it is refused. */
function CalendarHelp({ calendar }: { calendar: string }) {
    const next = useData(() => nextElapse(calendar), [calendar]);
    if (next.error !== undefined) {
        const reason = describeError(next.error);
        return <HelperTextItem variant="error" id="schedule-next-run">{reason.detail ? `${reason.summary}: ${reason.detail}` : reason.summary}</HelperTextItem>;
    }
    if (!next.loaded) return <HelperTextItem id="schedule-next-run">{_("Checking…")}</HelperTextItem>;
    return <HelperTextItem id="schedule-next-run">{next.data ? format(_("Next run: $0"), next.data) : _("It does not run again.")}</HelperTextItem>;
}

export function ScheduleDialog({ vm, schedule, takenIds, onDone }: ScheduleDialogProps) {
    const [action, setAction] = useState<ScheduleAction>(schedule?.action ?? "snapshot");
    const initialCalendar = schedule?.calendar ?? CALENDAR_PRESETS[0]?.calendar ?? "";
    const [preset, setPreset] = useState(CALENDAR_PRESETS.some(p => p.calendar === initialCalendar) ? initialCalendar : CUSTOM);
    const [custom, setCustom] = useState(initialCalendar);
    const [keep, setKeep] = useState(String(schedule?.keep ?? DEFAULT_KEEP));
    const [timeout, setTimeoutText] = useState(String(schedule?.timeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT));
    const [id] = useState(() => schedule?.id ?? newScheduleId(takenIds));
    const calendar = preset === CUSTOM ? custom.trim() : preset;
    const edited: Schedule = {
        id, vm, action, calendar,
        ...(action === "snapshot" ? { keep: Number(keep) } : {}),
        ...(action === "shutdown" ? { timeoutSeconds: Number(timeout) } : {}),
    };
    const problem = checkSchedule(edited);

    const submit = async (): Promise<void> => {
        if (problem) throw invalidInput(problem);
        await saveSchedule(edited);
        onDone();
    };

    return (
        <ActionDialog id="schedule-dialog" title={schedule ? _("Change schedule") : _("Add schedule")} submitLabel={_("Save")} onSubmit={submit}
                      isSubmitDisabled={problem !== null}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Action")} fieldId="schedule-action">
                    <FormSelect id="schedule-action" value={action} onChange={(_e, v) => setAction(v as ScheduleAction)}>
                        {SCHEDULE_ACTIONS.map(a => <FormSelectOption key={a} value={a} label={actionLabel(a)} />)}
                    </FormSelect>
                </FormGroup>
                <FormGroup label={_("When")} fieldId="schedule-when">
                    <FormSelect id="schedule-when" value={preset} onChange={(_e, v) => setPreset(v)}>
                        {CALENDAR_PRESETS.map(p => <FormSelectOption key={p.calendar} value={p.calendar} label={p.label} />)}
                        <FormSelectOption value={CUSTOM} label={_("Custom (systemd calendar expression)")} />
                    </FormSelect>
                </FormGroup>
                {preset === CUSTOM && (
                    <FormGroup label={_("Calendar expression")} fieldId="schedule-calendar">
                        <TextInput id="schedule-calendar" value={custom} onChange={(_e, v) => setCustom(v)} />
                    </FormGroup>
                )}
                <FormHelperText>
                    <HelperText>{calendar !== "" && <CalendarHelp calendar={calendar} />}</HelperText>
                </FormHelperText>
                {action === "snapshot" && (
                    <FormGroup label={_("Snapshots to keep")} fieldId="schedule-keep">
                        <TextInput id="schedule-keep" type="number" min={1} value={keep} onChange={(_e, v) => setKeep(v)} />
                    </FormGroup>
                )}
                {action === "shutdown" && (
                    <FormGroup label={_("Turn off after (seconds)")} fieldId="schedule-timeout">
                        <TextInput id="schedule-timeout" type="number" min={1} value={timeout} onChange={(_e, v) => setTimeoutText(v)} />
                    </FormGroup>
                )}
                {problem && <HelperText><HelperTextItem variant="error" id="schedule-problem">{problem}</HelperTextItem></HelperText>}
            </Form>
        </ActionDialog>
    );
}

export function DeleteScheduleDialog({ schedule, onDone }: { schedule: Schedule; onDone: () => void }) {
    const submit = async (): Promise<void> => {
        try {
            await removeSchedule(schedule.id);
        } finally {
            onDone();
        }
    };
    return (
        <ActionDialog id="delete-schedule-dialog" title={_("Delete schedule")} submitLabel={_("Delete")} danger onSubmit={submit}>
            <Content component="p">
                {format(_("$0 of $1 at $2 stops; its timer and service units are removed. Snapshots it took stay."), actionLabel(schedule.action), schedule.vm, schedule.calendar)}
            </Content>
        </ActionDialog>
    );
}
