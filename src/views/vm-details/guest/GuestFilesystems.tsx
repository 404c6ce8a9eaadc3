// The guest's mounted filesystems with how full they are.
import { Progress, ProgressMeasureLocation } from "@patternfly/react-core";

import type { FsUsage } from "../../../../agent/src/protocol.ts";
import { formatBytes } from "../../../lib/format-bytes.ts";
import { _, format } from "../../../lib/i18n.ts";

export function GuestFilesystems({ filesystems }: { filesystems: FsUsage[] }) {
    const shown = filesystems.filter(f => f.totalBytes > 0);
    if (shown.length === 0) return <p id="guest-filesystems">{_("The guest reports no filesystems.")}</p>;
    return (
        <div id="guest-filesystems">
            {shown.map(f => (
                <Progress key={f.mountpoint} className="guest-filesystem" data-mountpoint={f.mountpoint}
                          title={`${f.mountpoint} (${f.fsType})`}
                          value={Math.round((f.usedBytes / f.totalBytes) * 100)}
                          measureLocation={ProgressMeasureLocation.outside}
                          label={format(_("$0 of $1 used"), formatBytes(f.usedBytes), formatBytes(f.totalBytes))} />
            ))}
        </div>
    );
}
