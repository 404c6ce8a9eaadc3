// Asks the guest agent for its metrics every 2 s while the page is visible, into the VM's
// guest metrics history (and to whoever else shows part of them, e.g. filesystem usage).
import { useEffect, useState } from "react";

import type { Metrics } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { cockpit } from "../../../lib/cockpit.ts";
import { errorMessage } from "../../../lib/error-message.ts";
import { pollEvery } from "../../../lib/concurrency.ts";
import { type GuestMetricsPoint, guestMetricsHistory } from "../../../state/guest-metrics-history.ts";

export const TOP_PROCESSES = 10;
const SAMPLE_INTERVAL_MS = 2000;

export interface GuestMetricsState {
    points: readonly GuestMetricsPoint[];
    latest: Metrics | undefined;
    error: string | undefined;
}

/** onSample: called with each answer (the same function for the client's life, or polling restarts). */
export function useGuestMetrics(client: AgentClient, vmKey: string, onSample?: (metrics: Metrics) => void): GuestMetricsState {
    const history = guestMetricsHistory(vmKey);
    const [state, setState] = useState<GuestMetricsState>({ points: history.points, latest: history.latest, error: undefined });

    useEffect(() => {
        let stopped = false;
        const stop = pollEvery(SAMPLE_INTERVAL_MS, async () => {
            if (cockpit.hidden) return;
            try {
                const metrics = await client.call("guest.get_metrics", { topProcesses: TOP_PROCESSES });
                if (stopped) return;
                history.add(metrics, Date.now());
                setState({ points: history.points, latest: history.latest, error: undefined });
                onSample?.(metrics);
            } catch (e) {
                if (stopped || client.closed) return;
                setState(s => ({ ...s, error: errorMessage(e) }));
            }
        });
        return () => {
            stopped = true;
            stop();
        };
    }, [client, history, onSample]);

    return state;
}
