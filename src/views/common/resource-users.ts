// Which VMs use a virtual network or a storage pool: asked before stopping or deleting one.
import { mapLimit } from "../../lib/concurrency.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { getDomainXml, listActiveDomains, listDomains } from "../../libvirt/domain-api.ts";
import { type DomainConfig, parseDomainXml } from "../../libvirt/domain-xml.ts";

const READ_CONCURRENCY = 8;

export interface ResourceUser {
    name: string;
    running: boolean;
}

interface DomainUse {
    config: DomainConfig;
    running: boolean;
}

async function domainConfigs(connection: ConnectionId): Promise<DomainUse[]> {
    // Asked of libvirt, not the VM list: a VM defined or started a moment ago counts too. A shut-off
    // VM counts as well: it could not start without the network or pool.
    const [all, running] = await Promise.all([listDomains(connection), listActiveDomains(connection)]);
    const active = new Set(running);
    const uses = await mapLimit(all, READ_CONCURRENCY, async path => {
        try {
            // A running VM's live XML: what it uses now.
            return { config: parseDomainXml(await getDomainXml(connection, path)), running: active.has(path) };
        } catch {
            return null; // gone meanwhile: it uses nothing
        }
    });
    return uses.filter((u): u is DomainUse => u !== null);
}

const users = (uses: DomainUse[], test: (c: DomainConfig) => boolean): ResourceUser[] =>
    uses.filter(u => test(u.config)).map(u => ({ name: u.config.name, running: u.running }))
        .sort((a, b) => a.name.localeCompare(b.name));

/** VMs with an interface on the network. */
export async function vmsUsingNetwork(connection: ConnectionId, network: string): Promise<ResourceUser[]> {
    return users(await domainConfigs(connection), c => c.interfaces.some(i => i.type === "network" && i.source === network));
}

/** VMs with a disk in the pool (by pool name, or by a path inside its directory). */
export async function vmsUsingPool(connection: ConnectionId, pool: string, targetPath: string | undefined): Promise<ResourceUser[]> {
    const dir = targetPath ? `${targetPath.replace(/\/+$/, "")}/` : undefined;
    return users(await domainConfigs(connection), c => c.disks.some(d => d.pool === pool || (dir !== undefined && d.path?.startsWith(dir) === true)));
}

export interface NetworkVm extends ResourceUser {
    /** The MAC addresses of its interfaces on the network. */
    macs: string[];
}

/** VMs with an interface on the network, with those interfaces' MAC addresses. */
export async function vmsOnNetwork(connection: ConnectionId, network: string): Promise<NetworkVm[]> {
    const uses = await domainConfigs(connection);
    return users(uses, c => c.interfaces.some(i => i.type === "network" && i.source === network)).map(user => ({
        ...user,
        macs: uses.find(u => u.config.name === user.name)?.config.interfaces
            .filter(i => i.type === "network" && i.source === network).map(i => i.mac) ?? [],
    }));
}

/** How many running VMs have an interface on each network, by network name (live XML only: cheap with many shut-off VMs). */
export async function runningVmsPerNetwork(connection: ConnectionId): Promise<Map<string, number>> {
    const running = await listActiveDomains(connection);
    const configs = await mapLimit(running, READ_CONCURRENCY, async path => {
        try {
            return parseDomainXml(await getDomainXml(connection, path));
        } catch {
            return null; // stopped meanwhile
        }
    });
    const counts = new Map<string, number>();
    for (const config of configs) {
        const networks = new Set(config?.interfaces.filter(i => i.type === "network" && i.source).map(i => i.source));
        for (const n of networks) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    return counts;
}
