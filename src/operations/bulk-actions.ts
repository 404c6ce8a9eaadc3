// The actions the VM list offers for many VMs at once, each with the states it applies to: a VM in
// another state is skipped with the reason rather than failed. Run through runBulk, by the page
// and by kvmm alike.
import { _ } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { type DomainState, isActiveState } from "../libvirt/domain-state.ts";
import { LibvirtError } from "../libvirt/errors.ts";
import { type BulkItem, type BulkOptions, runBulk } from "./bulk-run.ts";
import { deleteVmByName } from "./delete-vm.ts";
import { takeSnapshot } from "./snapshots.ts";
import { changeVmMarks, checkMarkName, type MarksChange } from "./vm-marks.ts";
import { type PowerAction, powerVm } from "./vm-power.ts";

export interface BulkTarget {
    connection: ConnectionId;
    name: string;
    /** As last seen: decides whether the action applies. */
    state: DomainState;
    template?: boolean | undefined;
}

export type BulkActionId = "start" | "shutdown" | "forceOff" | "reboot" | "pause" | "resume" | "snapshot" | "tag" | "folder" | "delete";

export const BULK_ACTION_IDS: readonly BulkActionId[] = ["start", "shutdown", "forceOff", "reboot", "pause", "resume", "snapshot", "tag", "folder", "delete"];

/** What the tag and folder actions need besides the VMs. */
export interface BulkInput {
    tag?: string;
    /** null takes the VMs out of their folder. */
    folder?: string | null;
}

const isRunning = (state: DomainState): boolean => state === "running" || state === "blocked";

type PowerBulkActionId = Exclude<BulkActionId, "snapshot" | "tag" | "folder" | "delete">;

const POWER: Record<PowerBulkActionId, PowerAction> = {
    start: "start", shutdown: "shutdown", forceOff: "destroy", reboot: "reboot", pause: "pause", resume: "resume",
};

/** Why the action does not apply to the VM as it is, or undefined when it does. */
export function bulkSkipReason(id: BulkActionId, target: BulkTarget): string | undefined {
    switch (id) {
    case "start":
        if (target.template) return _("A template is not started");
        return isActiveState(target.state) ? _("Already running") : undefined;
    case "shutdown":
    case "reboot":
    case "pause":
        return isRunning(target.state) ? undefined : _("Not running");
    case "forceOff":
        return isActiveState(target.state) ? undefined : _("Already off");
    case "resume":
        return target.state === "paused" ? undefined : _("Not paused");
    case "snapshot":
    case "tag":
    case "folder":
    case "delete":
        return undefined;
    }
}

async function changeMarks(target: BulkTarget, change: MarksChange): Promise<void> {
    const [result] = await changeVmMarks(target.connection, [target.name], change);
    if (result?.error) throw new LibvirtError(result.error);
}

/** Does the action to one VM; deleting takes the disk images the single delete dialog proposes. */
export async function runBulkActionOn(id: BulkActionId, target: BulkTarget, input: BulkInput = {}): Promise<void> {
    switch (id) {
    case "snapshot":
        await takeSnapshot({ connection: target.connection, name: target.name }, undefined);
        return;
    case "tag":
        return changeMarks(target, { add: [{ name: input.tag ?? "" }] });
    case "folder":
        return changeMarks(target, { folder: input.folder ?? null });
    case "delete":
        await deleteVmByName(target.connection, target.name, true);
        return;
    default:
        return powerVm(target.connection, target.name, POWER[id]);
    }
}

/**
 * Runs the action over the VMs, skipping those it does not apply to. A bad tag or folder name is
 * refused before any VM is touched.
 */
export async function runBulkAction<T extends BulkTarget>(id: BulkActionId, targets: readonly T[], input: BulkInput = {},
                                                          options: Omit<BulkOptions<T>, "skip"> = {}): Promise<BulkItem<T>[]> {
    if (id === "tag") checkMarkName(input.tag ?? "", "tag");
    if (id === "folder" && input.folder !== null) checkMarkName(input.folder ?? "", "folder");
    return runBulk(targets, target => runBulkActionOn(id, target, input), { ...options, skip: target => bulkSkipReason(id, target) });
}
