// The host's storage pools and, for the chosen one, its volumes, for the disk dialogs.
import { useEffect, useState } from "react";

import type { ConnectionId } from "../../../libvirt/connection.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { listPools, type PoolSummary } from "../../../libvirt/storage-pool-api.ts";
import { listVolumes, type VolumeSummary } from "../../../libvirt/storage-volume-api.ts";

export interface PoolsState {
    pools: PoolSummary[] | null;
    error: string | null;
}

export function useStoragePools(conn: ConnectionId): PoolsState {
    const [state, setState] = useState<PoolsState>({ pools: null, error: null });
    useEffect(() => {
        let cancelled = false;
        listPools(conn)
                .then(pools => { if (!cancelled) setState({ pools, error: null }) })
                .catch((error: unknown) => { if (!cancelled) setState({ pools: [], error: describeError(error).detail }) });
        return () => {
            cancelled = true;
        };
    }, [conn]);
    return state;
}

export function usePoolVolumes(conn: ConnectionId, pool: string | null): VolumeSummary[] | null {
    const [volumes, setVolumes] = useState<VolumeSummary[] | null>(null);
    useEffect(() => {
        setVolumes(null);
        if (!pool) return;
        let cancelled = false;
        listVolumes(conn, pool)
                .then(found => { if (!cancelled) setVolumes(found) })
                .catch(() => { if (!cancelled) setVolumes([]) });
        return () => {
            cancelled = true;
        };
    }, [conn, pool]);
    return volumes;
}
