// Everything the running agent offers: the guest's details, filesystems, commands, files, power.
import { Alert, Button, Spinner, Title } from "@patternfly/react-core";

import { EXEC_METHODS, FILE_WRITE_METHODS } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { _, format } from "../../../lib/i18n.ts";

import { AgentPower } from "./AgentPower.tsx";
import { FileTransfer } from "./FileTransfer.tsx";
import { GuestDetails } from "./GuestDetails.tsx";
import { GuestFilesystems } from "./GuestFilesystems.tsx";
import { RunCommand } from "./RunCommand.tsx";
import { useGuestData } from "./use-guest-data.ts";

/** Why a group of methods is unavailable, or undefined when all are served. */
function disabledReason(disabled: readonly string[], methods: readonly string[], what: string): string | undefined {
    const off = methods.filter(m => disabled.includes(m));
    if (off.length === 0) return undefined;
    return format(_("$0 is disabled by the guest agent's configuration ($1)."), what, off.join(", "));
}

export function AgentPanel({ client }: { client: AgentClient }) {
    const data = useGuestData(client);
    if (data.error) {
        return (
            <Alert id="guest-agent-error" variant="danger" isInline title={_("The guest agent could not be queried")}
                   actionLinks={<Button variant="link" isInline onClick={data.reload}>{_("Try again")}</Button>}>
                {data.error.message}
            </Alert>
        );
    }
    const info = data.info;
    if (!info) return <Spinner size="lg" aria-label={_("Loading")} />;
    const exec = disabledReason(info.disabled, EXEC_METHODS, _("Running commands"));
    const write = disabledReason(info.disabled, FILE_WRITE_METHODS, _("Writing files"));
    return (
        <div id="guest-agent-panel" data-agent-version={info.version}>
            <GuestDetails info={info} guest={data.guest} users={data.users} />
            <Title headingLevel="h3">{_("Filesystems")}</Title>
            {data.filesystems ? <GuestFilesystems filesystems={data.filesystems} /> : <p>{_("Not available")}</p>}
            <Title headingLevel="h3">{_("Run a command")}</Title>
            <RunCommand client={client} disabledReason={exec} />
            <Title headingLevel="h3">{_("Files")}</Title>
            <p>{format(_("The agent allows files in: $0"), info.allowedDirectories.join(", "))}</p>
            <FileTransfer client={client} uploadDisabled={write} />
            <Title headingLevel="h3">{_("Power")}</Title>
            <AgentPower client={client} methods={info.methods} />
        </div>
    );
}
