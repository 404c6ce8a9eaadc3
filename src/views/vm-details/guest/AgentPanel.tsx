// Everything the running agent offers: power, the guest's details, filesystems, network
// interfaces, commands, files, usage.
import { Button, Gallery, Spinner, Stack } from "@patternfly/react-core";
import { memo, useCallback, useState } from "react";

import { type AgentInfo, EXEC_METHODS, FILE_WRITE_METHODS, type FsUsage, type Metrics } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { _, format } from "../../../lib/i18n.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { Notice } from "../../common/Notice.tsx";
import { AgentPower } from "./AgentPower.tsx";
import { GuestFiles } from "./files/GuestFiles.tsx";
import { GuestDetails } from "./GuestDetails.tsx";
import { GuestFilesystems } from "./GuestFilesystems.tsx";
import { GuestMetrics } from "./GuestMetrics.tsx";
import { GuestNetwork } from "./GuestNetwork.tsx";
import { GuestSection } from "./GuestSection.tsx";
import { RunCommand } from "./RunCommand.tsx";
import { useGuestData } from "./use-guest-data.ts";

/** Why a group of methods is unavailable, or undefined when all are served. */
function disabledReason(disabled: readonly string[], methods: readonly string[], what: string): string | undefined {
    const off = methods.filter(m => disabled.includes(m));
    if (off.length === 0) return undefined;
    return format(_("$0 is disabled by the guest agent's configuration ($1)."), what, off.join(", "));
}

interface AgentToolsProps {
    client: AgentClient;
    info: AgentInfo;
    vmKey: string;
    onMetrics: (metrics: Metrics) => void;
}

/** What the guest offers to do; memoized, as its props stay the same for the connection's life. */
const AgentTools = memo(function AgentTools({ client, info, vmKey, onMetrics }: AgentToolsProps) {
    const exec = disabledReason(info.disabled, EXEC_METHODS, _("Running commands"));
    const write = disabledReason(info.disabled, FILE_WRITE_METHODS, _("Writing files"));
    return (
        <>
            <GuestSection id="guest-section-run" title={_("Run a command")}>
                <RunCommand client={client} disabledReason={exec} />
            </GuestSection>
            <GuestSection id="guest-section-files" title={_("Files")}>
                <GuestFiles client={client} allowedDirectories={info.allowedDirectories} writeDisabled={write} />
            </GuestSection>
            {/* Last: its graphs and process table fill in after the first poll, and would otherwise
                push the sections below them away under the user's pointer. */}
            <GuestSection id="guest-section-metrics" title={_("Usage inside the guest")}>
                {info.methods.includes("guest.get_metrics")
                    ? <GuestMetrics client={client} vmKey={vmKey} onSample={onMetrics} />
                    : <p>{_("This version of the guest agent does not measure usage.")}</p>}
            </GuestSection>
        </>
    );
});

interface AgentPanelProps {
    client: AgentClient;
    vmKey: string;
    /** The VM's NICs in its live XML, to pair with the guest's interfaces by MAC address. */
    vmNics: readonly DomainInterface[];
}

/**
 * Memoized: the Guest tab re-renders every few seconds (its VM's XML and usage are re-read),
 * and nothing of that reaches this panel. The panel itself re-renders as the guest's details
 * are re-read; the tools below them (a directory listing of up to 1000 rows, five charts) do not.
 */
export const AgentPanel = memo(function AgentPanel({ client, vmKey, vmNics }: AgentPanelProps) {
    const data = useGuestData(client);
    // Filesystem usage as the metrics poll (every 2 s) finds it; until then, the first reading.
    const [liveFilesystems, setLiveFilesystems] = useState<FsUsage[]>();
    const onMetrics = useCallback((metrics: Metrics) => setLiveFilesystems(metrics.filesystems), []);
    if (data.error) {
        return (
            <Notice id="guest-agent-error" variant="danger" isInline title={_("The guest agent could not be queried")}
                   actionLinks={<Button variant="link" isInline onClick={data.reload}>{_("Try again")}</Button>}>
                {data.error.message}
            </Notice>
        );
    }
    const info = data.info;
    if (!info) return <Spinner size="lg" aria-label={_("Loading")} />;
    const filesystems = liveFilesystems ?? data.filesystems;
    return (
        <Stack hasGutter id="guest-agent-panel" data-agent-version={info.version}>
            {/* First: everything below fills in as it is read (clock, listing, charts), and would
                move the buttons away under the user's pointer (tests' clicks missed them). */}
            <GuestSection id="guest-section-power" title={_("Power")}>
                <AgentPower client={client} methods={info.methods} />
            </GuestSection>
            <Gallery hasGutter minWidths={{ default: "100%", lg: "45%" }}>
                <GuestSection id="guest-section-system" title={_("System")}>
                    <GuestDetails client={client} info={info} guest={data.guest} users={data.users} />
                </GuestSection>
                <GuestSection id="guest-section-filesystems" title={_("Filesystems")}>
                    {filesystems ? <GuestFilesystems filesystems={filesystems} /> : <p>{_("Not available")}</p>}
                </GuestSection>
            </Gallery>
            {data.guest && (
                <GuestSection id="guest-section-network" title={_("Network interfaces")}>
                    <GuestNetwork interfaces={data.guest.interfaces} vmNics={vmNics} />
                </GuestSection>
            )}
            <AgentTools client={client} info={info} vmKey={vmKey} onMetrics={onMetrics} />
        </Stack>
    );
});
