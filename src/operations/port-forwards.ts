// Adding and removing a network's port forwards, checked before anything changes: a NAT
// network, ports in range, the VM's address inside the network, and a host port that neither a
// program on the host nor another forward uses.
import {
    followNetworkState, listeningPorts, type PortForward, readAllPortForwards, readPortForwards, removeNetworkPortForwards, savePortForwards,
} from "../host/port-forwards.ts";
import { _, format } from "../lib/i18n.ts";
import { inSubnet, parseIpv4, subnetOf } from "../lib/ip-address.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { deleteNetwork, getNetwork, type Network, startNetwork, stopNetwork } from "../libvirt/network-api.ts";
import type { NetworkConfig } from "../libvirt/network-xml.ts";

const validPort = (port: number): boolean => Number.isInteger(port) && port >= 1 && port <= 65535;

/** What is wrong with the rule on this network, without asking the host, or null. */
export function portForwardProblem(network: Pick<NetworkConfig, "forwardMode" | "addresses">, rule: PortForward): string | null {
    if (network.forwardMode !== "nat") return _("Port forwarding works on NAT networks only.");
    if (!validPort(rule.hostPort) || !validPort(rule.guestPort)) return _("Ports are numbers from 1 to 65535.");
    if (!rule.vm.trim()) return _("Choose the virtual machine the port leads to.");
    const ipv4 = network.addresses.find(a => a.family === "ipv4");
    const address = parseIpv4(rule.address);
    const subnet = ipv4 && ipv4.prefix !== undefined ? subnetOf({ family: "ipv4", value: parseIpv4(ipv4.address) ?? 0n }, ipv4.prefix) : undefined;
    if (address === undefined || !subnet || !inSubnet(subnet, { family: "ipv4", value: address }) || rule.address === ipv4?.address)
        return _("Enter the virtual machine's IPv4 address on this network.");
    return null;
}

export async function addPortForward(connection: ConnectionId, network: NetworkConfig, rule: PortForward): Promise<void> {
    const problem = portForwardProblem(network, rule);
    if (problem) throw invalidInput(problem);
    const [all, listening, own] = await Promise.all([
        readAllPortForwards(connection), listeningPorts(connection, rule.protocol), readPortForwards(connection, network.name),
    ]);
    if (all.some(r => r.protocol === rule.protocol && r.hostPort === rule.hostPort))
        throw invalidInput(format(_("Host port $0/$1 is forwarded already."), String(rule.hostPort), rule.protocol));
    if (listening.includes(rule.hostPort))
        throw invalidInput(format(_("Host port $0/$1 is in use by a program on the host."), String(rule.hostPort), rule.protocol));
    await savePortForwards(connection, network.name, network.bridge ?? "", [...own, rule]);
}

export async function removePortForward(connection: ConnectionId, network: NetworkConfig, rule: Pick<PortForward, "protocol" | "hostPort">): Promise<void> {
    const own = await readPortForwards(connection, network.name);
    const kept = own.filter(r => !(r.protocol === rule.protocol && r.hostPort === rule.hostPort));
    if (kept.length === own.length) throw invalidInput(format(_("No forward of host port $0/$1 on $2."), String(rule.hostPort), rule.protocol, network.name));
    await savePortForwards(connection, network.name, network.bridge ?? "", kept);
}

/** Starts or stops a network, and loads or removes its forwards with it. */
export async function setNetworkRunning(connection: ConnectionId, path: string, run: boolean): Promise<void> {
    if (run) await startNetwork(connection, path);
    else await stopNetwork(connection, path);
    await followNetworkState(connection, (await getNetwork(connection, path)).name, run);
}

/** Deletes a network; its forwards go first, so a refusal leaves both as they were. */
export async function deleteNetworkWithForwards(connection: ConnectionId, network: Network): Promise<void> {
    await removeNetworkPortForwards(connection, network.name);
    await deleteNetwork(connection, network);
}
