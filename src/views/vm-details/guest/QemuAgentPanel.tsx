// The Guest tab when only qemu-guest-agent runs in the guest: what libvirt reads through it,
// its clock (set from the host's by it), shutdown and reboot by it, and what needs our agent instead.
import { DescriptionList, Gallery, Spinner, Stack } from "@patternfly/react-core";
import { type ReactNode, useMemo } from "react";

import type { DescribedError } from "../../../lib/described-error.ts";
import { _ } from "../../../lib/i18n.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import type { GuestFilesystem } from "../../../libvirt/guest-info.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { DetailItem } from "../../common/DetailItem.tsx";
import { Notice } from "../../common/Notice.tsx";
import { GuestClock } from "./GuestClock.tsx";
import { GuestNetwork } from "./GuestNetwork.tsx";
import { GuestSection } from "./GuestSection.tsx";
import { NeedsKvmmAgent } from "./NeedsKvmmAgent.tsx";
import { QemuAgentPower } from "./QemuAgentPower.tsx";
import { qemuAgentClockAccess } from "./use-guest-clock.ts";
import { type Part, useQemuGuestInfo } from "./use-qemu-guest-info.ts";

function Failed({ error }: { error: DescribedError }) {
    return <span className="guest-qga-error">{error.summary}{error.detail ? `: ${error.detail}` : ""}</span>;
}

/** A part's value rendered, its error in plain words, or a spinner until the first answer. */
function show<T>(part: Part<T> | undefined, render: (value: T) => ReactNode): ReactNode {
    if (!part) return <Spinner size="md" aria-label={_("Loading")} />;
    return "error" in part ? <Failed error={part.error} /> : render(part.value);
}

const FILESYSTEM_COLUMNS: Column<GuestFilesystem>[] = [
    { title: _("Mount point"), cell: f => f.mountpoint, sortKey: f => f.mountpoint },
    { title: _("Type"), cell: f => f.fsType },
    { title: _("Guest device"), cell: f => f.device },
    { title: _("Disks"), cell: f => f.disks.join(", ") || "—" },
];

function Filesystems({ filesystems }: { filesystems: GuestFilesystem[] }) {
    return (
        <DataTable id="guest-filesystems" label={_("Filesystems")} columns={FILESYSTEM_COLUMNS} rows={filesystems} rowKey={f => f.mountpoint}
                   rowProps={f => ({ className: "guest-filesystem", "data-mountpoint": f.mountpoint })}
                   empty={{ id: "guest-filesystems-empty", title: _("The guest reports no filesystems on disks.") }} compactStates />
    );
}

interface QemuAgentPanelProps {
    vm: Pick<Vm, "connection" | "name" | "path">;
    /** The VM's NICs in its live XML, to pair with the guest's interfaces by MAC address. */
    vmNics: readonly DomainInterface[];
}

export function QemuAgentPanel({ vm, vmNics }: QemuAgentPanelProps) {
    const info = useQemuGuestInfo(vm);
    const { connection, name, path } = vm;
    const clock = useMemo(() => qemuAgentClockAccess({ connection, name, path }), [connection, name, path]);
    return (
        <Stack hasGutter id="guest-qga-panel">
            <Notice id="guest-qga-status" variant="success" isInline isPlain title={_("qemu-guest-agent is running in the guest")}>
                {_("The details below come from qemu-guest-agent through libvirt. Logged-in users and the operating system are not available this way.")}
            </Notice>
            {/* Above what fills in as libvirt answers, which would move the buttons away under
                the user's pointer (tests' clicks missed them). */}
            <GuestSection id="guest-section-power" title={_("Power")}>
                <QemuAgentPower vm={vm} />
            </GuestSection>
            <Gallery hasGutter minWidths={{ default: "100%", lg: "45%" }}>
                <GuestSection id="guest-section-system" title={_("System")}>
                    <DescriptionList isHorizontal id="guest-details">
                        <DetailItem id="guest-agent-version" term={_("Agent")}>qemu-guest-agent</DetailItem>
                        <DetailItem id="guest-hostname" term={_("Hostname")}>{show(info.hostname, h => h)}</DetailItem>
                        <DetailItem id="guest-addresses" term={_("IP addresses")}>
                            {show(info.addresses, ifaces => {
                                const shown = ifaces.filter(i => i.name !== "lo")
                                    .flatMap(i => i.addresses.map(a => ({ key: `${i.name}-${a.address}`, iface: i.name, ...a })));
                                return shown.length === 0
                                    ? _("None")
                                    : shown.map(a => (
                                        <div key={a.key} className="guest-address" data-address={a.address}>{`${a.address}/${String(a.prefix)} (${a.iface})`}</div>
                                    ));
                            })}
                        </DetailItem>
                        <GuestClock clock={clock} canSet />
                    </DescriptionList>
                </GuestSection>
                <GuestSection id="guest-section-filesystems" title={_("Filesystems")}>
                    {show(info.filesystems, fs => <Filesystems filesystems={fs} />)}
                </GuestSection>
            </Gallery>
            <GuestSection id="guest-section-network" title={_("Network interfaces")}>
                {show(info.addresses, ifaces => <GuestNetwork interfaces={ifaces} vmNics={vmNics} />)}
            </GuestSection>
            <NeedsKvmmAgent />
        </Stack>
    );
}
