// The alert rules' editor: each rule on or off, its threshold and how long it must hold. Saving
// writes the rules file as root (administrative access) and has Prometheus load it.
import { Button, Checkbox, Form, FormGroup, Grid, GridItem, Skeleton, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { errorMessage } from "../../lib/error-message.ts";
import { _, format } from "../../lib/i18n.ts";
import { ALERT_RULE_KINDS, type AlertRuleId, type AlertSettings, defaultAlertSettings } from "../../lib/prometheus/alert-rules.ts";
import type { HistorySettings } from "../../lib/prometheus/settings.ts";
import { type AlertRulesState, loadAlertRules, saveAlertRules } from "../../operations/alerts.ts";
import { useAdminAccess } from "../../state/use-admin-access.ts";
import { reloadAlerts } from "../../state/use-alerts.ts";
import { useData } from "../../state/use-data.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { Notice } from "../common/Notice.tsx";
import { RULE_TITLES } from "./alert-text.ts";

/** The form holds what was typed: a bad number is refused on saving, with what is wrong. */
type RuleForm = { enabled: boolean; minutes: string; percent: string };
type Form = Record<AlertRuleId, RuleForm>;

const toForm = (settings: AlertSettings): Form => Object.fromEntries(ALERT_RULE_KINDS.map(k => {
    const s = settings[k.id];
    return [k.id, { enabled: s.enabled, minutes: String(s.minutes), percent: s.percent === undefined ? "" : String(s.percent) }];
})) as Form;

const toSettings = (form: Form): AlertSettings => Object.fromEntries(ALERT_RULE_KINDS.map(k => {
    const f = form[k.id];
    const number = (text: string) => (text.trim() === "" ? NaN : Number(text));
    return [k.id, { enabled: f.enabled, minutes: number(f.minutes), ...k.defaults.percent === undefined ? {} : { percent: number(f.percent) } }];
})) as AlertSettings;

function RulesForm({ initial, history }: { initial: AlertRulesState; history: HistorySettings }) {
    const admin = useAdminAccess();
    const [form, setForm] = useState(() => toForm(initial.settings));
    const set = (id: AlertRuleId, change: Partial<RuleForm>) => setForm(f => ({ ...f, [id]: { ...f[id], ...change } }));
    return (
        <ActionDialog id="alert-rules-dialog" title={_("Alert rules")} submitLabel={_("Save")} isSubmitDisabled={admin !== true}
                      onSubmit={async () => {
                          await saveAlertRules(history, toSettings(form));
                          reloadAlerts();
                      }}>
            {admin !== true && <Notice variant="info" isInline title={_("Saving the alert rules needs administrative access.")} />}
            <Form onSubmit={e => e.preventDefault()}>
                {ALERT_RULE_KINDS.map(kind => {
                    const f = form[kind.id];
                    const id = `alert-rule-${kind.id}`;
                    return (
                        <FormGroup key={kind.id} fieldId={`${id}-enabled`} role="group" id={id}>
                            <Checkbox id={`${id}-enabled`} label={RULE_TITLES[kind.id]} isChecked={f.enabled} onChange={(_e, enabled) => set(kind.id, { enabled })} />
                            <Grid hasGutter>
                                {kind.defaults.percent !== undefined && (
                                    <GridItem span={6}>
                                        <TextInput id={`${id}-percent`} aria-label={format(_("$0: threshold (%)"), RULE_TITLES[kind.id])} value={f.percent}
                                                   isDisabled={!f.enabled} onChange={(_e, percent) => set(kind.id, { percent })} customIcon={<>%</>} />
                                    </GridItem>
                                )}
                                <GridItem span={6}>
                                    <TextInput id={`${id}-minutes`} aria-label={format(_("$0: minutes it must hold"), RULE_TITLES[kind.id])} value={f.minutes}
                                               isDisabled={!f.enabled} onChange={(_e, minutes) => set(kind.id, { minutes })} customIcon={<>{_("min")}</>} />
                                </GridItem>
                            </Grid>
                        </FormGroup>
                    );
                })}
                <div>
                    <Button variant="link" isInline id="alert-rules-defaults" onClick={() => setForm(toForm(defaultAlertSettings()))}>{_("Restore the defaults")}</Button>
                </div>
            </Form>
        </ActionDialog>
    );
}

export function AlertRulesDialog({ history }: { history: HistorySettings }) {
    const rules = useData(loadAlertRules, []);
    if (rules.data) return <RulesForm initial={rules.data} history={history} />;
    return (
        <ActionDialog id="alert-rules-dialog" title={_("Alert rules")} submitLabel={_("Save")} isSubmitDisabled onSubmit={() => Promise.resolve()}>
            {rules.error === undefined ? <Skeleton screenreaderText={_("Loading")} />
                : <Notice variant="danger" isInline title={format(_("The alert rules could not be read: $0"), errorMessage(rules.error))} />}
        </ActionDialog>
    );
}
