// The host's CPU, memory, disk and network over a stored history range.
import { Card, CardBody, CardTitle, Flex, Spinner } from "@patternfly/react-core";

import type { HistoryAvailability } from "../../host/history.ts";
import { _ } from "../../lib/i18n.ts";
import type { HistoryRange } from "../../lib/prometheus/promql.ts";
import { useHistory } from "../../state/use-history.ts";
import { setLocationOptions, useLocation } from "../../state/use-location.ts";
import { HistoryNotice } from "../history/HistoryNotice.tsx";
import { HistoryProblem } from "../history/HistoryProblem.tsx";
import { HistoryRangeToggle, parseShownRange } from "../history/HistoryRangeToggle.tsx";
import { UsageCharts } from "../vm-details/usage/UsageCharts.tsx";

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
                    <UsageCharts idPrefix="host" points={points} memoryKiB={hostMemoryKiB} span={span} />
                )}
            </CardBody>
        </Card>
    );
}
