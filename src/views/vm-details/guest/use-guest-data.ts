// What the agent tells about the guest: its methods and filesystems once per connection, and
// the guest's details (network links, addresses, time zone, users) every few seconds, since a
// user watching an interface come up or a login should not have to reload.
import { useCallback, useEffect, useState } from "react";

import type { AgentInfo, FsUsage, GuestInfo, UsersResult } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { AgentError } from "../../../agent-client/agent-errors.ts";
import { cockpit } from "../../../lib/cockpit.ts";
import { pollEvery } from "../../../lib/concurrency.ts";

export interface GuestData {
    info?: AgentInfo | undefined;
    guest?: GuestInfo | undefined;
    users?: UsersResult | undefined;
    filesystems?: FsUsage[] | undefined;
    error?: AgentError | undefined;
    reload: () => void;
}

type Loaded = Omit<GuestData, "reload">;

export const GUEST_POLL_MS = 5000;
/**
 * Users are re-read every this many polls: without utmp the agent runs `who`, which cost a
 * TCG guest 26-33 ms of CPU per call (get_info 9-15 ms, measured), and logins come seldom.
 */
const USERS_EVERY = 6;

function asAgentError(e: unknown): AgentError {
    return e instanceof AgentError ? e : new AgentError("closed", String(e));
}

export function useGuestData(client: AgentClient): GuestData {
    const [data, setData] = useState<Loaded>({});
    const [n, setN] = useState(0);
    const reload = useCallback(() => setN(x => x + 1), []);
    useEffect(() => {
        let cancelled = false;
        let info: AgentInfo | undefined;
        const can = (m: string) => info?.methods.some(x => x === m) ?? false;
        const details = async (withUsers: boolean): Promise<Pick<Loaded, "guest" | "users">> => {
            const [guest, users] = await Promise.all([
                can("guest.get_info") ? client.call("guest.get_info", {}) : undefined,
                withUsers && can("guest.get_users") ? client.call("guest.get_users", {}) : undefined,
            ]);
            return withUsers ? { guest, users } : { guest };
        };
        let stopPolling: (() => void) | undefined;
        const load = async (): Promise<void> => {
            try {
                info = await client.call("agent.info", {});
                const [now, metrics] = await Promise.all([
                    details(true),
                    can("guest.get_metrics") ? client.call("guest.get_metrics", { topProcesses: 0 }) : undefined,
                ]);
                if (cancelled) return;
                setData({ info, ...now, filesystems: metrics?.filesystems });
                // A failed re-read keeps what was shown: a lost agent is reported by the tab itself.
                let polls = 0;
                stopPolling = pollEvery(GUEST_POLL_MS, async () => {
                    if (cockpit.hidden) return; // a browser tab in the background: spare the guest
                    const later = await details(++polls % USERS_EVERY === 0);
                    if (!cancelled) setData(d => ({ ...d, ...later }));
                }, true);
            } catch (e) {
                if (!cancelled) setData(d => ({ ...d, error: asAgentError(e) }));
            }
        };
        void load();
        return () => {
            cancelled = true;
            stopPolling?.();
        };
    }, [client, n]);
    return { ...data, reload };
}
