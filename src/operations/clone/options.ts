// What a clone is asked to be, and the checks of it that need no host: the name, the choices
// that cannot go together.
import { _, format } from "../../lib/i18n.ts";
import { checkVmName } from "../resource-limits.ts";

export interface CloneOptions {
    /** The source VM's name. */
    source: string;
    name: string;
    /** A qcow2 overlay on each of the source's disks instead of a copy: the source must stay unchanged. */
    linked: boolean;
    /** Copy the disks as this snapshot of the source holds them, and the VM as it was defined then. */
    snapshot?: string | undefined;
    /** The source runs: take a snapshot now, copy from it, then delete it. */
    newSnapshot?: boolean | undefined;
    /** The storage pool for the copies; by default each disk's own pool. */
    pool?: string | undefined;
    start: boolean;
    /** Replaces the source's cloud-init user-data in the regenerated seed (deploying a template). */
    userData?: string | undefined;
}

export interface CloneResult {
    name: string;
    /** Host paths of the images made. */
    volumes: string[];
    /** Made, but something around it went wrong (the temporary snapshot could not be deleted). */
    warning?: string;
}

/** "<source>-clone", or with a number when that is taken. */
export function proposeCloneName(source: string, taken: readonly string[]): string {
    const base = `${source}-clone`;
    let name = base;
    for (let i = 2; taken.includes(name); i++) name = `${base}-${String(i)}`;
    return name;
}

/** Why the clone cannot have this name, or null. */
export function checkCloneName(name: string, taken: readonly string[]): string | null {
    return checkVmName(name) ?? (taken.includes(name) ? format(_("A virtual machine named $0 already exists."), name) : null);
}

/** What the source's state and the chosen options rule out, in the user's words. */
export function checkCloneChoices(options: CloneOptions, sourceActive: boolean): string[] {
    const problems: string[] = [];
    const fromSnapshot = options.snapshot !== undefined || options.newSnapshot === true;
    if (options.snapshot !== undefined && options.newSnapshot === true)
        problems.push(_("Clone either from an existing snapshot or from a new one, not both."));
    if (options.linked && fromSnapshot)
        problems.push(_("A linked clone is built on the source's disks as they are now, not on a snapshot: make a full clone from the snapshot instead."));
    else if (options.linked && sourceActive)
        problems.push(format(_("$0 is running: a linked clone is built on its disks, which must not change. Shut it down first."), options.source));
    else if (sourceActive && !fromSnapshot)
        problems.push(format(_("$0 is running: its disks are being written, so a copy of them would not be consistent. Shut it down first, or clone it from a snapshot."), options.source));
    return problems;
}
