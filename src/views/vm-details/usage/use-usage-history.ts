// A VM's usage points of the last five minutes, as the list's stats poll gathers them.
import { useCallback, useSyncExternalStore } from "react";

import { usageHistories } from "../../../state/app-state.ts";
import type { UsagePoint } from "../../../state/usage-history.ts";

export function useUsageHistory(vmKey: string): readonly UsagePoint[] {
    const points = useCallback(() => usageHistories.points(vmKey), [vmKey]);
    return useSyncExternalStore(usageHistories.subscribe, points);
}
