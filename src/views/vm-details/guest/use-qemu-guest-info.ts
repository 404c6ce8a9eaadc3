// What libvirt reads through qemu-guest-agent, re-read every few seconds while shown (a guest
// may get its address from DHCP after its agent started). Each part fails on its own.
import { useEffect, useState } from "react";

import type { GuestInterfaceAddresses } from "../../../libvirt/device-api.ts";
import type { DescribedError } from "../../../lib/described-error.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { type GuestFilesystem, guestAddresses, guestFilesystems, guestHostname } from "../../../libvirt/guest-info.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { pollEvery } from "../../../lib/concurrency.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";

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

export function useQemuGuestInfo(vm: Pick<Vm, "connection" | "name" | "path">): QemuGuestInfo {
    const [info, setInfo] = useState<QemuGuestInfo>({});
    const { connection, name, path: knownPath } = vm;
    useEffect(() => {
        let cancelled = false;
        const read = async (): Promise<void> => {
            const path = await part(domainPath({ connection, name, path: knownPath }));
            if ("error" in path) {
                if (!cancelled) setInfo({ hostname: path });
                return;
            }
            const [hostname, addresses, filesystems] = await Promise.all([
                part(guestHostname(connection, path.value)),
                part(guestAddresses(connection, path.value)),
                part(guestFilesystems(connection, path.value)),
            ]);
            if (!cancelled) setInfo({ hostname, addresses, filesystems });
        };
        const stop = pollEvery(POLL_MS, read);
        return () => {
            cancelled = true;
            stop();
        };
    }, [connection, name, knownPath]);
    return info;
}
