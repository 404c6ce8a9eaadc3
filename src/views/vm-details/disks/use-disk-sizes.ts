// Capacity and allocation of each disk: from its storage volume when it is one, else from the
// running VM's block statistics. Unknown sizes stay absent.
import { type BlockSize, blockSizes } from "../../../libvirt/device-api.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import { volumeByName, volumeSummaryByPath } from "../../../libvirt/storage-volume-api.ts";
import { useData } from "../../../state/use-data.ts";
import type { Vm } from "../../../state/vm-types.ts";

export type DiskSizes = ReadonlyMap<string, BlockSize>;

const NONE: DiskSizes = new Map();

async function volumeSize(vm: Vm, disk: DomainDisk): Promise<BlockSize | null> {
    if (disk.pool && disk.volume) return volumeByName(vm.connection, disk.pool, disk.volume);
    if (disk.path) return volumeSummaryByPath(vm.connection, disk.path);
    return null;
}

async function readSizes(vm: Vm, disks: readonly DomainDisk[], running: boolean): Promise<DiskSizes> {
    const found = new Map<string, BlockSize>();
    const stats = running ? await blockSizes(vm.connection, await domainPath(vm)).catch(() => new Map<string, BlockSize>()) : new Map<string, BlockSize>();
    await Promise.all(disks.map(async disk => {
        const size = await volumeSize(vm, disk).catch(() => null);
        const known = size ?? stats.get(disk.target);
        if (known) found.set(disk.target, { capacity: known.capacity, allocation: known.allocation });
    }));
    return found;
}

export function useDiskSizes(vm: Vm, disks: readonly DomainDisk[] | undefined, running: boolean, revision: number): DiskSizes {
    // The sizes shown stay while they are read again (until the disks are known, too).
    const sizes = useData<DiskSizes>(({ previous }) => disks ? readSizes(vm, disks, running) : Promise.resolve(previous ?? NONE),
                          [vm, disks, running], { identity: [vm.key], refresh: [revision] });
    return sizes.data ?? NONE;
}
