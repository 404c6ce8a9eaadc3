// Live graphs of what the guest agent measures inside the guest (the last five minutes, one
// point every 2 s) and the top processes, drawn like the Usage tab's graphs.
import { Gallery, Title } from "@patternfly/react-core";

import type { Metrics } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { formatBytes } from "../../../lib/format-bytes.ts";
import { formatNumber, formatPercent } from "../../../lib/format-number.ts";
import { _, format } from "../../../lib/i18n.ts";
import type { GuestMetricsPoint } from "../../../state/guest-metrics-history.ts";
import { Notice } from "../../common/Notice.tsx";
import { type Series, UsageChart } from "../usage/UsageChart.tsx";
import { GuestProcesses } from "./GuestProcesses.tsx";
import { useGuestMetrics } from "./use-guest-metrics.ts";

type GuestSeries = Series<GuestMetricsPoint>;

const perSecond = (bytes: number): string => `${formatBytes(bytes)}/s`;
const percent = (v: number): string => formatPercent(v);

/** The keys of a per-name record over all points, sorted, so a series is stable while it exists. */
function namesIn(points: readonly GuestMetricsPoint[], pick: (p: GuestMetricsPoint) => object): string[] {
    return [...new Set(points.flatMap(p => Object.keys(pick(p))))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

export function GuestMetrics({ client, vmKey, onSample }: { client: AgentClient; vmKey: string; onSample?: (metrics: Metrics) => void }) {
    const { points, latest, error } = useGuestMetrics(client, vmKey, onSample);
    const cores: GuestSeries[] = namesIn(points, p => p.cores).map(core => ({ name: core, value: p => p.cores[core] ?? 0 }));
    const network: GuestSeries[] = namesIn(points, p => p.net).flatMap(ifc => [
        { name: format(_("$0 receive"), ifc), value: (p: GuestMetricsPoint) => p.net[ifc]?.rx ?? 0 },
        { name: format(_("$0 transmit"), ifc), value: (p: GuestMetricsPoint) => p.net[ifc]?.tx ?? 0 },
    ]);
    return (
        <div id="guest-metrics" data-points={points.length}>
            {error && <Notice id="guest-metrics-error" variant="warning" isInline title={_("The guest agent's metrics could not be read")}>{error}</Notice>}
            <Gallery hasGutter minWidths={{ default: "520px" }}>
                <UsageChart id="guest-metrics-cpu" title={_("CPU per core")} points={points} max={100}
                            series={cores.length > 0 ? cores : [{ name: _("CPU"), value: p => p.cpuPercent }]} formatValue={percent} />
                <UsageChart id="guest-metrics-memory" title={_("Memory")} points={points} {...(latest ? { max: latest.memory.totalBytes } : {})}
                            series={[{ name: _("Used"), value: p => p.memoryUsed }]} formatValue={formatBytes} />
                <UsageChart id="guest-metrics-load" title={_("Load average (1 min)")} points={points}
                            series={[{ name: _("Load"), value: p => p.load1 }]} formatValue={v => formatNumber(v, 2)} />
                <UsageChart id="guest-metrics-disk" title={_("Disk I/O")} points={points}
                            series={[{ name: _("Read"), value: p => p.diskRead }, { name: _("Write"), value: p => p.diskWrite }]} formatValue={perSecond} />
                <UsageChart id="guest-metrics-network" title={_("Network")} points={points}
                            series={network.length > 0 ? network : [{ name: _("Network"), value: () => 0 }]} formatValue={perSecond} />
            </Gallery>
            <Title headingLevel="h4">{_("Top processes")}</Title>
            <GuestProcesses processes={latest?.processes} />
        </div>
    );
}
