// Reading VMs for one-shot callers (kvmm): the whole list from two bulk calls, one VM by name with
// its configuration. The page keeps its list current through src/state instead.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import {
    getAllDomainStats, getDomainProperties, getDomainStats, getDomainXml, lookupDomainByName,
} from "../libvirt/domain-api.ts";
import { type DomainState, LIST_STATS, StatsFilter, StatsGroup } from "../libvirt/domain-state.ts";
import { type DomainConfig, parseDomainXml } from "../libvirt/domain-xml.ts";
import { describeError, LibvirtError } from "../libvirt/errors.ts";

export interface VmSummary {
    name: string;
    state: DomainState;
    /** false for a transient VM (gone once it stops). */
    persistent: boolean;
    vcpus: number;
    /** KiB the guest has now, and the most it can have. */
    memoryKiB: number;
    maxMemoryKiB: number;
}

export async function listVms(conn: ConnectionId): Promise<VmSummary[]> {
    const [stats, transient] = await Promise.all([
        getAllDomainStats(conn, LIST_STATS),
        getAllDomainStats(conn, StatsGroup.State, StatsFilter.Transient),
    ]);
    const transientNames = new Set(transient.map(s => s.name));
    return stats.map(s => ({
        name: s.name,
        state: s.state,
        persistent: !transientNames.has(s.name),
        vcpus: s.vcpuCurrent ?? 0,
        memoryKiB: s.memoryCurrent ?? 0,
        maxMemoryKiB: s.memoryMaximum ?? 0,
    }));
}

/** The VM's object path; a VM that does not exist is said so by name. */
export async function findVm(conn: ConnectionId, name: string): Promise<string> {
    try {
        return await lookupDomainByName(conn, name);
    } catch (error) {
        const described = describeError(error);
        if (described.kind !== "not-found") throw error;
        throw new LibvirtError({ ...described, summary: format(_("There is no virtual machine named $0"), name) });
    }
}

export interface VmDetails extends VmSummary {
    uuid: string;
    autostart: boolean;
    config: DomainConfig;
}

export async function vmDetails(conn: ConnectionId, name: string): Promise<VmDetails> {
    const path = await findVm(conn, name);
    const [props, stats, xml] = await Promise.all([
        getDomainProperties(conn, path),
        getDomainStats(conn, path, name, LIST_STATS),
        getDomainXml(conn, path),
    ]);
    const config = parseDomainXml(xml);
    return {
        name,
        uuid: props.uuid,
        state: stats.state,
        persistent: props.persistent,
        autostart: props.autostart,
        vcpus: stats.vcpuCurrent ?? config.cpu.current,
        memoryKiB: stats.memoryCurrent ?? config.memoryKiB,
        maxMemoryKiB: stats.memoryMaximum ?? config.maxMemoryKiB,
        config,
    };
}

/** The VM's state as libvirt has it now. */
export async function vmState(conn: ConnectionId, path: string, name: string): Promise<DomainState> {
    return (await getDomainStats(conn, path, name, StatsGroup.State)).state;
}
