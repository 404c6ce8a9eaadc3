// Connects to the guest agent while the Guest tab is shown and closes the connection after:
// the channel serves one client at a time.
import { useCallback, useEffect, useRef, useState } from "react";

import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { AgentError } from "../../../agent-client/agent-errors.ts";
import { connectAgent } from "../../../agent-client/line-transport.ts";
import { cockpit } from "../../../lib/cockpit.ts";
import { useAdminAccess } from "../../../state/use-admin-access.ts";

/**
 * A busy channel (most often another browser tab showing this VM's Guest tab) is tried again
 * this often, while this page is shown: a hidden page must not take the agent from the one the
 * user looks at.
 */
export const BUSY_RETRY_MS = 5000;

export interface AgentConnection {
    client: AgentClient | undefined;
    error: AgentError | undefined;
    connecting: boolean;
    retry: () => void;
}

/** onLost: the connection broke after it was made (the guest stopped, its agent exited or stopped answering). */
export function useAgentClient(socketPath: string | undefined, onLost?: (error: AgentError) => void): AgentConnection {
    const lost = useRef(onLost);
    lost.current = onLost;
    const [client, setClient] = useState<AgentClient>();
    const [error, setError] = useState<AgentError>();
    const [connecting, setConnecting] = useState(false);
    const [attempt, setAttempt] = useState(0);
    const retry = useCallback(() => setAttempt(n => n + 1), []);
    const admin = useAdminAccess();
    const adminBefore = useRef(admin);

    useEffect(() => {
        // The agent's socket is root's: switching administrative access is worth a new attempt
        // (Cockpit first telling what it is, is not a switch).
        if (adminBefore.current !== undefined && adminBefore.current !== admin) retry();
        adminBefore.current = admin;
    }, [admin, retry]);

    useEffect(() => {
        if (!socketPath) return;
        let cancelled = false;
        let current: AgentClient | undefined;
        let retryTimer: ReturnType<typeof setTimeout> | undefined;
        const retryWhenShown = (): void => {
            retryTimer = setTimeout(() => {
                if (cockpit.hidden) retryWhenShown();
                else retry();
            }, BUSY_RETRY_MS);
        };
        // The previous error stays shown while trying again: no flicker every few seconds.
        setConnecting(true);
        connectAgent(socketPath).then(c => {
            if (cancelled) {
                c.close();
                return;
            }
            current = c;
            c.onClose(e => {
                if (cancelled) return;
                setClient(undefined);
                setError(e);
                lost.current?.(e);
            });
            setClient(c);
            setError(undefined);
            setConnecting(false);
        }, (e: unknown) => {
            if (cancelled) return;
            const failure = e instanceof AgentError ? e : new AgentError("closed", String(e));
            setError(failure);
            setConnecting(false);
            if (failure.kind === "busy-channel") retryWhenShown();
        });
        return () => {
            cancelled = true;
            clearTimeout(retryTimer);
            current?.close();
            setClient(undefined);
        };
    }, [socketPath, attempt, retry]);

    return { client, error, connecting, retry };
}
