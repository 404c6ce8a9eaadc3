import { useEffect, useState } from "react";

import { vmUptimeSeconds } from "../../../host/vm-uptime.ts";

/** Seconds since the VM's QEMU started, counted on locally between reads; undefined when not running. */
export function useUptime(uuid: string | undefined, running: boolean): number | undefined {
    const [base, setBase] = useState<{ seconds: number; at: number } | undefined>();
    const [now, setNow] = useState(Date.now());

    useEffect(() => {
        setBase(undefined);
        if (!uuid || !running) return;
        let cancelled = false;
        vmUptimeSeconds(uuid).then(seconds => {
            if (!cancelled && seconds !== undefined) setBase({ seconds, at: Date.now() });
        }, () => undefined); // no ps: the uptime is simply not shown
        const timer = setInterval(() => setNow(Date.now()), 10_000);
        return () => {
            cancelled = true;
            clearInterval(timer);
        };
    }, [uuid, running]);

    return base && base.seconds + Math.round((now - base.at) / 1000);
}
