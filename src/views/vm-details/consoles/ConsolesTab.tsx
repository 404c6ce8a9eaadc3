// The VM's consoles: its graphical display and serial ports.
import { List, ListItem } from "@patternfly/react-core";

import { _, format } from "../../../lib/i18n.ts";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

export function ConsolesTab({ config }: VmTabProps) {
    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;
    return (
        <List id="vm-consoles">
            {live.graphics.map(g => <ListItem key={`g-${g.type}`}>{format(_("Graphical console ($0)"), g.type.toUpperCase())}</ListItem>)}
            {live.serials.map(s => <ListItem key={`${s.kind}-${s.port}`}>{format(_("Serial console $0"), s.port)}</ListItem>)}
        </List>
    );
}
