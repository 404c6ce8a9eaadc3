// What the wizard needs to know of the host before it can offer anything: the OS list, what
// libvirt can run here, and the host's memory and CPUs (for the resource checks).
import { useEffect, useState } from "react";

import { loadOsinfo } from "../../host/osinfo-db.ts";
import type { DescribedError } from "../../lib/described-error.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { type DomainCapabilities, getDomainCapabilities } from "../../libvirt/domain-capabilities.ts";
import { describeError } from "../../libvirt/errors.ts";
import { hostCpuCount, hostMemoryKiB } from "../../libvirt/host-api.ts";
import type { OsInfo } from "../../osinfo/osinfo-parse.ts";

/** KVM where the host offers it, else QEMU's software emulation. */
async function loadCapabilities(connection: ConnectionId): Promise<DomainCapabilities> {
    try {
        return await getDomainCapabilities(connection, "kvm");
    } catch {
        return getDomainCapabilities(connection, "qemu");
    }
}

export interface WizardFacts {
    osList: OsInfo[] | undefined;
    caps: DomainCapabilities | undefined;
    host: { memory: number; cpus: number };
    loadError: DescribedError | undefined;
}

export function useWizardFacts(connection: ConnectionId): WizardFacts {
    const [osList, setOsList] = useState<OsInfo[] | undefined>();
    const [caps, setCaps] = useState<DomainCapabilities | undefined>();
    const [host, setHost] = useState({ memory: 0, cpus: 0 });
    const [loadError, setLoadError] = useState<DescribedError | undefined>();
    useEffect(() => {
        loadOsinfo().then(setOsList, () => setOsList([]));
        loadCapabilities(connection).then(setCaps, (e: unknown) => setLoadError(describeError(e)));
        void Promise.all([hostMemoryKiB(connection).catch(() => 0), hostCpuCount(connection).catch(() => 0)])
                .then(([memory, cpus]) => setHost({ memory, cpus }));
    }, [connection]);
    return { osList, caps, host, loadError };
}
