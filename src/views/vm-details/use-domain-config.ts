// The VM's configuration as libvirt holds it: the live XML of a running VM and the saved
// (inactive) XML, read again whenever libvirt reports a change to the VM.
import { useCallback, useEffect, useState } from "react";

import { domainPath, getAutostart, getDomainXml, XmlFlags } from "../../libvirt/domain-api.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import { type DomainConfig, parseDomainXml } from "../../libvirt/domain-xml.ts";
import type { DescribedError } from "../../lib/described-error.ts";
import { describeError } from "../../libvirt/errors.ts";
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
    const [state, setState] = useState<Omit<DomainConfigState, "reload">>({ live: undefined, saved: undefined, liveXml: "", autostart: false, error: undefined });
    const [forced, setForced] = useState(0);
    const reload = useCallback(() => setForced(n => n + 1), []);
    const connection = vm?.connection;
    const name = vm?.name;
    const revision = vm?.revision;
    const knownPath = vm?.path;
    const active = vm ? isActiveState(vm.state) : false;
    const persistent = vm?.persistent ?? true;

    useEffect(() => {
        if (!connection || name === undefined) return;
        let cancelled = false;
        const read = async (): Promise<void> => {
            try {
                const path = await domainPath({ connection, name, path: knownPath });
                const liveXml = await getDomainXml(connection, path, XmlFlags.Secure);
                const savedXml = active && persistent ? await getDomainXml(connection, path, XmlFlags.Inactive | XmlFlags.Secure) : liveXml;
                const autostart = persistent && await getAutostart(connection, path);
                if (!cancelled) setState({ live: parseDomainXml(liveXml), saved: parseDomainXml(savedXml), liveXml, autostart, error: undefined });
            } catch (error) {
                if (!cancelled) setState(s => ({ ...s, error: describeError(error) }));
            }
        };
        void read();
        return () => {
            cancelled = true;
        };
    }, [connection, name, knownPath, revision, active, persistent, forced]);

    return { ...state, reload };
}
