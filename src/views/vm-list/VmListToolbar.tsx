import {
    Badge, MenuToggle, SearchInput, Select, SelectList, SelectOption, ToggleGroup, ToggleGroupItem, Toolbar, ToolbarContent, ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../lib/i18n.ts";
import type { VmTag } from "../../libvirt/kvmm-metadata.ts";
import type { Grouping, KindFilter, ListQuery, StateFilter } from "./list-query.ts";

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

const GROUP_LABELS: Record<Grouping, string> = {
    none: _("No grouping"),
    folder: _("Group by folder"),
};

interface VmListToolbarProps {
    query: ListQuery;
    /** Every tag some VM has, to choose from. */
    tags: readonly VmTag[];
    onChange: (query: ListQuery) => void;
}

/** The tags to filter by (several may be chosen), and whether a VM needs any or all of them. */
function TagFilter({ query, tags, onChange }: VmListToolbarProps) {
    const [open, setOpen] = useState(false);
    const toggle = (name: string): void =>
        onChange({ ...query, tags: query.tags.includes(name) ? query.tags.filter(t => t !== name) : [...query.tags, name] });
    return (
        <>
            <ToolbarItem>
                <Select isOpen={open} onOpenChange={setOpen} role="menu" onSelect={(_event, value) => toggle(String(value))}
                        toggle={ref => (
                            <MenuToggle ref={ref} id="vm-filter-tags" onClick={() => setOpen(!open)} isExpanded={open} isDisabled={tags.length === 0 && query.tags.length === 0}
                                        badge={query.tags.length ? <Badge isRead>{query.tags.length}</Badge> : undefined}>
                                {_("Tags")}
                            </MenuToggle>
                        )}>
                    <SelectList>
                        {[...new Set([...tags.map(t => t.name), ...query.tags])].map(name => (
                            <SelectOption key={name} value={name} hasCheckbox isSelected={query.tags.includes(name)} className="vm-filter-tag-option" data-tag={name}>
                                {name}
                            </SelectOption>
                        ))}
                    </SelectList>
                </Select>
            </ToolbarItem>
            {query.tags.length > 1 && (
                <ToolbarItem>
                    <ToggleGroup aria-label={_("VMs with")} id="vm-filter-tag-mode">
                        <ToggleGroupItem text={_("Any tag")} buttonId="vm-filter-tag-mode-any" isSelected={query.tagMode === "any"}
                                         onChange={() => onChange({ ...query, tagMode: "any" })} />
                        <ToggleGroupItem text={_("All tags")} buttonId="vm-filter-tag-mode-all" isSelected={query.tagMode === "all"}
                                         onChange={() => onChange({ ...query, tagMode: "all" })} />
                    </ToggleGroup>
                </ToolbarItem>
            )}
        </>
    );
}

export function VmListToolbar({ query, tags, onChange }: VmListToolbarProps) {
    const [stateOpen, setStateOpen] = useState(false);
    const [kindOpen, setKindOpen] = useState(false);
    const [groupOpen, setGroupOpen] = useState(false);
    return (
        <Toolbar id="vm-list-toolbar">
            <ToolbarContent>
                <ToolbarItem>
                    <SearchInput id="vm-filter-name" placeholder={_("Search name, tags, folder")} aria-label={_("Search name, tags, folder")}
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
                <TagFilter query={query} tags={tags} onChange={onChange} />
                <ToolbarItem>
                    <Select isOpen={groupOpen} selected={query.group} onOpenChange={setGroupOpen}
                            onSelect={(_event, value) => {
                                setGroupOpen(false);
                                onChange({ ...query, group: value as Grouping, collapsed: [] });
                            }}
                            toggle={ref => (
                                <MenuToggle ref={ref} id="vm-group" onClick={() => setGroupOpen(!groupOpen)} isExpanded={groupOpen}>
                                    {GROUP_LABELS[query.group]}
                                </MenuToggle>
                            )}>
                        <SelectList>
                            {(Object.keys(GROUP_LABELS) as Grouping[]).map(group => (
                                <SelectOption key={group} value={group} id={`vm-group-${group}`}>{GROUP_LABELS[group]}</SelectOption>
                            ))}
                        </SelectList>
                    </Select>
                </ToolbarItem>
            </ToolbarContent>
        </Toolbar>
    );
}
