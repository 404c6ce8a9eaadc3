// The Overview's alerts: firing ones, then pending ones (their condition holds, not yet for long
// enough), with whom they are about, since when and the value; the rules' editor from here.
import { Button, Card, CardBody, CardHeader, CardTitle, Content, Label } from "@patternfly/react-core";

import { cockpit } from "../../lib/cockpit.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { formatDuration } from "../../lib/format-duration.ts";
import { _, format } from "../../lib/i18n.ts";
import { type ActiveAlert, alertVm, useAlerts } from "../../state/use-alerts.ts";
import { alertSubject, alertTitle, alertValue } from "./alert-text.ts";

function AlertItem({ alert }: { alert: ActiveAlert }) {
    const vm = alertVm(alert);
    const since = new Date(alert.since);
    return (
        <li data-alert={alert.name} data-vm={vm} data-state={alert.state}>
            <Label isCompact color={alert.state === "firing" ? "red" : "orange"}>{alert.state === "firing" ? _("Firing") : _("Pending")}</Label>{" "}
            {vm
                ? <Button variant="link" isInline onClick={() => cockpit.location.go(["vm", "system", vm])}>{vm}</Button>
                : <strong>{alertSubject(alert)}</strong>}
            {": "}{alertTitle(alert)}{" "}<span className="alert-value">{alertValue(alert)}</span>{" "}
            <span className="alert-since" title={since.toLocaleString()}>
                {format(_("for $0"), formatDuration(Math.max(0, (Date.now() - alert.since) / 1000)))}
            </span>
        </li>
    );
}

export function AlertsCard({ onEditRules }: { onEditRules: (() => void) | undefined }) {
    const { data, error, loaded } = useAlerts();
    const alerts = data ?? [];
    return (
        <Card id="overview-alerts" isCompact data-loaded={loaded} data-count={alerts.length}>
            <CardHeader {...onEditRules && { actions: { actions: <Button variant="secondary" size="sm" id="alert-rules-edit" onClick={onEditRules}>{_("Alert rules")}</Button> } }}>
                <CardTitle>{_("Alerts")}</CardTitle>
            </CardHeader>
            <CardBody>
                {error !== undefined && <p className="overview-error">{format(_("The alerts could not be read: $0"), errorMessage(error))}</p>}
                {data === null && <Content component="p">{_("Alerts are evaluated by the history engine, which is not set up on this host.")}</Content>}
                {data && alerts.length === 0 && <Content component="p">{_("No alerts.")}</Content>}
                {alerts.length > 0 && <ul className="overview-alert-list">{alerts.map(a => <AlertItem key={JSON.stringify(a.labels)} alert={a} />)}</ul>}
            </CardBody>
        </Card>
    );
}
