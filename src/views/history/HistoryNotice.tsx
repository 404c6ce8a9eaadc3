// Why there is no stored history, and what sets it up.
import { ClipboardCopy, Content } from "@patternfly/react-core";

import type { HistoryAvailability } from "../../host/history.ts";
import { _, format } from "../../lib/i18n.ts";
import { Notice } from "../common/Notice.tsx";

const SETUP_COMMANDS = [
    "sudo apt-get install prometheus prometheus-node-exporter prometheus-libvirt-exporter",
    "sudo bash pkg/host/history.sh",
];

export function HistoryNotice({ availability }: { availability: HistoryAvailability | undefined }) {
    if (!availability || availability.state === "ready") return null;
    if (availability.state === "unreachable") {
        return (
            <Notice id="history-notice" data-state="unreachable" variant="warning" isInline isPlain title={_("Stored history does not answer")}>
                {format(_("$0 did not answer: $1. The live graphs still work."), availability.settings.url, availability.message)}
            </Notice>
        );
    }
    return (
        <Notice id="history-notice" data-state="not-set-up" variant="info" isInline title={_("Stored history is not set up on this host")}>
            <Content component="p">
                {_("The live graphs show the last minutes while this page is open. History over hours and days needs Prometheus with prometheus-libvirt-exporter and prometheus-node-exporter on this host, listening on 127.0.0.1 only. `make run` of KVM Manager sets them up; on an installed host, run as root (Fedora: dnf install golang-github-prometheus golang-github-prometheus-node-exporter):")}
            </Content>
            {SETUP_COMMANDS.map(c => <ClipboardCopy key={c} isReadOnly hoverTip={_("Copy")} clickTip={_("Copied")}>{c}</ClipboardCopy>)}
        </Notice>
    );
}
