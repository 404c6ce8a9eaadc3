// The host: CPU, memory, whether guests get KVM, versions and uptime.
import { Card, CardBody, CardTitle, DescriptionList, Label, Skeleton } from "@patternfly/react-core";

import { errorMessage } from "../../lib/error-message.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { formatDuration } from "../../lib/format-duration.ts";
import { _, format } from "../../lib/i18n.ts";
import { DetailItem } from "../common/DetailItem.tsx";
import type { HostFacts } from "./use-overview-data.ts";

export function HostFactsCard({ facts, error }: { facts: HostFacts | undefined; error: unknown }) {
    const t = facts?.topology;
    return (
        <Card id="overview-host" isCompact>
            <CardTitle>{_("Host")}</CardTitle>
            <CardBody>
                {error !== undefined && <p className="overview-error">{format(_("The host's facts could not be read: $0"), errorMessage(error))}</p>}
                {!facts && error === undefined && <Skeleton screenreaderText={_("Loading")} />}
                {facts && (
                    <DescriptionList isHorizontal isCompact>
                        <DetailItem id="overview-cpu-model" term={_("CPU")}>{facts.cpuModel || _("unknown")}</DetailItem>
                        {t && <DetailItem id="overview-topology" term={_("Topology")}>
                            {format(_("$0 sockets, $1 cores, $2 threads"), t.sockets, t.cores, t.threads)}
                        </DetailItem>}
                        <DetailItem id="overview-memory" term={_("Memory")}>{formatBytes(facts.memory * 1024)}</DetailItem>
                        <DetailItem id="overview-accel" term={_("Virtualization")}>
                            {facts.kvmUnavailable === undefined
                                ? <Label color="green" data-accel="kvm">{_("KVM")}</Label>
                                : <><Label color="orange" data-accel="tcg">{_("TCG (emulation, slow)")}</Label>{" "}
                                    <span id="overview-kvm-reason">{format(_("KVM is not available: $0"), facts.kvmUnavailable)}</span></>}
                        </DetailItem>
                        <DetailItem id="overview-versions" term={_("Versions")}>
                            {format(_("libvirt $0, QEMU $1"), facts.libvirtVersion, facts.qemuVersion)}
                        </DetailItem>
                        <DetailItem id="overview-uptime" term={_("Up for")}>{formatDuration(facts.uptime)}</DetailItem>
                    </DescriptionList>
                )}
            </CardBody>
        </Card>
    );
}
