// A searchable list of operating systems from osinfo-db, newest first.
import { Menu, MenuContent, MenuItem, MenuList, SearchInput, Spinner } from "@patternfly/react-core";
import { useMemo, useState } from "react";

import { _ } from "../../lib/i18n.ts";
import { genericChoices, osKey } from "../../osinfo/generic-os.ts";
import { searchOs } from "../../osinfo/os-search.ts";
import type { OsInfo } from "../../osinfo/osinfo-parse.ts";

const SHOWN = 60;

interface OsPickerProps {
    list: readonly OsInfo[] | undefined;
    selected: OsInfo | undefined;
    onSelect: (os: OsInfo | undefined) => void;
}

export function OsPicker({ list, selected, onSelect }: OsPickerProps) {
    const [query, setQuery] = useState("");
    const matches = useMemo(() => searchOs(list ?? [], query, SHOWN), [list, query]);
    const generic = useMemo(() => genericChoices(list ?? []), [list]);
    const item = (os: OsInfo, description?: string) => (
        <MenuItem key={osKey(os)} itemId={osKey(os)} data-os={os.shortId} isSelected={selected !== undefined && osKey(selected) === osKey(os)}
                  description={description}>
            {os.name}
        </MenuItem>
    );

    const found = matches.filter(os => !generic.includes(os))
        .map(os => item(os, [os.vendor, os.releaseDate?.slice(0, 4)].filter(Boolean).join(", ")));

    return (
        <div id="create-vm-os">
            <SearchInput id="create-vm-os-search" placeholder={_("Search operating systems")} value={query}
                         onChange={(_e, v) => setQuery(v)} onClear={() => setQuery("")} />
            {list === undefined
                ? <Spinner size="md" aria-label={_("Loading operating systems")} />
                : (
                    <Menu isScrollable onSelect={(_e, id) => onSelect([...generic, ...list].find(os => osKey(os) === id))}
                          selected={selected ? osKey(selected) : ""}>
                        <MenuContent maxMenuHeight="240px">
                            <MenuList>
                                {/* While searching, what matches comes first; the fallbacks follow. */}
                                {query.trim() !== "" && found}
                                {generic.map(os => item(os, _("When the list has no match")))}
                                <MenuItem itemId="" key="other" data-os="" isSelected={!selected} onClick={() => onSelect(undefined)}>
                                    {_("Other operating system")}
                                </MenuItem>
                                {query.trim() === "" && found}
                            </MenuList>
                        </MenuContent>
                    </Menu>
                )}
        </div>
    );
}
