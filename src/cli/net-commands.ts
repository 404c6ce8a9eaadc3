// kvmm net: virtual networks from the command line, with the page's operations and checks.
import type { ForwardProtocol, PortForward } from "../host/port-forwards.ts";
import { readPortForwards } from "../host/port-forwards.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { addDhcpHost, getDhcpLeases, getNetwork, listNetworks, type Network, removeDhcpHost } from "../libvirt/network-api.ts";
import { type DhcpHost, type IpSpec, NETWORK_MODES, type NetworkMode, type NetworkSpec } from "../libvirt/network-xml.ts";
import { createCheckedNetwork } from "../operations/create-network.ts";
import { NETWORK_PROBLEMS, validateNetwork } from "../operations/network-checks.ts";
import { addPortForward, removePortForward } from "../operations/port-forwards.ts";
import type { Command } from "./args.ts";
import { UsageError } from "./usage-error.ts";

export type NetCommand =
    | { kind: "net-list" }
    | { kind: "net-create"; spec: NetworkSpec }
    | { kind: "net-leases" | "net-forward-list"; network: string }
    | { kind: "net-lease-add" | "net-lease-remove"; network: string; host: DhcpHost }
    | { kind: "net-forward-add"; network: string; rule: PortForward }
    | { kind: "net-forward-remove"; network: string; protocol: ForwardProtocol; hostPort: number };

export function isNetCommand(command: Command): command is NetCommand {
    return command.kind.startsWith("net-");
}

export const NET_VALUE_OPTIONS = ["--mode", "--bridge", "--ip", "--dhcp", "--ipv6", "--dhcp6", "--domain", "--device"];
export const NET_COMMAND_OPTIONS: Record<string, readonly string[]> = {
    "net-create": NET_VALUE_OPTIONS,
    "net-lease-add": ["--name"],
    "net-lease-remove": ["--name"],
};

export const NET_USAGE = [
    "net list",
    "net create NAME [--mode nat|route|open|isolated|bridge|macvtap] [--bridge B] [--ip A/P [--dhcp FROM-TO]] [--ipv6 A/P [--dhcp6 FROM-TO]] [--domain D] [--device DEV,...]",
    "net leases NET",
    "net lease add|remove NET MAC IP [--name HOST]",
    "net forward list NET",
    "net forward add NET tcp|udp HOSTPORT VM ADDRESS:PORT",
    "net forward remove NET tcp|udp HOSTPORT",
];

const usage = (): UsageError => new UsageError(`usage:\n${NET_USAGE.map(u => `  kvmm ${u}`).join("\n")}`);

function ipOption(options: Map<string, string>, ip: string, dhcp: string): IpSpec | undefined {
    const value = options.get(ip);
    if (value === undefined) {
        if (options.has(dhcp)) throw new UsageError(`${dhcp} goes with ${ip}`);
        return undefined;
    }
    const [address = "", prefix = ""] = value.split("/");
    if (!/^\d+$/.test(prefix)) throw new UsageError(`${ip} needs ADDRESS/PREFIX, e.g. 192.168.100.1/24, not ${value}`);
    const spec: IpSpec = { address, prefix: Number(prefix) };
    const range = options.get(dhcp);
    if (range !== undefined) {
        const [start = "", end = ""] = range.split(/-(?=[^-]*$)/);
        if (!start || !end) throw new UsageError(`${dhcp} needs FROM-TO, not ${range}`);
        Object.assign(spec, { dhcpStart: start, dhcpEnd: end });
    }
    return spec;
}

function protocol(word: string | undefined): ForwardProtocol {
    if (word !== "tcp" && word !== "udp") throw new UsageError(`the protocol is tcp or udp, not ${word ?? "nothing"}`);
    return word;
}

function port(word: string | undefined): number {
    if (!word || !/^\d+$/.test(word)) throw new UsageError(`a port is a number, not ${word ?? "nothing"}`);
    return Number(word);
}

export function netCommand(rest: readonly string[], options: Map<string, string>): NetCommand {
    const [sub, ...args] = rest;
    if (sub === "list" && args.length === 0) return { kind: "net-list" };
    if (sub === "leases" && args.length === 1) return { kind: "net-leases", network: args[0] ?? "" };
    if (sub === "create" && args.length === 1) {
        const mode = (options.get("--mode") ?? "nat") as NetworkMode;
        if (!NETWORK_MODES.includes(mode)) throw new UsageError(`--mode is one of ${NETWORK_MODES.join(", ")}`);
        const spec: NetworkSpec = { name: args[0] ?? "", mode, bridge: options.get("--bridge") ?? "" };
        const ipv4 = ipOption(options, "--ip", "--dhcp");
        const ipv6 = ipOption(options, "--ipv6", "--dhcp6");
        const domain = options.get("--domain");
        const devices = options.get("--device");
        if (ipv4) spec.ipv4 = ipv4;
        if (ipv6) spec.ipv6 = ipv6;
        if (domain !== undefined) spec.domain = domain;
        if (devices !== undefined) spec.devices = devices.split(",").filter(Boolean);
        return { kind: "net-create", spec };
    }
    if (sub === "lease" && (args[0] === "add" || args[0] === "remove") && args.length === 4) {
        const [, network = "", mac = "", ip = ""] = args;
        const name = options.get("--name");
        return { kind: args[0] === "add" ? "net-lease-add" : "net-lease-remove", network, host: { mac: mac.toLowerCase(), ip, ...(name ? { name } : {}) } };
    }
    if (sub === "forward") {
        const [verb, network = ""] = args;
        if (verb === "list" && args.length === 2) return { kind: "net-forward-list", network };
        if (verb === "remove" && args.length === 4) return { kind: "net-forward-remove", network, protocol: protocol(args[2]), hostPort: port(args[3]) };
        if (verb === "add" && args.length === 6) {
            const [address = "", guestPort] = (args[5] ?? "").split(":");
            return { kind: "net-forward-add", network, rule: { protocol: protocol(args[2]), hostPort: port(args[3]), vm: args[4] ?? "", address, guestPort: port(guestPort) } };
        }
    }
    throw usage();
}

async function networkNamed(conn: ConnectionId, name: string): Promise<Network> {
    for (const path of await listNetworks(conn)) {
        const network = await getNetwork(conn, path);
        if (network.name === name) return network;
    }
    throw invalidInput(`no network named ${name}`);
}

const addressText = (n: Network): string => n.addresses.map(a => `${a.address}/${String(a.prefix ?? "")}`).join(",") || "-";

/** Runs a net command; `print` writes the JSON or the text. */
export async function runNetCommand(conn: ConnectionId, command: NetCommand, print: (json: unknown, text: string) => void): Promise<void> {
    switch (command.kind) {
    case "net-list": {
        const networks = await Promise.all((await listNetworks(conn)).map(p => getNetwork(conn, p)));
        networks.sort((a, b) => a.name.localeCompare(b.name));
        // The D-Bus object path means nothing to a shell.
        print(networks.map(n => Object.fromEntries(Object.entries(n).filter(([key]) => key !== "path"))), networks.map(n =>
            `${n.name}\t${n.active ? "active" : "inactive"}\t${n.forwardMode}\t${n.bridge ?? n.forwardDevices.join(",")}\t${addressText(n)}\n`).join(""));
        return;
    }
    case "net-create": {
        const problem = validateNetwork(command.spec);
        if (problem) throw invalidInput(NETWORK_PROBLEMS[problem]);
        await createCheckedNetwork(conn, command.spec);
        print({ name: command.spec.name }, `${command.spec.name}\n`);
        return;
    }
    case "net-leases": {
        const leases = await getDhcpLeases(conn, (await networkNamed(conn, command.network)).path);
        print(leases, leases.map(l => `${l.mac}\t${l.address}/${String(l.prefix)}\t${l.hostname || "-"}\n`).join(""));
        return;
    }
    case "net-lease-add":
    case "net-lease-remove": {
        const network = await networkNamed(conn, command.network);
        await (command.kind === "net-lease-add" ? addDhcpHost : removeDhcpHost)(conn, network, command.host);
        return;
    }
    case "net-forward-list": {
        const rules = await readPortForwards(conn, command.network);
        print(rules, rules.map(r => `${r.protocol}\t${String(r.hostPort)}\t${r.vm}\t${r.address}:${String(r.guestPort)}\n`).join(""));
        return;
    }
    case "net-forward-add":
        await addPortForward(conn, await networkNamed(conn, command.network), command.rule);
        return;
    case "net-forward-remove":
        await removePortForward(conn, await networkNamed(conn, command.network), command);
    }
}
