// The "Keyboard shortcuts" button of a page, with the page's shortcuts in a popover.
import { Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Popover } from "@patternfly/react-core";
import { KeyboardIcon } from "@patternfly/react-icons";

import { _ } from "../../lib/i18n.ts";

export interface ShortcutText {
    /** The keys as pressed, one <kbd> each: ["Shift", "S"]. */
    keys: string[];
    does: string;
}

export function ShortcutsHelp({ id, shortcuts }: { id: string; shortcuts: readonly ShortcutText[] }) {
    return (
        <Popover headerContent={_("Keyboard shortcuts")} id={`${id}-popover`} bodyContent={
            <DescriptionList isCompact isHorizontal>
                {shortcuts.map(s => (
                    <DescriptionListGroup key={s.keys.join("+")}>
                        <DescriptionListTerm>{s.keys.map((k, i) => <span key={k}>{i > 0 && "+"}<kbd>{k}</kbd></span>)}</DescriptionListTerm>
                        <DescriptionListDescription>{s.does}</DescriptionListDescription>
                    </DescriptionListGroup>
                ))}
            </DescriptionList>
        }>
            <Button variant="plain" id={id} icon={<KeyboardIcon />} aria-label={_("Keyboard shortcuts")} />
        </Popover>
    );
}
