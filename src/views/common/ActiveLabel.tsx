import { Label } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";

/** Running / Inactive (or a more precise state such as "Degraded") of a pool or network. */
export function ActiveLabel({ active, text }: { active: boolean; text?: string }) {
    return active
        ? <Label isCompact status="success" className="resource-state">{text ?? _("Active")}</Label>
        : <Label isCompact color="grey" className="resource-state">{text ?? _("Inactive")}</Label>;
}
