// The VM's configuration as libvirt holds it: the live XML of a running VM and the saved
// (inactive) XML, read again whenever libvirt reports a change to the VM.
import { useMemo } from "react";

import type { DescribedError } from "../../lib/described-error.ts";
import { domainPath, getAutostart, getDomainXml, XmlFlags } from "../../libvirt/domain-api.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import { type DomainConfig, parseDomainXml } from "../../libvirt/domain-xml.ts";
import { describeError } from "../../libvirt/errors.ts";
import { useData } from "../../state/use-data.ts";
import type { Vm } from "../../state/vm-types.ts";


export interface DomainConfigState {
    /** What runs now (equals `saved` for a shut-off VM). */
    live: DomainConfig | undefined;
    /** What applies at the next start. */
    saved: DomainConfig | undefined;
    liveXml: string;
    autostart: boolean;
    error: DescribedError | undefined;
    reload: () => void;
}

export function useDomainConfig(vm: Vm | undefined): DomainConfigState {
    const connection = vm?.connection;
    const name = vm?.name;
    const revision = vm?.revision;
    const knownPath = vm?.path;
    const active = vm ? isActiveState(vm.state) : false;
    const persistent = vm?.persistent ?? true;

    // Another VM's configuration is dropped at once; this VM's stays shown while it is read again.
    const config = useData(async () => {
        if (!connection || name === undefined) return undefined;
        const path = await domainPath({ connection, name, path: knownPath });
        const liveXml = await getDomainXml(connection, path, XmlFlags.Secure);
        const savedXml = active && persistent ? await getDomainXml(connection, path, XmlFlags.Inactive | XmlFlags.Secure) : liveXml;
        const autostart = persistent && await getAutostart(connection, path);
        return { live: parseDomainXml(liveXml), saved: parseDomainXml(savedXml), liveXml, autostart };
    }, [connection, name, knownPath, active, persistent], { identity: [connection, name], refresh: [revision] });

    const error = useMemo(() => config.error === undefined ? undefined : describeError(config.error), [config.error]);
    const { data, reload } = config;
    return { live: data?.live, saved: data?.saved, liveXml: data?.liveXml ?? "", autostart: data?.autostart ?? false, error, reload };
}
