// Asks the guest agent for its metrics every 2 s while the page is visible, into the VM's
// guest metrics history (and to whoever else shows part of them, e.g. filesystem usage).
import type { Metrics } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { errorMessage } from "../../../lib/error-message.ts";
import { guestMetricsHistory,type GuestMetricsPoint } from "../../../state/guest-metrics-history.ts";
import { useData } from "../../../state/use-data.ts";

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
    const sample = useData(async ({ signal }) => {
        const metrics = await client.call("guest.get_metrics", { topProcesses: TOP_PROCESSES });
        if (!signal.aborted) {
            history.add(metrics, Date.now());
            onSample?.(metrics);
        }
        return metrics;
    }, [client, history, onSample], { pollMs: SAMPLE_INTERVAL_MS });
    // A closed client is the tab's to report.
    const error = sample.error === undefined || client.closed ? undefined : errorMessage(sample.error);
    return { points: history.points, latest: history.latest, error };
}
