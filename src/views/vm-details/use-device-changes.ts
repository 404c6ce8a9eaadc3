import { useEffect } from "react";

import { subscribeDeviceChanges } from "../../libvirt/device-api.ts";
import type { Vm } from "../../state/vm-types.ts";

/** Calls `onChange` when libvirt reports a device added to or removed from the running VM. */
export function useDeviceChanges(vm: Vm, onChange: () => void): void {
    const { connection, path } = vm;
    useEffect(() => {
        if (!path) return;
        return subscribeDeviceChanges(connection, path, onChange);
    }, [connection, path, onChange]);
}
