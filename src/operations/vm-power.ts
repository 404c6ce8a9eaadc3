// Power actions on a VM by name, and waiting until the VM is in the state an action leads to.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import {
    destroyDomain, rebootDomain, resumeDomain, shutdownDomain, startDomain, suspendDomain,
} from "../libvirt/domain-api.ts";
import { type DomainState, stateLabel } from "../libvirt/domain-state.ts";
import { LibvirtError } from "../libvirt/errors.ts";
import { refuseTemplate } from "./templates.ts";
import { findVm, vmState } from "./vms.ts";

export type PowerAction = "start" | "shutdown" | "reboot" | "destroy" | "pause" | "resume";

export const POWER_ACTIONS: readonly PowerAction[] = ["start", "shutdown", "reboot", "destroy", "pause", "resume"];

/** Starts the VM unless it is a template (the page offers no start for one; this stops the rest). */
export async function startVm(conn: ConnectionId, path: string, name: string): Promise<void> {
    await refuseTemplate(conn, path, name);
    await startDomain(conn, path);
}

const RUNS: Record<PowerAction, (conn: ConnectionId, path: string, name: string) => Promise<void>> = {
    start: startVm,
    shutdown: shutdownDomain,
    reboot: rebootDomain,
    destroy: destroyDomain,
    pause: suspendDomain,
    resume: resumeDomain,
};

/** The states an action ends in; reboot ends running again (its restart is not seen from here). */
const ENDS_IN: Record<PowerAction, readonly DomainState[]> = {
    start: ["running", "blocked"],
    shutdown: ["shutoff"],
    reboot: ["running", "blocked"],
    destroy: ["shutoff"],
    pause: ["paused"],
    resume: ["running", "blocked"],
};

export interface PowerOptions {
    /** Wait until the VM is in the state the action leads to, at most this long. */
    waitMs?: number;
    /** How often to look while waiting. */
    pollMs?: number;
    /** shutdown: still on when the wait is over, the VM is turned off (destroyed). */
    force?: boolean;
    /** Nothing is done for a VM already in the state the action leads to (a scheduled start of a running VM). */
    ifNeeded?: boolean;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export async function powerVm(conn: ConnectionId, name: string, action: PowerAction, options: PowerOptions = {}): Promise<void> {
    const path = await findVm(conn, name);
    // A transient VM is gone once it is off: that is the end state too.
    const stateNow = () => vmState(conn, path, name).catch(() => "shutoff" as const);
    if (options.ifNeeded && action !== "reboot" && ENDS_IN[action].includes(await stateNow())) return;
    await RUNS[action](conn, path, name);
    if (options.waitMs === undefined) return;
    const until = Date.now() + options.waitMs;
    for (;;) {
        const state = await stateNow();
        if (ENDS_IN[action].includes(state)) return;
        if (Date.now() >= until) {
            if (action === "shutdown" && options.force) {
                // It may have gone off between the last look and now.
                await destroyDomain(conn, path).catch(async (error: unknown) => { if (await stateNow() !== "shutoff") throw error });
                return;
            }
            throw new LibvirtError({
                kind: "timeout",
                summary: format(_("$0 is still $1 after $2 s"), name, stateLabel(state), Math.round(options.waitMs / 1000)),
                detail: "",
            });
        }
        await sleep(options.pollMs ?? 250);
    }
}
