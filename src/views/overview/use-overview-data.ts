// What the Overview page reads besides the VM list: host facts and running VMs per network.
import { useSyncExternalStore } from "react";

import { type HostOsFacts,hostOsFacts } from "../../host/host-facts.ts";
import { type LibvirtHostFacts,libvirtHostFacts } from "../../libvirt/host-facts.ts";
import { usageHistories } from "../../state/app-state.ts";
import type { UsagePoint } from "../../state/usage-history.ts";
import { type Data, useData } from "../../state/use-data.ts";
import { runningVmsPerNetwork } from "../common/resource-users.ts";

export type HostFacts = LibvirtHostFacts & HostOsFacts;

const UPTIME_POLL_MS = 60_000;

export function useHostFacts(): Data<HostFacts> {
    return useData(async () => ({ ...await libvirtHostFacts("system"), ...await hostOsFacts() }), [], { pollMs: UPTIME_POLL_MS });
}

export function useRunningVmsPerNetwork(refresh: number): Data<Map<string, number>> {
    return useData(() => runningVmsPerNetwork("system"), [], { refresh: [refresh] });
}

/** Each running VM's newest usage point, by VM key, as the list's stats poll gathers them. */
export function useLatestUsage(): ReadonlyMap<string, UsagePoint> {
    return useSyncExternalStore(usageHistories.subscribe, usageHistories.latest);
}
