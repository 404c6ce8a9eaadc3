// The guest's clock against the host's (the machine the VM runs on, not the browser's), and
// setting it from the host's through the agent's time.sync.
import { useCallback, useEffect, useState } from "react";

import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { runOnHost } from "../../../host/host-command.ts";
import { errorMessage } from "../../../lib/error-message.ts";
import { _ } from "../../../lib/i18n.ts";

/** The host's clock in ms since the epoch, and performance.now() about when it was read (mid-way). */
async function readHostClock(): Promise<{ epochMs: number; at: number }> {
    const before = performance.now();
    const out = await runOnHost("system", ["date", "+%s%3N"], { what: _("Reading the host's clock"), privileged: false });
    const at = (before + performance.now()) / 2;
    const epochMs = Number(out.trim());
    if (!Number.isSafeInteger(epochMs)) throw new Error(`${_("Reading the host's clock")}: ${out.trim()}`);
    return { epochMs, at };
}

/** Guest minus host, in ms: agent.ping answers with the guest's clock. */
async function measureOffset(client: AgentClient): Promise<number> {
    const host = await readHostClock();
    const before = performance.now();
    const { timeMs } = await client.call("agent.ping", {});
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

export function useGuestClock(client: AgentClient) {
    const [state, setState] = useState<GuestClockState>({ offsetMs: undefined, correctedMs: undefined, busy: true, error: undefined });
    const measure = useCallback(async (): Promise<void> => {
        setState(s => ({ ...s, busy: true, error: undefined }));
        try {
            const offsetMs = await measureOffset(client);
            setState(s => ({ ...s, offsetMs, busy: false }));
        } catch (e) {
            setState(s => ({ ...s, busy: false, error: errorMessage(e) }));
        }
    }, [client]);
    useEffect(() => { void measure() }, [measure]);

    const setFromHost = useCallback(async (): Promise<void> => {
        setState(s => ({ ...s, busy: true, error: undefined }));
        try {
            const host = await readHostClock();
            const result = await client.call("time.sync", { epochMs: Math.round(host.epochMs + (performance.now() - host.at)) });
            setState(s => ({ ...s, correctedMs: result.previousEpochMs - result.newEpochMs }));
            await measure();
        } catch (e) {
            setState(s => ({ ...s, busy: false, error: errorMessage(e) }));
        }
    }, [client, measure]);

    return { state, measure, setFromHost };
}
