// The guest's clock against the host's (the machine the VM runs on, not the browser's), and
// setting it from the host's: through our agent (agent.ping, time.sync) or qemu-guest-agent
// (libvirt's GetTime and SetTime).
import { useCallback, useEffect, useState } from "react";

import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { runOnHost } from "../../../host/host-command.ts";
import { errorMessage } from "../../../lib/error-message.ts";
import { _ } from "../../../lib/i18n.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { guestTimeMs, setGuestTimeMs } from "../../../libvirt/guest-info.ts";
import type { Vm } from "../../../state/vm-types.ts";

/** How the guest's clock is read and set. */
export interface GuestClockAccess {
    /** The guest's clock, ms since the epoch. */
    read(): Promise<number>;
    set(epochMs: number): Promise<void>;
}

export function agentClockAccess(client: AgentClient): GuestClockAccess {
    return {
        read: async () => (await client.call("agent.ping", {})).timeMs,
        set: async epochMs => {
            await client.call("time.sync", { epochMs });
        },
    };
}

export function qemuAgentClockAccess(vm: Pick<Vm, "connection" | "name" | "path">): GuestClockAccess {
    const path = () => domainPath(vm);
    return {
        read: async () => guestTimeMs(vm.connection, await path()),
        set: async epochMs => setGuestTimeMs(vm.connection, await path(), epochMs),
    };
}

/** The host's clock in ms since the epoch, and performance.now() about when it was read (mid-way). */
async function readHostClock(): Promise<{ epochMs: number; at: number }> {
    const before = performance.now();
    const out = await runOnHost("system", ["date", "+%s%3N"], { what: _("Reading the host's clock"), privileged: false });
    const at = (before + performance.now()) / 2;
    const epochMs = Number(out.trim());
    if (!Number.isSafeInteger(epochMs)) throw new Error(`${_("Reading the host's clock")}: ${out.trim()}`);
    return { epochMs, at };
}

/** Guest minus host, in ms, each clock taken as read mid-way through its round trip. */
async function measureOffset(clock: GuestClockAccess): Promise<number> {
    const host = await readHostClock();
    const before = performance.now();
    const timeMs = await clock.read();
    const guestAt = (before + performance.now()) / 2;
    return timeMs - (host.epochMs + (guestAt - host.at));
}

export interface GuestClockState {
    offsetMs: number | undefined;
    /** What the last setting changed, in ms (guest minus host before it). */
    correctedMs: number | undefined;
    busy: boolean;
    error: string | undefined;
}

/** clock: the same object while the page shows the guest (it is a dependency of the callbacks). */
export function useGuestClock(clock: GuestClockAccess) {
    const [state, setState] = useState<GuestClockState>({ offsetMs: undefined, correctedMs: undefined, busy: true, error: undefined });
    const measure = useCallback(async (): Promise<void> => {
        setState(s => ({ ...s, busy: true, error: undefined }));
        try {
            const offsetMs = await measureOffset(clock);
            setState(s => ({ ...s, offsetMs, busy: false }));
        } catch (e) {
            setState(s => ({ ...s, busy: false, error: errorMessage(e) }));
        }
    }, [clock]);
    useEffect(() => { void measure() }, [measure]);

    const setFromHost = useCallback(async (): Promise<void> => {
        setState(s => ({ ...s, busy: true, error: undefined }));
        try {
            // Measured just before: what the setting corrects.
            const before = await measureOffset(clock);
            const host = await readHostClock();
            await clock.set(Math.round(host.epochMs + (performance.now() - host.at)));
            setState(s => ({ ...s, correctedMs: before }));
            await measure();
        } catch (e) {
            setState(s => ({ ...s, busy: false, error: errorMessage(e) }));
        }
    }, [clock, measure]);

    return { state, measure, setFromHost };
}
