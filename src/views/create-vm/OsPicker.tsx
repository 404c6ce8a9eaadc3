// A searchable list of operating systems from osinfo-db, newest first.
import { Menu, MenuContent, MenuItem, MenuList, SearchInput, Spinner } from "@patternfly/react-core";
import { useMemo, useState } from "react";

import { _ } from "../../lib/i18n.ts";
import type { OsInfo } from "../../osinfo/osinfo-parse.ts";

const SHOWN = 60;

interface OsPickerProps {
    list: readonly OsInfo[] | undefined;
    selected: OsInfo | undefined;
    onSelect: (os: OsInfo | undefined) => void;
}

export function OsPicker({ list, selected, onSelect }: OsPickerProps) {
    const [query, setQuery] = useState("");
    const matches = useMemo(() => {
        const q = query.toLocaleLowerCase();
        return (list ?? []).filter(os => !q || os.name.toLocaleLowerCase().includes(q) || os.shortId.includes(q)).slice(0, SHOWN);
    }, [list, query]);

    return (
        <div id="create-vm-os">
            <SearchInput id="create-vm-os-search" placeholder={_("Search operating systems")} value={query}
                         onChange={(_e, v) => setQuery(v)} onClear={() => setQuery("")} />
            {list === undefined
                ? <Spinner size="md" aria-label={_("Loading operating systems")} />
                : (
                    <Menu isScrollable onSelect={(_e, id) => onSelect(list.find(os => os.id === id))} selected={selected?.id ?? ""}>
                        <MenuContent maxMenuHeight="240px">
                            <MenuList>
                                <MenuItem itemId="" key="generic" data-os="" isSelected={!selected} onClick={() => onSelect(undefined)}>
                                    {_("Generic or other operating system")}
                                </MenuItem>
                                {matches.map(os => (
                                    <MenuItem key={os.id} itemId={os.id} data-os={os.shortId} isSelected={selected?.id === os.id}
                                              description={[os.vendor, os.releaseDate?.slice(0, 4)].filter(Boolean).join(", ")}>
                                        {os.name}
                                    </MenuItem>
                                ))}
                            </MenuList>
                        </MenuContent>
                    </Menu>
                )}
        </div>
    );
}
