// VMs by state, each count a link to the VM list filtered so; and what running VMs were given
// against what the host has.
import { Button, Card, CardBody, CardTitle, DescriptionList, Progress, ProgressMeasureLocation } from "@patternfly/react-core";

import { cockpit } from "../../lib/cockpit.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import type { Vm } from "../../state/vm-types.ts";
import { DetailItem } from "../common/DetailItem.tsx";
import { type StateFilter,stateGroup } from "../vm-list/list-query.ts";
import type { HostFacts } from "./use-overview-data.ts";

const GROUPS: { id: Exclude<StateFilter, "all">; label: string }[] = [
    { id: "running", label: _("Running") },
    { id: "paused", label: _("Paused") },
    { id: "shutoff", label: _("Shut off") },
    { id: "other", label: _("Other") },
];

export function VmCountsCard({ vms }: { vms: readonly Vm[] }) {
    const counts = new Map<StateFilter, number>();
    for (const vm of vms) if (!vm.template) counts.set(stateGroup(vm.state), (counts.get(stateGroup(vm.state)) ?? 0) + 1);
    return (
        <Card id="overview-vm-states" isCompact>
            <CardTitle>{_("Virtual machines")}</CardTitle>
            <CardBody>
                <DescriptionList isHorizontal isCompact>
                    {GROUPS.map(g => (
                        <DetailItem key={g.id} id={`overview-state-${g.id}`} term={g.label}>
                            <Button variant="link" isInline data-count={counts.get(g.id) ?? 0}
                                    onClick={() => cockpit.location.go([], { state: g.id })}>
                                {String(counts.get(g.id) ?? 0)}
                            </Button>
                        </DetailItem>
                    ))}
                </DescriptionList>
            </CardBody>
        </Card>
    );
}

const isRunning = (vm: Vm): boolean => vm.state === "running" || vm.state === "blocked" || vm.state === "paused";

export function AllocationCard({ vms, facts }: { vms: readonly Vm[]; facts: HostFacts | undefined }) {
    const running = vms.filter(isRunning);
    const vcpus = running.reduce((n, vm) => n + vm.vcpus, 0);
    const memory = running.reduce((n, vm) => n + vm.memory, 0);
    const t = facts?.topology;
    const hostCpus = t ? t.sockets * t.cores * t.threads : 0;
    const percent = (given: number, has: number): number => has > 0 ? Math.round(given / has * 100) : 0;
    return (
        <Card id="overview-allocation" isCompact>
            <CardTitle>{_("Given to running VMs")}</CardTitle>
            <CardBody>
                <Progress id="overview-alloc-cpu" title={_("vCPUs")} value={Math.min(100, percent(vcpus, hostCpus))} measureLocation={ProgressMeasureLocation.outside}
                          label={format(_("$0 of $1 host CPUs"), vcpus, hostCpus)} variant={vcpus > hostCpus && hostCpus > 0 ? "warning" : undefined} />
                <Progress id="overview-alloc-memory" title={_("Memory")} value={Math.min(100, percent(memory, facts?.memory ?? 0))} measureLocation={ProgressMeasureLocation.outside}
                          label={format(_("$0 of $1"), formatBytes(memory * 1024), formatBytes((facts?.memory ?? 0) * 1024))}
                          variant={facts && memory > facts.memory ? "danger" : undefined} />
            </CardBody>
        </Card>
    );
}
