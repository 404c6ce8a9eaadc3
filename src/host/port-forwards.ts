// Port forwards on NAT networks (host port → VM address:port), kept in a file per network and
// loaded into nftables by KVM Manager's libvirt network hook (pkg/host/kvm-manager-port-forwards),
// which libvirt runs whenever the network starts or stops; the page and kvmm run it too, to
// change the rules of a running network at once.
import { _ } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHost } from "./host-command.ts";

/** The hook: installed by the package at this fixed path, whatever the prefix of the rest. */
export const PORT_FORWARD_HOOK = "/etc/libvirt/hooks/network.d/kvm-manager-port-forwards";
const CONF_DIR = "/etc/kvm-manager/port-forwards";

export type ForwardProtocol = "tcp" | "udp";

export interface PortForward {
    protocol: ForwardProtocol;
    hostPort: number;
    /** The VM's address on the network (a static lease keeps it). */
    address: string;
    guestPort: number;
    vm: string;
}

export function parsePortForwards(text: string): PortForward[] {
    return text.split("\n").flatMap(line => {
        const m = /^(tcp|udp) (\d+) (\S+) (\d+) (.*)$/.exec(line.trim());
        if (!m) return [];
        return [{ protocol: m[1] as ForwardProtocol, hostPort: Number(m[2]), address: m[3] ?? "", guestPort: Number(m[4]), vm: m[5] ?? "" }];
    });
}

export function portForwardsText(bridge: string, rules: readonly PortForward[]): string {
    return [`bridge ${bridge}`, ...rules.map(r => `${r.protocol} ${String(r.hostPort)} ${r.address} ${String(r.guestPort)} ${r.vm}`)].join("\n") + "\n";
}

/** The rules of a network; none when it has no file (the file is readable by everyone). */
export async function readPortForwards(connection: ConnectionId, network: string): Promise<PortForward[]> {
    const text = await runOnHost(connection, ["sh", "-c", "[ ! -f \"$1\" ] || cat -- \"$1\"", "sh", `${CONF_DIR}/${network}.conf`],
                                 { what: _("Reading the port forwards"), privileged: false });
    return parsePortForwards(text);
}

async function hook(connection: ConnectionId, args: string[], input?: string): Promise<void> {
    await runOnHost(connection, [PORT_FORWARD_HOOK, ...args], { what: _("Changing the port forwards"), ...(input === undefined ? {} : { input }) });
}

/** Writes the network's rules and loads them if it runs; no rules: nothing is left of them. */
export async function savePortForwards(connection: ConnectionId, network: string, bridge: string, rules: readonly PortForward[]): Promise<void> {
    if (rules.length === 0) await hook(connection, ["remove", network]);
    else await hook(connection, ["set", network], portForwardsText(bridge, rules));
}

/** After the network started or stopped: its rules loaded or removed (as libvirt's hook call does once libvirtd knows the hook). */
export async function followNetworkState(connection: ConnectionId, network: string, active: boolean): Promise<void> {
    if ((await readPortForwards(connection, network)).length === 0) return;
    await hook(connection, [active ? "apply" : "clear", network]);
}

/** The network is deleted: its rules go with it. */
export async function removeNetworkPortForwards(connection: ConnectionId, network: string): Promise<void> {
    if ((await readPortForwards(connection, network)).length === 0) return;
    await hook(connection, ["remove", network]);
}

/** The VM is deleted: every rule leading to it goes. Nothing is run when no rule names it. */
export async function dropVmPortForwards(connection: ConnectionId, vm: string): Promise<void> {
    const names = await runOnHost(connection, ["sh", "-c", "[ ! -d \"$1\" ] || grep -rlF --include='*.conf' -- \" $2\" \"$1\" || true", "sh", CONF_DIR, vm],
                                  { what: _("Reading the port forwards"), privileged: false });
    if (!names.trim()) return;
    await hook(connection, ["drop-vm", vm]);
}

/** Every network's rules (to refuse a host port another network forwards already). */
export async function readAllPortForwards(connection: ConnectionId): Promise<PortForward[]> {
    const text = await runOnHost(connection, ["sh", "-c", "[ ! -d \"$1\" ] || find \"$1\" -name '*.conf' -exec cat -- {} +", "sh", CONF_DIR],
                                 { what: _("Reading the port forwards"), privileged: false });
    return parsePortForwards(text);
}

/** The local ports programs on the host listen on (`ss -Hln`), e.g. "0.0.0.0:22" → 22. */
export function parseListeningPorts(output: string): number[] {
    return output.split("\n").flatMap(line => {
        const local = line.trim().split(/\s+/)[3];
        const m = local ? /:(\d+)$/.exec(local) : null;
        return m ? [Number(m[1])] : [];
    });
}

export async function listeningPorts(connection: ConnectionId, protocol: ForwardProtocol): Promise<number[]> {
    const output = await runOnHost(connection, ["ss", "-Hln", protocol === "tcp" ? "-t" : "-u"], { what: _("Reading the host's open ports"), privileged: false });
    return parseListeningPorts(output);
}
