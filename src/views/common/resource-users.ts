// Which running VMs use a virtual network or a storage pool: asked before stopping one.
import type { ConnectionId } from "../../libvirt/connection.ts";
import { getDomainXml, listActiveDomains } from "../../libvirt/domain-api.ts";
import { type DomainConfig, parseDomainXml } from "../../libvirt/domain-xml.ts";
import { mapLimit } from "../../lib/concurrency.ts";

const READ_CONCURRENCY = 8;

async function runningConfigs(connection: ConnectionId): Promise<DomainConfig[]> {
    // Asked of libvirt, not the VM list: a VM started a moment ago counts too.
    const running = await listActiveDomains(connection);
    const configs = await mapLimit(running, READ_CONCURRENCY, async path => {
        try {
            return parseDomainXml(await getDomainXml(connection, path));
        } catch {
            return null; // gone meanwhile: it uses nothing
        }
    });
    return configs.filter((c): c is DomainConfig => c !== null);
}

/** Names of running VMs with an interface on the network. */
export async function vmsUsingNetwork(connection: ConnectionId, network: string): Promise<string[]> {
    return (await runningConfigs(connection))
        .filter(c => c.interfaces.some(i => i.type === "network" && i.source === network))
        .map(c => c.name);
}

/** Names of running VMs with a disk in the pool (by pool name, or by a path inside its directory). */
export async function vmsUsingPool(connection: ConnectionId, pool: string, targetPath: string | undefined): Promise<string[]> {
    const dir = targetPath ? `${targetPath.replace(/\/+$/, "")}/` : undefined;
    return (await runningConfigs(connection))
        .filter(c => c.disks.some(d => d.pool === pool || (dir !== undefined && d.path?.startsWith(dir) === true)))
        .map(c => c.name);
}
