// The four usage graphs (CPU, memory, disk and network) of a VM or of the host, live or from history.
import { Gallery } from "@patternfly/react-core";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { formatPercent } from "../../../lib/format-number.ts";
import { _ } from "../../../lib/i18n.ts";
import type { UsagePoint } from "../../../state/usage-history.ts";
import { UsageChart } from "./UsageChart.tsx";

const perSecond = (bytes: number): string => `${formatBytes(bytes)}/s`;

interface UsageChartsProps {
    /** The charts' ids are `${idPrefix}-cpu`, `-memory`, `-disk` and `-network`. */
    idPrefix: string;
    points: readonly UsagePoint[];
    /** The memory scale's top, in KiB (the VM's memory or the host's). */
    memoryKiB: number | undefined;
    span: { start: number; end: number } | undefined;
}

export function UsageCharts({ idPrefix, points, memoryKiB, span }: UsageChartsProps) {
    return (
        <Gallery hasGutter minWidths={{ default: "520px" }}>
            <UsageChart id={`${idPrefix}-cpu`} title={_("CPU")} points={points} max={100} span={span}
                        series={[{ name: _("CPU"), value: p => p.cpuPercent }]} formatValue={v => formatPercent(v)} />
            <UsageChart id={`${idPrefix}-memory`} title={_("Memory")} points={points} max={memoryKiB} span={span}
                        series={[{ name: _("Used"), value: p => p.memoryUsed }]} formatValue={v => formatBytes(v * 1024)} />
            <UsageChart id={`${idPrefix}-disk`} title={_("Disk I/O")} points={points} span={span}
                        series={[{ name: _("Read"), value: p => p.diskRead }, { name: _("Write"), value: p => p.diskWrite }]} formatValue={perSecond} />
            <UsageChart id={`${idPrefix}-network`} title={_("Network")} points={points} span={span}
                        series={[{ name: _("Receive"), value: p => p.netRx }, { name: _("Transmit"), value: p => p.netTx }]} formatValue={perSecond} />
        </Gallery>
    );
}
