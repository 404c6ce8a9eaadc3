// What libvirt reads through qemu-guest-agent, re-read every few seconds while the page shows it
// (a guest may get its address from DHCP after its agent started). Each part fails on its own.
import type { DescribedError } from "../../../lib/described-error.ts";
import type { GuestInterfaceAddresses } from "../../../libvirt/device-api.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { guestAddresses, type GuestFilesystem, guestFilesystems, guestHostname } from "../../../libvirt/guest-info.ts";
import { useData } from "../../../state/use-data.ts";
import type { Vm } from "../../../state/vm-types.ts";

const POLL_MS = 5000;

export type Part<T> = { value: T } | { error: DescribedError };

export interface QemuGuestInfo {
    hostname?: Part<string>;
    addresses?: Part<GuestInterfaceAddresses[]>;
    filesystems?: Part<GuestFilesystem[]>;
}

async function part<T>(read: Promise<T>): Promise<Part<T>> {
    try {
        return { value: await read };
    } catch (e) {
        return { error: describeError(e) };
    }
}

const NOTHING_YET: QemuGuestInfo = {};

async function readInfo(vm: Pick<Vm, "connection" | "name" | "path">): Promise<QemuGuestInfo> {
    const path = await part(domainPath(vm));
    if ("error" in path) return { hostname: path };
    const [hostname, addresses, filesystems] = await Promise.all([
        part(guestHostname(vm.connection, path.value)),
        part(guestAddresses(vm.connection, path.value)),
        part(guestFilesystems(vm.connection, path.value)),
    ]);
    return { hostname, addresses, filesystems };
}

export function useQemuGuestInfo(vm: Pick<Vm, "connection" | "name" | "path">): QemuGuestInfo {
    const { connection, name, path: knownPath } = vm;
    const info = useData(() => readInfo({ connection, name, path: knownPath }), [connection, name, knownPath],
                         { identity: [connection, name], pollMs: POLL_MS });
    return info.data ?? NOTHING_YET;
}
