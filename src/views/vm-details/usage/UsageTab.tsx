// CPU, memory, disk and network use of a running VM over the last five minutes.
import { Content, Gallery } from "@patternfly/react-core";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _ } from "../../../lib/i18n.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { UsageChart } from "./UsageChart.tsx";
import { useUsageHistory } from "./use-usage-history.ts";

const perSecond = (bytes: number): string => `${formatBytes(bytes)}/s`;

export function UsageTab({ vm }: { vm: Vm }) {
    const points = useUsageHistory(vm.key);
    const running = vm.state === "running" || vm.state === "blocked";
    return (
        <div id="vm-usage">
            {!running && <Content component="p" id="vm-usage-idle">{_("Usage is measured while the virtual machine runs.")}</Content>}
            <Gallery hasGutter minWidths={{ default: "520px" }}>
                <UsageChart id="usage-cpu" title={_("CPU")} points={points} max={100}
                            series={[{ name: _("CPU"), value: p => p.cpuPercent }]} formatValue={v => `${v.toFixed(1)} %`} />
                <UsageChart id="usage-memory" title={_("Memory")} points={points} max={vm.memory}
                            series={[{ name: _("Used"), value: p => p.memoryUsed }]} formatValue={v => formatBytes(v * 1024)} />
                <UsageChart id="usage-disk" title={_("Disk I/O")} points={points}
                            series={[{ name: _("Read"), value: p => p.diskRead }, { name: _("Write"), value: p => p.diskWrite }]} formatValue={perSecond} />
                <UsageChart id="usage-network" title={_("Network")} points={points}
                            series={[{ name: _("Receive"), value: p => p.netRx }, { name: _("Transmit"), value: p => p.netTx }]} formatValue={perSecond} />
            </Gallery>
        </div>
    );
}
