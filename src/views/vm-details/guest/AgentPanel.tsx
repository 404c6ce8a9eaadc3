// Everything the running agent offers: the guest's details, filesystems, commands, files, power.
import { Alert, Button, Gallery, Spinner, Stack } from "@patternfly/react-core";
import { memo } from "react";

import { EXEC_METHODS, FILE_WRITE_METHODS } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { _, format } from "../../../lib/i18n.ts";

import { AgentPower } from "./AgentPower.tsx";
import { GuestFiles } from "./files/GuestFiles.tsx";
import { GuestDetails } from "./GuestDetails.tsx";
import { GuestFilesystems } from "./GuestFilesystems.tsx";
import { GuestMetrics } from "./GuestMetrics.tsx";
import { GuestSection } from "./GuestSection.tsx";
import { RunCommand } from "./RunCommand.tsx";
import { useGuestData } from "./use-guest-data.ts";

/** Why a group of methods is unavailable, or undefined when all are served. */
function disabledReason(disabled: readonly string[], methods: readonly string[], what: string): string | undefined {
    const off = methods.filter(m => disabled.includes(m));
    if (off.length === 0) return undefined;
    return format(_("$0 is disabled by the guest agent's configuration ($1)."), what, off.join(", "));
}

/**
 * Memoized: the Guest tab re-renders every few seconds (its VM's XML and usage are re-read),
 * and nothing of that reaches this panel; re-rendering it would redraw a directory listing of
 * up to 1000 rows and five charts each time.
 */
export const AgentPanel = memo(function AgentPanel({ client, vmKey }: { client: AgentClient; vmKey: string }) {
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
        <Stack hasGutter id="guest-agent-panel" data-agent-version={info.version}>
            <Gallery hasGutter minWidths={{ default: "100%", lg: "45%" }}>
                <GuestSection id="guest-section-system" title={_("System")}>
                    <GuestDetails client={client} info={info} guest={data.guest} users={data.users} />
                </GuestSection>
                <GuestSection id="guest-section-filesystems" title={_("Filesystems")}>
                    {data.filesystems ? <GuestFilesystems filesystems={data.filesystems} /> : <p>{_("Not available")}</p>}
                </GuestSection>
            </Gallery>
            <GuestSection id="guest-section-run" title={_("Run a command")}>
                <RunCommand client={client} disabledReason={exec} />
            </GuestSection>
            <GuestSection id="guest-section-files" title={_("Files")}>
                <GuestFiles client={client} allowedDirectories={info.allowedDirectories} writeDisabled={write} />
            </GuestSection>
            <GuestSection id="guest-section-power" title={_("Power")}>
                <AgentPower client={client} methods={info.methods} />
            </GuestSection>
            {/* Last: its graphs and process table fill in after the first poll, and would otherwise
                push the controls below them away under the user's pointer. */}
            <GuestSection id="guest-section-metrics" title={_("Usage inside the guest")}>
                {info.methods.includes("guest.get_metrics")
                    ? <GuestMetrics client={client} vmKey={vmKey} />
                    : <p>{_("This version of the guest agent does not measure usage.")}</p>}
            </GuestSection>
        </Stack>
    );
});
