// The VM page's power shortcuts: Shift+S starts a stopped VM or shuts a running one down (which
// asks first), Shift+R reboots, Shift+P pauses or resumes. They act only where the header's
// actions would, and not while an action is under way.
import { _ } from "../../lib/i18n.ts";
import type { PendingAction } from "../../state/pending-actions.ts";
import type { Vm } from "../../state/vm-types.ts";
import type { ShortcutText } from "../common/ShortcutsHelp.tsx";
import { useShortcuts } from "../common/use-shortcuts.ts";
import { useVmAction } from "./use-vm-action.tsx";
import { VM_ACTIONS, type VmActionId } from "./vm-actions.ts";

const BINDINGS: { key: string; actions: VmActionId[] }[] = [
    { key: "S", actions: ["run", "shutdown"] },
    { key: "R", actions: ["reboot"] },
    { key: "P", actions: ["pause", "resume"] },
];

export const POWER_SHORTCUT_TEXTS: ShortcutText[] = [
    { keys: ["Shift", "S"], does: _("Run, or shut down") },
    { keys: ["Shift", "R"], does: _("Reboot") },
    { keys: ["Shift", "P"], does: _("Pause, or resume") },
];

export function usePowerShortcuts(vm: Vm | undefined, pending: PendingAction | undefined): void {
    const runAction = useVmAction();
    useShortcuts(BINDINGS.map(binding => ({
        key: binding.key,
        shift: true,
        run: () => {
            if (!vm || pending) return;
            const action = VM_ACTIONS.find(a => binding.actions.includes(a.id) && a.isEnabled(vm));
            if (action) runAction(action, vm);
        },
    })));
}
