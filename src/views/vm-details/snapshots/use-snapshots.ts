// The VM's snapshots, read when the tab opens, when libvirt reports a change to the VM (a revert
// restarts or stops it), and after the tab's own actions.
import { useCallback, useEffect, useState } from "react";

import type { DescribedError } from "../../../lib/described-error.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { listSnapshots, type Snapshot } from "../../../libvirt/snapshot-api.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import type { Vm } from "../../../state/vm-types.ts";

export interface SnapshotsState {
    list: Snapshot[] | undefined;
    error: DescribedError | undefined;
    reload: () => void;
}

export function useSnapshots(vm: Vm): SnapshotsState {
    const [state, setState] = useState<Omit<SnapshotsState, "reload">>({ list: undefined, error: undefined });
    const [forced, setForced] = useState(0);
    const reload = useCallback(() => setForced(n => n + 1), []);
    const { connection, name, path: knownPath, revision } = vm;

    useEffect(() => {
        let cancelled = false;
        const read = async (): Promise<void> => {
            try {
                const list = await listSnapshots(connection, await domainPath({ connection, name, path: knownPath }));
                if (!cancelled) setState({ list, error: undefined });
            } catch (error) {
                if (!cancelled) setState(s => ({ ...s, error: describeError(error) }));
            }
        };
        void read();
        return () => {
            cancelled = true;
        };
    }, [connection, name, knownPath, revision, forced]);

    return { ...state, reload };
}
