// The plugin's top navigation: the host's overview, VMs, storage pools and networks. Each is a place in the URL,
// so back and forward move between them.
import { Badge, Tab, Tabs, TabTitleText } from "@patternfly/react-core";

import { cockpit } from "../../lib/cockpit.ts";
import { _, format, ngettext } from "../../lib/i18n.ts";
import { useFiringCount } from "../../state/use-alerts.ts";

export type Area = "overview" | "vms" | "storage" | "networks";

const AREAS: { id: Area; path: string[]; label: string }[] = [
    { id: "overview", path: ["overview"], label: _("Overview") },
    { id: "vms", path: [], label: _("Virtual machines") },
    { id: "storage", path: ["storage"], label: _("Storage pools") },
    { id: "networks", path: ["networks"], label: _("Networks") },
];

/** The element holding the page a tab shows: the tabs control it, so it must exist for screen readers. */
export const PAGE_ID = "kvmm-page";
/** PatternFly's id for a tab of this navigation. */
export const tabId = (area: Area): string => `pf-tab-${area}-top-nav`;

export function TopNav({ current }: { current: Area }) {
    const firing = useFiringCount();
    return (
        <Tabs component="nav" id="top-nav" className="kvmm-top-nav" activeKey={current} aria-label={_("KVM Manager sections")}
              onSelect={(_event, key) => {
                  const area = AREAS.find(a => a.id === key);
                  // From a pool's page (#/storage/<pool>) the Storage pools tab leads back to the list.
                  if (area && (area.id !== current || cockpit.location.path.length > area.path.length)) cockpit.location.go(area.path);
              }}>
            {AREAS.map(area => (
                <Tab key={area.id} eventKey={area.id} title={<TabTitleText>{area.label}{area.id === "overview" && firing > 0 && <>{" "}
                         <Badge id="nav-alert-count" data-count={firing} screenReaderText={format(ngettext("$0 firing alert", "$0 firing alerts", firing), firing)}>
                             {firing}
                         </Badge></>}</TabTitleText>} tabContentId={PAGE_ID} data-nav={area.id} />
            ))}
        </Tabs>
    );
}
