// The host's CPU, memory, disk and network over a stored history range.
import { Card, CardBody, CardTitle, Flex, Gallery, Spinner } from "@patternfly/react-core";

import type { HistoryAvailability } from "../../host/history.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { formatPercent } from "../../lib/format-number.ts";
import { _ } from "../../lib/i18n.ts";
import type { HistoryRange } from "../../lib/prometheus/promql.ts";
import { useHistory } from "../../state/use-history.ts";
import { setLocationOptions, useLocation } from "../../state/use-location.ts";
import { HistoryNotice } from "../history/HistoryNotice.tsx";
import { HistoryProblem } from "../history/HistoryProblem.tsx";
import { HistoryRangeToggle, parseShownRange } from "../history/HistoryRangeToggle.tsx";
import { UsageChart } from "../vm-details/usage/UsageChart.tsx";

const perSecond = (bytes: number): string => `${formatBytes(bytes)}/s`;

export function HostHistory({ availability, hostMemoryKiB }: { availability: HistoryAvailability | undefined; hostMemoryKiB: number | undefined }) {
    const { options } = useLocation();
    // The host has no live graphs of its own: "live" shows the last hour.
    const chosen = parseShownRange(options.range);
    const range: HistoryRange = chosen === "live" ? "1h" : chosen;
    const history = useHistory(availability, { kind: "host" }, range);
    const data = history.data ?? undefined;
    const points = data?.points ?? [];
    const span = data ? { start: data.start, end: data.end } : undefined;
    return (
        <Card id="overview-history" isCompact data-range={range} data-loaded={data !== undefined}>
            <CardTitle>
                <Flex alignItems={{ default: "alignItemsCenter" }}>
                    <span>{_("Host usage")}</span>
                    <HistoryRangeToggle shown={range} historyReady={availability?.state === "ready"} hideLive
                                        onChange={r => setLocationOptions({ ...options, range: r }, true)} />
                    {history.loading && <Spinner size="md" aria-label={_("Loading history")} />}
                </Flex>
            </CardTitle>
            <CardBody>
                <HistoryNotice availability={availability} />
                <HistoryProblem error={history.error} />
                {availability?.state === "ready" && (
                    <Gallery hasGutter minWidths={{ default: "520px" }}>
                        <UsageChart id="host-cpu" title={_("CPU")} points={points} max={100} span={span}
                                    series={[{ name: _("CPU"), value: p => p.cpuPercent }]} formatValue={v => formatPercent(v)} />
                        <UsageChart id="host-memory" title={_("Memory")} points={points} max={hostMemoryKiB} span={span}
                                    series={[{ name: _("Used"), value: p => p.memoryUsed }]} formatValue={v => formatBytes(v * 1024)} />
                        <UsageChart id="host-disk" title={_("Disk I/O")} points={points} span={span}
                                    series={[{ name: _("Read"), value: p => p.diskRead }, { name: _("Write"), value: p => p.diskWrite }]} formatValue={perSecond} />
                        <UsageChart id="host-network" title={_("Network")} points={points} span={span}
                                    series={[{ name: _("Receive"), value: p => p.netRx }, { name: _("Transmit"), value: p => p.netTx }]} formatValue={perSecond} />
                    </Gallery>
                )}
            </CardBody>
        </Card>
    );
}
