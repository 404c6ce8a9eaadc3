// The host at a glance: its facts, VMs by state, who uses it most, what is given against what it
// has, pools, networks, what could be better about the VMs, and its usage over time from the stored history.
import { Gallery, PageSection } from "@patternfly/react-core";

import { useNetworks, useStoragePools } from "../../state/host-resources.ts";
import { useHistoryAvailability } from "../../state/use-history.ts";
import { useVms } from "../../state/use-vms.ts";
import { AlertRulesDialog } from "../alerts/AlertRulesDialog.tsx";
import { AlertsCard } from "../alerts/AlertsCard.tsx";
import { useDialogs } from "../common/dialogs.tsx";
import { SuggestionsCard } from "../suggestions/SuggestionsCard.tsx";
import { HostFactsCard } from "./HostFactsCard.tsx";
import { HostHistory } from "./HostHistory.tsx";
import { NetworksCard, PoolsCard } from "./PoolsNetworksCards.tsx";
import { TopConsumersCard } from "./TopConsumersCard.tsx";
import { useHostFacts, useLatestUsage, useRunningVmsPerNetwork } from "./use-overview-data.ts";
import { AllocationCard, VmCountsCard } from "./VmCountsCard.tsx";

export function OverviewPage() {
    const { vms } = useVms();
    const facts = useHostFacts();
    const latest = useLatestUsage();
    const pools = useStoragePools("system");
    const networks = useNetworks("system");
    // Counted again whenever the set of running VMs changes.
    const runningCount = latest.size;
    const perNetwork = useRunningVmsPerNetwork(runningCount);
    const availability = useHistoryAvailability().data;
    const dialogs = useDialogs();
    return (
        <PageSection id="overview-page" data-ready={facts.data !== undefined && availability !== undefined}>
            <Gallery hasGutter minWidths={{ default: "340px" }}>
                <HostFactsCard facts={facts.data} error={facts.error} />
                <AlertsCard onEditRules={availability?.state === "ready" ? () => dialogs.show(<AlertRulesDialog history={availability.settings} />) : undefined} />
                <VmCountsCard vms={vms} />
                <AllocationCard vms={vms} facts={facts.data} />
                <PoolsCard pools={pools.items} />
                <NetworksCard networks={networks.items} running={perNetwork.data} />
            </Gallery>
            <SuggestionsCard />
            <TopConsumersCard vms={vms} latest={latest} />
            <HostHistory availability={availability} hostMemoryKiB={facts.data?.memory} />
        </PageSection>
    );
}
