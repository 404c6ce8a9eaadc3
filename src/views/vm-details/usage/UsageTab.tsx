// CPU, memory, disk and network use of a VM: the last five minutes live, or a stored history range.
import { Content, Flex, Spinner } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import type { UsagePoint } from "../../../state/usage-history.ts";
import { useHistory, useHistoryAvailability } from "../../../state/use-history.ts";
import { setLocationOptions, useLocation } from "../../../state/use-location.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { HistoryNotice } from "../../history/HistoryNotice.tsx";
import { HistoryProblem } from "../../history/HistoryProblem.tsx";
import { HistoryRangeToggle, parseShownRange } from "../../history/HistoryRangeToggle.tsx";
import { UsageCharts } from "./UsageCharts.tsx";
import { useUsageHistory } from "./use-usage-history.ts";

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
            <UsageCharts idPrefix="usage" points={points} memoryKiB={vm.memory} span={span} />
        </div>
    );
}
