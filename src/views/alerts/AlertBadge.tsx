// A VM's firing alerts as a badge beside its name (the list's row, its page's header).
import { Label } from "@patternfly/react-core";
import { BellIcon } from "@patternfly/react-icons";

import { cockpit } from "../../lib/cockpit.ts";
import { format, ngettext } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { useFiringCount } from "../../state/use-alerts.ts";

export function VmAlertBadge({ connection, name }: { connection: ConnectionId; name: string }) {
    const count = useFiringCount(name);
    // Prometheus's libvirt exporter reads the system connection only.
    if (connection !== "system" || count === 0) return null;
    return (
        <>
            {" "}
            <Label isCompact color="red" icon={<BellIcon />} className="vm-alert-badge" data-count={count} onClick={() => cockpit.location.go(["overview"])}>
                {format(ngettext("$0 alert", "$0 alerts", count), count)}
            </Label>
        </>
    );
}
