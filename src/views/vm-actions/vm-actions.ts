// Every VM action, described once as data; the row buttons, kebab menu and (later) the details
// page all use this list.
import { _ } from "../../lib/i18n.ts";
import {
    destroyDomain, domainPath, rebootDomain, resetDomain, resumeDomain, shutdownDomain, suspendDomain,
} from "../../libvirt/domain-api.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import { convertToTemplate, convertToVm } from "../../operations/templates.ts";
import { startVm } from "../../operations/vm-power.ts";
import type { Vm } from "../../state/vm-types.ts";

export type VmActionId = "run" | "shutdown" | "forceOff" | "reboot" | "forceReboot" | "pause" | "resume" | "clone" | "export" | "migrate"
    | "delete" | "deploy" | "convertToTemplate" | "convertToVm" | "editMarks";

export interface VmAction {
    id: VmActionId;
    label: string;
    /** Shown on the row while the call runs. */
    progressLabel: string;
    isEnabled(vm: Vm): boolean;
    /** Ask before acting: the question's title and text. */
    confirm?: (vm: Vm) => { title: string; body: string; confirmLabel: string; danger: boolean };
    /** Not set for actions that open their own dialog (clone, export, migrate, delete, deploy). */
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
        isEnabled: vm => !isActiveState(vm.state) && !vm.template,
        run: async vm => startVm(vm.connection, await domainPath(vm), vm.name),
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
        id: "deploy",
        label: _("New VM from template…"),
        progressLabel: _("Deploying…"),
        isEnabled: vm => vm.template === true,
    },
    {
        id: "convertToTemplate",
        label: _("Convert to template"),
        progressLabel: _("Converting…"),
        isEnabled: vm => vm.persistent && !vm.template,
        confirm: vm => ({
            title: _("Convert to a template?"),
            body: _("A template is not started: its disks become read-only, and new virtual machines are deployed from it, as full copies or as linked clones that share its disks. It can be converted back to a virtual machine.") + ` (${vm.name})`,
            confirmLabel: _("Convert to template"),
            danger: false,
        }),
        run: vm => convertToTemplate(vm.connection, vm.name),
    },
    {
        id: "convertToVm",
        label: _("Convert back to VM"),
        progressLabel: _("Converting…"),
        isEnabled: vm => vm.template === true,
        run: vm => convertToVm(vm.connection, vm.name),
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
        id: "editMarks",
        label: _("Tags and folder…"),
        progressLabel: _("Saving…"),
        isEnabled: () => true,
    },
    {
        id: "clone",
        label: _("Clone"),
        progressLabel: _("Cloning…"),
        isEnabled: () => true,
    },
    {
        id: "migrate",
        label: _("Move to another host…"),
        progressLabel: _("Moving…"),
        // Running VMs move live, shut-off ones offline; the system's VMs only (a session has no peer).
        isEnabled: vm => vm.connection === "system" && (isRunning(vm) || !isActiveState(vm.state)),
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
    if (vm.template) return isActiveState(vm.state) ? undefined : vmAction("deploy");
    if (!isActiveState(vm.state)) return vmAction("run");
    return undefined;
}
