import { useCallback, useState } from "react";

import { vmUptimeSeconds } from "../../../host/vm-uptime.ts";
import { useData, usePoll } from "../../../state/use-data.ts";

/** Seconds since the VM's QEMU started, counted on locally between reads; undefined when not running. */
export function useUptime(uuid: string | undefined, running: boolean): number | undefined {
    // No ps: the uptime is simply not shown.
    const base = useData(async () => {
        const seconds = uuid && running ? await vmUptimeSeconds(uuid) : undefined;
        return seconds === undefined ? undefined : { seconds, at: Date.now() };
    }, [uuid, running]).data;
    const [now, setNow] = useState(Date.now());
    const tick = useCallback(() => setNow(Date.now()), []);
    usePoll(tick, uuid && running ? 10_000 : undefined);

    return base && base.seconds + Math.round((now - base.at) / 1000);
}
