// CPU, memory, disk and network use of a VM: the last five minutes live, or a stored history range.
import { Content, Flex, Gallery, Spinner } from "@patternfly/react-core";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { formatPercent } from "../../../lib/format-number.ts";
import { _ } from "../../../lib/i18n.ts";
import type { UsagePoint } from "../../../state/usage-history.ts";
import { useHistory, useHistoryAvailability } from "../../../state/use-history.ts";
import { setLocationOptions, useLocation } from "../../../state/use-location.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { HistoryNotice } from "../../history/HistoryNotice.tsx";
import { HistoryProblem } from "../../history/HistoryProblem.tsx";
import { HistoryRangeToggle, parseShownRange } from "../../history/HistoryRangeToggle.tsx";
import { UsageChart } from "./UsageChart.tsx";
import { useUsageHistory } from "./use-usage-history.ts";

const perSecond = (bytes: number): string => `${formatBytes(bytes)}/s`;

export function UsageTab({ vm }: { vm: Vm }) {
    const live = useUsageHistory(vm.key);
    const { options } = useLocation();
    const shown = parseShownRange(options.range);
    const availability = useHistoryAvailability().data;
    const history = useHistory(availability, { kind: "vm", name: vm.name }, shown === "live" ? undefined : shown);
    const running = vm.state === "running" || vm.state === "blocked";
    const stored = shown !== "live" ? history.data ?? undefined : undefined;
    const points: readonly UsagePoint[] = shown === "live" ? live : stored?.points ?? [];
    const span = stored ? { start: stored.start, end: stored.end } : undefined;
    return (
        <div id="vm-usage" data-range={shown} data-loaded={shown === "live" || stored !== undefined}>
            <Flex alignItems={{ default: "alignItemsCenter" }} className="usage-toolbar">
                <HistoryRangeToggle shown={shown} historyReady={availability?.state === "ready"}
                                    onChange={range => setLocationOptions({ ...options, range: range === "live" ? "" : range }, true)} />
                {shown !== "live" && history.loading && <Spinner size="md" aria-label={_("Loading history")} />}
            </Flex>
            <HistoryNotice availability={availability} />
            <HistoryProblem error={history.error} />
            {shown === "live" && !running && <Content component="p" id="vm-usage-idle">{_("Usage is measured while the virtual machine runs.")}</Content>}
            <Gallery hasGutter minWidths={{ default: "520px" }}>
                <UsageChart id="usage-cpu" title={_("CPU")} points={points} max={100} span={span}
                            series={[{ name: _("CPU"), value: p => p.cpuPercent }]} formatValue={v => formatPercent(v)} />
                <UsageChart id="usage-memory" title={_("Memory")} points={points} max={vm.memory} span={span}
                            series={[{ name: _("Used"), value: p => p.memoryUsed }]} formatValue={v => formatBytes(v * 1024)} />
                <UsageChart id="usage-disk" title={_("Disk I/O")} points={points} span={span}
                            series={[{ name: _("Read"), value: p => p.diskRead }, { name: _("Write"), value: p => p.diskWrite }]} formatValue={perSecond} />
                <UsageChart id="usage-network" title={_("Network")} points={points} span={span}
                            series={[{ name: _("Receive"), value: p => p.netRx }, { name: _("Transmit"), value: p => p.netTx }]} formatValue={perSecond} />
            </Gallery>
        </div>
    );
}
