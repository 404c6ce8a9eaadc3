// The VM's snapshots, read when the tab opens, when libvirt reports a change to the VM (a revert
// restarts or stops it), and after the tab's own actions.
import { useMemo } from "react";

import type { DescribedError } from "../../../lib/described-error.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { listSnapshots, type Snapshot } from "../../../libvirt/snapshot-api.ts";
import { useData } from "../../../state/use-data.ts";
import type { Vm } from "../../../state/vm-types.ts";

export interface SnapshotsState {
    list: Snapshot[] | undefined;
    error: DescribedError | undefined;
    reload: () => void;
}

export function useSnapshots(vm: Vm): SnapshotsState {
    const { connection, name, path: knownPath, revision } = vm;
    const snapshots = useData(async () => listSnapshots(connection, await domainPath({ connection, name, path: knownPath })),
                              [connection, name, knownPath], { identity: [connection, name], refresh: [revision] });
    const error = useMemo(() => snapshots.error === undefined ? undefined : describeError(snapshots.error), [snapshots.error]);
    return { list: snapshots.data, error, reload: snapshots.reload };
}
