// Every VM action, described once as data; the row buttons, kebab menu and (later) the details
// page all use this list.
import { _ } from "../../lib/i18n.ts";
import {
    destroyDomain, domainPath, rebootDomain, resetDomain, resumeDomain, shutdownDomain, startDomain, suspendDomain,
} from "../../libvirt/domain-api.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import type { Vm } from "../../state/vm-types.ts";

export type VmActionId = "run" | "shutdown" | "forceOff" | "reboot" | "forceReboot" | "pause" | "resume" | "clone" | "export" | "delete";

export interface VmAction {
    id: VmActionId;
    label: string;
    /** Shown on the row while the call runs. */
    progressLabel: string;
    isEnabled(vm: Vm): boolean;
    /** Ask before acting: the question's title and text. */
    confirm?: (vm: Vm) => { title: string; body: string; confirmLabel: string; danger: boolean };
    /** Not set for actions that open their own dialog (clone, export, delete). */
    run?: (vm: Vm) => Promise<void>;
    /** Keep showing progress after the call until the state leaves these (graceful shutdown). */
    pendingWhile?: Vm["state"][];
    danger?: boolean;
}

const isRunning = (vm: Vm): boolean => vm.state === "running" || vm.state === "blocked";

export const VM_ACTIONS: readonly VmAction[] = [
    {
        id: "run",
        label: _("Run"),
        progressLabel: _("Starting…"),
        isEnabled: vm => !isActiveState(vm.state),
        run: async vm => startDomain(vm.connection, await domainPath(vm)),
    },
    {
        id: "resume",
        label: _("Resume"),
        progressLabel: _("Resuming…"),
        isEnabled: vm => vm.state === "paused",
        run: async vm => resumeDomain(vm.connection, await domainPath(vm)),
    },
    {
        id: "shutdown",
        label: _("Shut down"),
        progressLabel: _("Shutting down…"),
        isEnabled: isRunning,
        confirm: vm => ({
            title: _("Shut down the virtual machine?"),
            body: _("The guest operating system is asked to shut down. Unsaved work inside it may be lost if it does not respond.") + ` (${vm.name})`,
            confirmLabel: _("Shut down"),
            danger: false,
        }),
        run: async vm => shutdownDomain(vm.connection, await domainPath(vm)),
        pendingWhile: ["running", "blocked", "shutdown"],
    },
    {
        id: "reboot",
        label: _("Reboot"),
        progressLabel: _("Rebooting…"),
        isEnabled: isRunning,
        run: async vm => rebootDomain(vm.connection, await domainPath(vm)),
    },
    {
        id: "pause",
        label: _("Pause"),
        progressLabel: _("Pausing…"),
        isEnabled: isRunning,
        run: async vm => suspendDomain(vm.connection, await domainPath(vm)),
    },
    {
        id: "forceReboot",
        label: _("Force reboot"),
        progressLabel: _("Resetting…"),
        isEnabled: vm => isRunning(vm) || vm.state === "paused",
        run: async vm => resetDomain(vm.connection, await domainPath(vm)),
        danger: true,
    },
    {
        id: "forceOff",
        label: _("Force off"),
        progressLabel: _("Turning off…"),
        isEnabled: vm => isActiveState(vm.state),
        confirm: vm => ({
            title: _("Force off the virtual machine?"),
            body: _("The virtual machine is stopped at once, like pulling the power cord. Unsaved data in the guest is lost.") + ` (${vm.name})`,
            confirmLabel: _("Force off"),
            danger: true,
        }),
        run: async vm => destroyDomain(vm.connection, await domainPath(vm)),
        danger: true,
    },
    {
        id: "clone",
        label: _("Clone"),
        progressLabel: _("Cloning…"),
        isEnabled: () => true,
    },
    {
        id: "export",
        label: _("Export"),
        progressLabel: _("Exporting…"),
        isEnabled: () => true,
    },
    {
        id: "delete",
        label: _("Delete"),
        progressLabel: _("Deleting…"),
        isEnabled: () => true,
        danger: true,
    },
];

export function vmAction(id: VmActionId): VmAction {
    const action = VM_ACTIONS.find(a => a.id === id);
    if (!action) throw new Error(`unknown action ${id}`);
    return action;
}

/** The one action offered as a button on the row; the rest sit in the menu. */
export function primaryAction(vm: Vm): VmAction | undefined {
    if (vm.state === "paused") return vmAction("resume");
    if (isRunning(vm)) return vmAction("shutdown");
    if (!isActiveState(vm.state)) return vmAction("run");
    return undefined;
}
