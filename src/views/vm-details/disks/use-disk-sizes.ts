// Capacity and allocation of each disk: from its storage volume when it is one, else from the
// running VM's block statistics. Unknown sizes stay absent.
import { useEffect, useState } from "react";

import { type BlockSize, blockSizes } from "../../../libvirt/device-api.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import { volumeByName, volumeSummaryByPath } from "../../../libvirt/storage-volume-api.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import type { Vm } from "../../../state/vm-types.ts";

export type DiskSizes = ReadonlyMap<string, BlockSize>;

async function volumeSize(vm: Vm, disk: DomainDisk): Promise<BlockSize | null> {
    if (disk.pool && disk.volume) return volumeByName(vm.connection, disk.pool, disk.volume);
    if (disk.path) return volumeSummaryByPath(vm.connection, disk.path);
    return null;
}

export function useDiskSizes(vm: Vm, disks: readonly DomainDisk[] | undefined, running: boolean, revision: number): DiskSizes {
    const [sizes, setSizes] = useState<DiskSizes>(new Map());

    useEffect(() => {
        if (!disks) return;
        let cancelled = false;
        const load = async (): Promise<void> => {
            const found = new Map<string, BlockSize>();
            const stats = running ? await blockSizes(vm.connection, await domainPath(vm)).catch(() => new Map<string, BlockSize>()) : new Map<string, BlockSize>();
            await Promise.all(disks.map(async disk => {
                const size = await volumeSize(vm, disk).catch(() => null);
                const known = size ?? stats.get(disk.target);
                if (known) found.set(disk.target, { capacity: known.capacity, allocation: known.allocation });
            }));
            if (!cancelled) setSizes(found);
        };
        void load();
        return () => {
            cancelled = true;
        };
    }, [vm, disks, running, revision]);

    return sizes;
}
