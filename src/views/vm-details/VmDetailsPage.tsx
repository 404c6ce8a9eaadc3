// One VM's page: header with state and power actions, and a tab per area. The tab lives in
// the URL, so reload and back keep it.
import { Breadcrumb, BreadcrumbItem, EmptyState, EmptyStateBody, Label, Spinner, Tab, Tabs, TabTitleText, Title } from "@patternfly/react-core";
import { ExclamationCircleIcon } from "@patternfly/react-icons";
import { lazy, Suspense } from "react";

import { cockpit } from "../../lib/cockpit.ts";
import { _, format } from "../../lib/i18n.ts";
import { type ConnectionId, connectionLabel } from "../../libvirt/connection.ts";
import { usePendingActions } from "../../state/pending-actions.ts";
import { setLocationOptions, useLocation } from "../../state/use-location.ts";
import { useVm } from "../../state/use-vm.ts";
import { VmAlertBadge } from "../alerts/AlertBadge.tsx";
import { ShortcutsHelp } from "../common/ShortcutsHelp.tsx";
import { POWER_SHORTCUT_TEXTS, usePowerShortcuts } from "../vm-actions/use-power-shortcuts.ts";
import { VmActionsCell } from "../vm-list/VmActionsCell.tsx";
import { VmStateLabel } from "../vm-list/VmStateLabel.tsx";
import { BackupsTab } from "./backups/BackupsTab.tsx";
import { DisksTab } from "./disks/DisksTab.tsx";
import { HostDevicesTab } from "./host-devices/HostDevicesTab.tsx";
import { NicsTab } from "./nics/NicsTab.tsx";
import { OverviewTab } from "./overview/OverviewTab.tsx";
import { SchedulesTab } from "./schedules/SchedulesTab.tsx";
import { SnapshotsTab } from "./snapshots/SnapshotsTab.tsx";
import { useDomainConfig } from "./use-domain-config.ts";

// The consoles (noVNC, xterm) and the charts are most of the bundle's weight: they load when
// their tab is first opened, so the VM list comes up without them.
const ConsolesTab = lazy(() => import("./consoles/ConsolesTab.tsx").then(m => ({ default: m.ConsolesTab })));
const GuestTab = lazy(() => import("./guest/GuestTab.tsx").then(m => ({ default: m.GuestTab })));
const UsageTab = lazy(() => import("./usage/UsageTab.tsx").then(m => ({ default: m.UsageTab })));

const TABS = ["overview", "disks", "nics", "hostdevs", "snapshots", "backups", "schedules", "usage", "consoles", "guest"] as const;
type TabId = typeof TABS[number];

const TAB_LABELS: Record<TabId, string> = {
    overview: _("Overview"),
    disks: _("Disks"),
    nics: _("Network interfaces"),
    hostdevs: _("Host devices"),
    snapshots: _("Snapshots"),
    backups: _("Backups"),
    schedules: _("Schedules"),
    usage: _("Usage"),
    consoles: _("Console"),
    guest: _("Guest"),
};

export function VmDetailsPage({ connection, name }: { connection: ConnectionId; name: string }) {
    const { vm, loaded } = useVm(connection, name);
    const config = useDomainConfig(vm);
    const pending = usePendingActions();
    const location = useLocation();
    const tab: TabId = TABS.find(t => t === location.options.tab) ?? "overview";
    usePowerShortcuts(vm, vm && pending.get(vm.key));

    const breadcrumb = (
        <Breadcrumb>
            <BreadcrumbItem to="#/" onClick={event => { event.preventDefault(); cockpit.location.go([]) }}>
                {_("Virtual machines")}
            </BreadcrumbItem>
            <BreadcrumbItem isActive>{name}</BreadcrumbItem>
        </Breadcrumb>
    );

    if (!vm) {
        return (
            <section className="vm-details-page" id="vm-details" data-vm-name={name} data-state="missing">
                {breadcrumb}
                {loaded
                    ? (
                        <EmptyState titleText={_("This virtual machine does not exist")} headingLevel="h1" icon={ExclamationCircleIcon} id="vm-details-missing">
                            <EmptyStateBody>
                                {format(_("There is no virtual machine named $0 on the $1 connection. It may have been deleted or renamed."), name, connectionLabel(connection))}
                            </EmptyStateBody>
                        </EmptyState>
                    )
                    : <EmptyState titleText={_("Loading")} headingLevel="h1" icon={Spinner} />}
            </section>
        );
    }

    const renderTab = (id: TabId) => {
        switch (id) {
        case "overview": return <OverviewTab vm={vm} config={config} />;
        case "disks": return <DisksTab vm={vm} config={config} />;
        case "nics": return <NicsTab vm={vm} config={config} />;
        case "hostdevs": return <HostDevicesTab vm={vm} config={config} />;
        case "snapshots": return <SnapshotsTab vm={vm} config={config} />;
        case "backups": return <BackupsTab vm={vm} config={config} />;
        case "schedules": return <SchedulesTab vm={vm} config={config} />;
        case "usage": return <UsageTab vm={vm} />;
        case "consoles": return <ConsolesTab vm={vm} config={config} />;
        case "guest": return <GuestTab vm={vm} config={config} />;
        }
    };

    return (
        <section className="vm-details-page" id="vm-details" data-vm-name={vm.name} data-vm-state={vm.state}>
            {breadcrumb}
            <div className="vm-details-header">
                <Title headingLevel="h1" id="vm-details-name">{vm.name}</Title>
                <VmStateLabel state={vm.state} />
                <VmAlertBadge connection={vm.connection} name={vm.name} />
                {vm.template && <Label isCompact color="purple" className="vm-template-badge">{_("Template")}</Label>}
                <div className="vm-details-actions">
                    <ShortcutsHelp id="vm-details-shortcuts" shortcuts={POWER_SHORTCUT_TEXTS} />
                    <VmActionsCell vm={vm} pending={pending.get(vm.key)} />
                </div>
            </div>
            <Tabs activeKey={tab} onSelect={(_event, key) => setLocationOptions({ tab: key === "overview" ? "" : String(key) }, true)}
                  mountOnEnter unmountOnExit id="vm-details-tabs">
                {TABS.map(id => (
                    <Tab key={id} eventKey={id} id={`vm-tab-${id}`} title={<TabTitleText>{TAB_LABELS[id]}</TabTitleText>}>
                        <div className="vm-details-tab">
                            {tab === id && <Suspense fallback={<Spinner size="lg" aria-label={_("Loading")} />}>{renderTab(id)}</Suspense>}
                        </div>
                    </Tab>
                ))}
            </Tabs>
        </section>
    );
}
