// The guest's identity as its agent reports it: OS, hostname, kernel, addresses, what hardware
// it sees, how long it has run, its time zone and clock, users.
import { DescriptionList } from "@patternfly/react-core";
import { useMemo } from "react";

import type { AgentInfo, FeatureName, GuestInfo, UsersResult } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { agentCompatibility } from "../../../agent-client/compatibility.ts";
import { formatBytes } from "../../../lib/format-bytes.ts";
import { formatDuration } from "../../../lib/format-duration.ts";
import { _, format, ngettext } from "../../../lib/i18n.ts";
import { DetailItem } from "../../common/DetailItem.tsx";
import { timeZoneText } from "./clock-offset.ts";
import { GuestClock } from "./GuestClock.tsx";
import { agentClockAccess } from "./use-guest-clock.ts";
import { userSessionText } from "./user-sessions.ts";

interface GuestDetailsProps {
    client: AgentClient;
    info: AgentInfo;
    guest: GuestInfo | undefined;
    users: UsersResult | undefined;
}

function featureLabel(name: FeatureName): string {
    const labels: Record<FeatureName, string> = {
        power: _("power"), details: _("system details"), commands: _("commands"), metrics: _("usage"),
        clock: _("clock"), freeze: _("filesystem freeze"), upload: _("uploads"), download: _("downloads"),
        update: _("updates of the agent"),
    };
    return labels[name];
}

/** The agent's version against the one this plugin carries, and what an older one cannot do. */
function AgentVersion({ info }: { info: AgentInfo }) {
    const c = agentCompatibility(info);
    return (
        <>
            <div>{`${info.name} ${info.version}`}</div>
            {c.order < 0 && (
                <div id="guest-agent-outdated" data-needs-update={c.needsUpdate.join(" ")}>
                    {c.needsUpdate.length === 0
                        ? format(_("Version $0 comes with this page."), c.carried)
                        : format(_("Version $0 comes with this page; this agent needs it for: $1."), c.carried, c.needsUpdate.map(featureLabel).join(", "))}
                </div>
            )}
            {c.order > 0 && (
                <div id="guest-agent-newer">{format(_("Newer than this page knows (version $0): it uses what both know."), c.carried)}</div>
            )}
        </>
    );
}

export function GuestDetails({ client, info, guest, users }: GuestDetailsProps) {
    const clock = useMemo(() => agentClockAccess(client), [client]);
    const addresses = (guest?.interfaces ?? [])
        .filter(i => i.name !== "lo")
        .flatMap(i => i.addresses.map(a => ({ key: `${i.name}-${a.address}`, text: `${a.address}/${String(a.prefix)} (${i.name})`, address: a.address })));
    return (
        <DescriptionList isHorizontal id="guest-details">
            <DetailItem id="guest-agent-version" term={_("Agent")}><AgentVersion info={info} /></DetailItem>
            {guest && (
                <>
                    <DetailItem id="guest-os" term={_("Operating system")}>{guest.os.prettyName}</DetailItem>
                    <DetailItem id="guest-hostname" term={_("Hostname")}>{guest.hostname}</DetailItem>
                    <DetailItem id="guest-kernel" term={_("Kernel")}>{`${guest.kernel.release} (${guest.machine})`}</DetailItem>
                    <DetailItem id="guest-addresses" term={_("IP addresses")}>
                        {addresses.length === 0
                            ? _("None")
                            : addresses.map(a => <div key={a.key} className="guest-address" data-address={a.address}>{a.text}</div>)}
                    </DetailItem>
                    <DetailItem id="guest-hardware" term={_("Processors and memory")}>
                        {format(ngettext("$0 CPU, $1", "$0 CPUs, $1", guest.cpus), guest.cpus, formatBytes(guest.memoryBytes))}
                    </DetailItem>
                    <DetailItem id="guest-uptime" term={_("Running for")}>{formatDuration(guest.uptimeSeconds)}</DetailItem>
                    <DetailItem id="guest-timezone" term={_("Time zone")}>{timeZoneText(guest.timezone.name, guest.timezone.offsetMinutes)}</DetailItem>
                </>
            )}
            <GuestClock clock={clock} canSet={info.methods.includes("time.sync")} />
            {users && (
                <DetailItem id="guest-users" term={_("Logged-in users")}>
                    {users.users.length === 0
                        ? _("None")
                        : users.users.map(u => <div key={`${u.user}-${u.terminal}-${String(u.pid ?? "")}`} className="guest-user">{userSessionText(u)}</div>)}
                </DetailItem>
            )}
        </DescriptionList>
    );
}
