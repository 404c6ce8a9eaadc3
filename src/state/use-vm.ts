import type { ConnectionId } from "../libvirt/connection.ts";
import { useVms } from "./use-vms.ts";
import type { ConnectionStatus, Vm } from "./vm-types.ts";
import { vmKey } from "./vm-types.ts";

export interface VmLookup {
    vm: Vm | undefined;
    /** False while the connection is still loading: an absent VM may yet appear. */
    loaded: boolean;
    status: ConnectionStatus | undefined;
}

export function useVm(connection: ConnectionId, name: string): VmLookup {
    const { vms, connections } = useVms();
    const status = connections.get(connection);
    const key = vmKey(connection, name);
    return { vm: vms.find(vm => vm.key === key), loaded: status !== undefined && status.state !== "loading", status };
}
