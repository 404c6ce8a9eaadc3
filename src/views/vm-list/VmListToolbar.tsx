import { MenuToggle, SearchInput, Select, SelectList, SelectOption, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../lib/i18n.ts";
import type { KindFilter, ListQuery, StateFilter } from "./list-query.ts";

const STATE_LABELS: Record<StateFilter, string> = {
    all: _("All states"),
    running: _("Running"),
    shutoff: _("Shut off"),
    paused: _("Paused or suspended"),
    other: _("Crashed or unknown"),
};

const KIND_LABELS: Record<KindFilter, string> = {
    all: _("VMs and templates"),
    vms: _("Virtual machines"),
    templates: _("Templates"),
};

interface VmListToolbarProps {
    query: ListQuery;
    onChange: (query: ListQuery) => void;
}

export function VmListToolbar({ query, onChange }: VmListToolbarProps) {
    const [stateOpen, setStateOpen] = useState(false);
    const [kindOpen, setKindOpen] = useState(false);
    return (
        <Toolbar id="vm-list-toolbar">
            <ToolbarContent>
                <ToolbarItem>
                    <SearchInput id="vm-filter-name" placeholder={_("Filter by name")} aria-label={_("Filter by name")}
                                 value={query.text}
                                 onChange={(_event, text) => onChange({ ...query, text })}
                                 onClear={() => onChange({ ...query, text: "" })} />
                </ToolbarItem>
                <ToolbarItem>
                    <Select isOpen={stateOpen} selected={query.state} onOpenChange={setStateOpen}
                            onSelect={(_event, value) => {
                                setStateOpen(false);
                                onChange({ ...query, state: value as StateFilter });
                            }}
                            toggle={ref => (
                                <MenuToggle ref={ref} id="vm-filter-state" onClick={() => setStateOpen(!stateOpen)} isExpanded={stateOpen}>
                                    {STATE_LABELS[query.state]}
                                </MenuToggle>
                            )}>
                        <SelectList>
                            {(Object.keys(STATE_LABELS) as StateFilter[]).map(state => (
                                <SelectOption key={state} value={state} id={`vm-filter-state-${state}`}>{STATE_LABELS[state]}</SelectOption>
                            ))}
                        </SelectList>
                    </Select>
                </ToolbarItem>
                <ToolbarItem>
                    <Select isOpen={kindOpen} selected={query.kind} onOpenChange={setKindOpen}
                            onSelect={(_event, value) => {
                                setKindOpen(false);
                                onChange({ ...query, kind: value as KindFilter });
                            }}
                            toggle={ref => (
                                <MenuToggle ref={ref} id="vm-filter-kind" onClick={() => setKindOpen(!kindOpen)} isExpanded={kindOpen}>
                                    {KIND_LABELS[query.kind]}
                                </MenuToggle>
                            )}>
                        <SelectList>
                            {(Object.keys(KIND_LABELS) as KindFilter[]).map(kind => (
                                <SelectOption key={kind} value={kind} id={`vm-filter-kind-${kind}`}>{KIND_LABELS[kind]}</SelectOption>
                            ))}
                        </SelectList>
                    </Select>
                </ToolbarItem>
            </ToolbarContent>
        </Toolbar>
    );
}
