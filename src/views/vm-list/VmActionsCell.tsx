// The row's actions: the one that fits the state as a button, all others in a menu.
import { Button, Divider, Dropdown, DropdownItem, DropdownList, MenuToggle, Spinner } from "@patternfly/react-core";
import { EllipsisVIcon } from "@patternfly/react-icons";
import { useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { PendingAction } from "../../state/pending-actions.ts";
import type { Vm } from "../../state/vm-types.ts";
import { useVmAction } from "../vm-actions/use-vm-action.tsx";
import { primaryAction, VM_ACTIONS } from "../vm-actions/vm-actions.ts";

export function VmActionsCell({ vm, pending }: { vm: Vm; pending: PendingAction | undefined }) {
    const [open, setOpen] = useState(false);
    const runAction = useVmAction();
    const primary = primaryAction(vm);

    if (pending) {
        return (
            <span className="vm-pending" data-pending={pending.label}>
                <Spinner size="sm" aria-hidden /> {pending.label}
            </span>
        );
    }
    const others = VM_ACTIONS.filter(a => a !== primary && a.isEnabled(vm));
    const safe = others.filter(a => !a.danger);
    const dangerous = others.filter(a => a.danger);

    return (
        <div className="vm-actions">
            {primary && (
                <Button variant="secondary" size="sm" className={`vm-action-${primary.id}`} onClick={() => runAction(primary, vm)}>
                    {primary.label}
                </Button>
            )}
            <Dropdown isOpen={open} onOpenChange={setOpen} popperProps={{ position: "right", appendTo: () => document.body }}
                      toggle={ref => (
                          <MenuToggle ref={ref} variant="plain" isExpanded={open} onClick={() => setOpen(!open)}
                                      aria-label={format(_("Actions for $0"), vm.name)} className="vm-actions-toggle">
                              <EllipsisVIcon />
                          </MenuToggle>
                      )}>
                <DropdownList>
                    {safe.map(action => (
                        <DropdownItem key={action.id} className={`vm-action-${action.id}`}
                                      onClick={() => { setOpen(false); runAction(action, vm) }}>
                            {action.label}
                        </DropdownItem>
                    ))}
                    {safe.length > 0 && dangerous.length > 0 && <Divider component="li" />}
                    {dangerous.map(action => (
                        <DropdownItem key={action.id} className={`vm-action-${action.id}`} isDanger
                                      onClick={() => { setOpen(false); runAction(action, vm) }}>
                            {action.label}
                        </DropdownItem>
                    ))}
                </DropdownList>
            </Dropdown>
        </div>
    );
}
