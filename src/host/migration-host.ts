// The destination host of a migration, seen through virsh over its qemu+ssh:// URI (libvirt-dbus
// reaches only this host's libvirtd), and the migration itself: `virsh migrate --p2p`, so that
// this host's libvirtd opens the connection to the destination and the job can be watched and
// aborted over D-Bus while virsh waits.
import { _, format } from "../lib/i18n.ts";
import { type ConnectionId, libvirtUri } from "../libvirt/connection.ts";
import { describeError } from "../libvirt/errors.ts";
import { parseStoragePoolXml } from "../libvirt/storage-pool-xml.ts";
import { HostCommandError, runOnHost } from "./host-command.ts";

export interface DestinationFacts {
    hostname: string;
    domains: string[];
    /** Networks by name, and whether each runs. */
    networks: Map<string, boolean>;
    pools: { name: string; active: boolean; targetPath?: string }[];
}

/** virsh prints this between the outputs of the commands of one call. */
const SEPARATOR = "@@kvmm@@";

/** SSH's refusals, which would otherwise read as a lack of administrative access here. */
const SSH_FAILURES: readonly [RegExp, string][] = [
    [/Permission denied \(|Permission denied, please try again/, _("The destination $0 refused the SSH login: it must accept a key of the user running this (root with administrative access)")],
    [/Host key verification failed/, _("The SSH host key of $0 is not known here: log in to it once with ssh to accept it")],
    [/Could not resolve hostname|Connection refused|No route to host|Connection timed out/, _("Cannot reach the destination $0")],
];

async function virshAt(conn: ConnectionId, uri: string, commands: string[], what: string): Promise<string[]> {
    const joined = commands.join(` ; echo ${SEPARATOR} ; `);
    try {
        const output = await runOnHost(conn, ["virsh", "-q", "-c", uri, joined], { what });
        return output.split(SEPARATOR).map(part => part.trim());
    } catch (error) {
        const detail = describeError(error).detail;
        const known = SSH_FAILURES.find(([pattern]) => pattern.test(detail));
        if (known) throw new HostCommandError(format(known[1], uri), detail, undefined);
        throw error;
    }
}

const lines = (text: string | undefined) => (text ?? "").split("\n").map(l => l.trim()).filter(l => l !== "");

/** What a migration there must fit: its VMs, networks and storage pools (two SSH connections). */
export async function destinationFacts(conn: ConnectionId, uri: string): Promise<DestinationFacts> {
    const what = format(_("Cannot reach the destination $0"), uri);
    const [hostname = "", domains, networks, pools] =
        await virshAt(conn, uri, ["hostname", "list --all --name", "net-list --all", "pool-list --all"], what);
    const facts: DestinationFacts = { hostname, domains: lines(domains), networks: new Map(), pools: [] };
    // "NAME STATE AUTOSTART PERSISTENT"; names have no spaces in libvirt's listing.
    for (const line of lines(networks)) {
        const [name = "", state] = line.split(/\s+/);
        facts.networks.set(name, state === "active");
    }
    const poolStates = lines(pools).map(line => line.split(/\s+/));
    if (poolStates.length > 0) {
        const xmls = await virshAt(conn, uri, poolStates.map(([name = ""]) => `pool-dumpxml ${quote(name)}`), what);
        poolStates.forEach(([name = "", state], i) => {
            const targetPath = parseStoragePoolXml(xmls[i] ?? "").targetPath;
            facts.pools.push({ name, active: state === "active", ...(targetPath ? { targetPath } : {}) });
        });
    }
    return facts;
}

/** A word of virsh's own command line (one argument holds several commands). */
function quote(word: string): string {
    return `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * Why the destination's hypervisor cannot run this CPU (virsh hypervisor-cpu-compare), or
 * undefined when it can or cannot tell; libvirt checks again when the migration starts.
 */
export async function cpuIncompatibility(conn: ConnectionId, uri: string, domainXml: string, virtType: string): Promise<string | undefined> {
    // virsh reads the definition from a file; a pipe's /dev/stdin cannot be opened as one.
    const script = 'f=$(mktemp) && cat > "$f" && virsh -q -c "$1" hypervisor-cpu-compare --virttype "$2" --error "$f"; s=$?; rm -f "$f"; exit $s';
    try {
        await runOnHost(conn, ["sh", "-c", script, "sh", uri, virtType], { what: _("The destination cannot run this VM's CPU"), input: domainXml });
        return undefined;
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return /incompatible/i.test(message) ? message : undefined;
    }
}

export interface MigrateFlags {
    live: boolean;
    copyStorage: boolean;
    undefineSource: boolean;
}

/** Runs the migration and resolves once it is done; the definition goes to the destination too. */
export async function migrateDomain(conn: ConnectionId, name: string, uri: string, flags: MigrateFlags): Promise<void> {
    const argv = ["virsh", "-q", "-c", libvirtUri(conn), "migrate", "--p2p", "--persistent",
        flags.live ? "--live" : "--offline"];
    if (flags.copyStorage) argv.push("--copy-storage-all");
    if (flags.undefineSource) argv.push("--undefinesource");
    argv.push("--", name, uri);
    await runOnHost(conn, argv, { what: format(_("$0 could not be moved"), name) });
}
