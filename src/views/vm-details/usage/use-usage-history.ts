// Samples one running VM's stats every 2 s while the page is visible.
import { useEffect, useState } from "react";

import { cockpit } from "../../../lib/cockpit.ts";
import { pollEvery } from "../../../lib/concurrency.ts";
import { getDomainStats } from "../../../libvirt/domain-api.ts";
import { DETAIL_STATS } from "../../../libvirt/domain-state.ts";
import { describeError, type DescribedError } from "../../../libvirt/errors.ts";
import { type UsagePoint, usageHistory } from "../../../state/usage-history.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { domainPath } from "../../vm-actions/vm-actions.ts";

export const SAMPLE_INTERVAL_MS = 2000;

export function useUsageHistory(vm: Vm): { points: readonly UsagePoint[]; error: DescribedError | undefined } {
    const history = usageHistory(vm.key);
    const [points, setPoints] = useState<readonly UsagePoint[]>(history.points);
    const [error, setError] = useState<DescribedError | undefined>();
    const running = vm.state === "running" || vm.state === "blocked";
    const { connection, name, path } = vm;

    useEffect(() => {
        if (!running) return;
        return pollEvery(SAMPLE_INTERVAL_MS, async () => {
            if (cockpit.hidden) return;
            try {
                const stats = await getDomainStats(connection, await domainPath({ connection, name, path }), name, DETAIL_STATS);
                history.add(stats, Date.now());
                setPoints(history.points);
                setError(undefined);
            } catch (e) {
                setError(describeError(e));
            }
        });
    }, [running, connection, name, path, history]);

    return { points, error };
}
