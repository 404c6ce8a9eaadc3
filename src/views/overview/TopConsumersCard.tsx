// The running VMs using most CPU, memory, disk and network now (the list's live stats).
import { Button, Card, CardBody, CardTitle, Content, Gallery } from "@patternfly/react-core";

import { cockpit } from "../../lib/cockpit.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { formatPercent } from "../../lib/format-number.ts";
import { _ } from "../../lib/i18n.ts";
import type { UsagePoint } from "../../state/usage-history.ts";
import type { Vm } from "../../state/vm-types.ts";

const TOP = 5;

interface Measure {
    id: string;
    title: string;
    value: (p: UsagePoint) => number;
    show: (v: number) => string;
}

const perSecond = (v: number): string => `${formatBytes(v)}/s`;

const MEASURES: Measure[] = [
    { id: "cpu", title: _("CPU"), value: p => p.cpuPercent, show: v => formatPercent(v) },
    { id: "memory", title: _("Memory"), value: p => p.memoryUsed * 1024, show: formatBytes },
    { id: "disk", title: _("Disk I/O"), value: p => p.diskRead + p.diskWrite, show: perSecond },
    { id: "network", title: _("Network"), value: p => p.netRx + p.netTx, show: perSecond },
];

export function TopConsumersCard({ vms, latest }: { vms: readonly Vm[]; latest: ReadonlyMap<string, UsagePoint> }) {
    const byKey = new Map(vms.map(vm => [vm.key, vm]));
    return (
        <Card id="overview-top" isCompact>
            <CardTitle>{_("Top consumers")}</CardTitle>
            <CardBody>
                {latest.size === 0 && <Content component="p">{_("No virtual machine is running.")}</Content>}
                {latest.size > 0 && (
                    <Gallery hasGutter minWidths={{ default: "220px" }}>
                        {MEASURES.map(m => {
                            const top = [...latest].map(([key, p]) => ({ vm: byKey.get(key), value: m.value(p) }))
                                .filter((e): e is { vm: Vm; value: number } => e.vm !== undefined && e.value > 0)
                                .sort((a, b) => b.value - a.value).slice(0, TOP);
                            return (
                                <div key={m.id} id={`overview-top-${m.id}`}>
                                    <Content component="h4">{m.title}</Content>
                                    <ol>
                                        {top.map(e => (
                                            <li key={e.vm.key} data-vm={e.vm.name}>
                                                <Button variant="link" isInline onClick={() => cockpit.location.go(["vm", e.vm.connection, e.vm.name], { tab: "usage" })}>
                                                    {e.vm.name}
                                                </Button>{" "}{m.show(e.value)}
                                            </li>
                                        ))}
                                    </ol>
                                </div>
                            );
                        })}
                    </Gallery>
                )}
            </CardBody>
        </Card>
    );
}
