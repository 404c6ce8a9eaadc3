// Live usage of a running VM.
import { Content } from "@patternfly/react-core";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _, format } from "../../../lib/i18n.ts";
import type { Vm } from "../../../state/vm-types.ts";

export function UsageTab({ vm }: { vm: Vm }) {
    if (!vm.usage) return <Content component="p" id="vm-usage-idle">{_("Usage is shown while the virtual machine runs.")}</Content>;
    return (
        <Content component="p" id="vm-usage-now">
            {format(_("CPU $0 %, memory $1 of $2"), vm.usage.cpuPercent.toFixed(1), formatBytes(vm.usage.memoryUsed * 1024), formatBytes(vm.memory * 1024))}
        </Content>
    );
}
