// What can be checked before a migration starts, in plain words: the destination as typed, and
// whether the VM fits the destination (its name, networks and storage pools). Pure.
import type { KnownHost } from "../host/known-hosts.ts";
import { _, format } from "../lib/i18n.ts";
import type { DomainConfig } from "../libvirt/domain-xml.ts";
import { invalidInput } from "../libvirt/errors.ts";

export function knownHostUri(host: KnownHost): string {
    const user = host.user ? `${host.user}@` : "";
    const port = host.port && host.port !== 22 ? `:${String(host.port)}` : "";
    return `qemu+ssh://${user}${host.address}${port}/system`;
}

/** The destination's libvirt URI: a qemu+ssh:// (or qemu+tcp/tls) URI as typed, or HOST / USER@HOST. */
export function destinationUri(input: string): string {
    const typed = input.trim();
    if (typed === "") throw invalidInput(_("Choose the host to move the VM to"));
    if (/^[^\s@:/]+@[^\s@:/]+$|^[^\s@:/]+$/.test(typed)) return knownHostUri(parseUserHost(typed));
    const match = /^qemu\+(ssh|tcp|tls):\/\/([^/\s]+)\/(system|session)(\?\S*)?$/.exec(typed);
    if (!match) {
        throw invalidInput(format(_("$0 is not a host or a libvirt URI: type a host name, USER@HOST or qemu+ssh://HOST/system"), typed));
    }
    return typed;
}

function parseUserHost(text: string): KnownHost {
    const at = text.indexOf("@");
    return at < 0 ? { address: text } : { user: text.slice(0, at), address: text.slice(at + 1) };
}

/** The destination as far as a move needs it (src/host/migration-host.ts reads it). */
export interface Destination {
    domains: readonly string[];
    networks: ReadonlyMap<string, boolean>;
    pools: readonly { name: string; active: boolean; targetPath?: string }[];
}

export interface MoveChoice {
    live: boolean;
    copyStorage: boolean;
}

function directoryOf(path: string): string {
    return path.slice(0, Math.max(path.lastIndexOf("/"), 1));
}

function networkProblems(config: DomainConfig, dest: Destination): string[] {
    const names = new Set(config.interfaces.filter(i => i.type === "network").map(i => i.source));
    return [...names].flatMap(name => {
        const active = dest.networks.get(name);
        if (active === undefined) return [format(_("The destination has no network named $0, which this VM uses"), name)];
        return active ? [] : [format(_("The network $0 is not running on the destination"), name)];
    });
}

function storageProblems(config: DomainConfig, dest: Destination, copyStorage: boolean): string[] {
    const activePools = dest.pools.filter(p => p.active);
    return config.disks.filter(d => !d.readonly && d.device !== "cdrom").flatMap(disk => {
        if (disk.sourceType === "volume" && disk.pool && !activePools.some(p => p.name === disk.pool))
            return [format(_("The destination has no running storage pool named $0, which holds the disk $1"), disk.pool, disk.target)];
        if (copyStorage && disk.sourceType === "file" && disk.path) {
            const dir = directoryOf(disk.path);
            // libvirt creates the copy in the destination's pool for the same directory.
            if (!activePools.some(p => p.targetPath?.replace(/\/+$/, "") === dir))
                return [format(_("The destination has no running storage pool for $0, where the copy of the disk $1 goes"), dir, disk.target)];
        }
        return [];
    });
}

/** Why the VM cannot move to the destination as chosen; empty when nothing is in the way. */
export function migrationProblems(config: DomainConfig, running: boolean, choice: MoveChoice, dest: Destination): string[] {
    const problems: string[] = [];
    if (choice.live && !running) problems.push(format(_("$0 is not running: move it offline"), config.name));
    if (!choice.live && running) problems.push(format(_("$0 is running: move it live, or shut it down to move it offline"), config.name));
    if (!choice.live && choice.copyStorage) {
        problems.push(_("An offline move takes only the definition, not the disks: put them on storage both hosts share, or start the VM and move it live with its storage"));
    }
    if (dest.domains.includes(config.name)) problems.push(format(_("The destination already has a virtual machine named $0"), config.name));
    return [...problems, ...networkProblems(config, dest), ...storageProblems(config, dest, choice.copyStorage)];
}
