// What the agent tells about the guest, read once per connection (and on demand).
import { useCallback, useEffect, useState } from "react";

import type { AgentInfo, FsUsage, GuestInfo, UsersResult } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { AgentError } from "../../../agent-client/agent-errors.ts";

export interface GuestData {
    info?: AgentInfo | undefined;
    guest?: GuestInfo | undefined;
    users?: UsersResult | undefined;
    filesystems?: FsUsage[] | undefined;
    error?: AgentError | undefined;
    reload: () => void;
}

function asAgentError(e: unknown): AgentError {
    return e instanceof AgentError ? e : new AgentError("closed", String(e));
}

export function useGuestData(client: AgentClient): GuestData {
    const [data, setData] = useState<Omit<GuestData, "reload">>({});
    const [n, setN] = useState(0);
    const reload = useCallback(() => setN(x => x + 1), []);
    useEffect(() => {
        let cancelled = false;
        const load = async (): Promise<void> => {
            try {
                const info = await client.call("agent.info", {});
                const can = (m: string) => info.methods.some(x => x === m);
                const [guest, users, metrics] = await Promise.all([
                    can("guest.get_info") ? client.call("guest.get_info", {}) : undefined,
                    can("guest.get_users") ? client.call("guest.get_users", {}) : undefined,
                    can("guest.get_metrics") ? client.call("guest.get_metrics", { topProcesses: 0 }) : undefined,
                ]);
                if (!cancelled) setData({ info, guest, users, filesystems: metrics?.filesystems });
            } catch (e) {
                if (!cancelled) setData(d => ({ ...d, error: asAgentError(e) }));
            }
        };
        void load();
        return () => {
            cancelled = true;
        };
    }, [client, n]);
    return { ...data, reload };
}
