/*
 * The guest's network interfaces from /sys/class/net, with their addresses from Node.
 * os.networkInterfaces() alone leaves out every interface that is down or has no link
 * (libuv skips them), which are the ones a user looks for when the network does not work.
 */
import { readdirSync } from "node:fs";
import os from "node:os";

import type { NetAddress, NetInterface, NetLinkState } from "../protocol.ts";
import { readTextNow } from "./proc-text.ts";

const IFF_UP = 0x1;

/** From an interface's sysfs `flags` and `carrier` texts (carrier cannot be read while it is down). */
export function linkState(flags: string, carrier: string): NetLinkState {
    const bits = Number.parseInt(flags.trim(), 16);
    if (Number.isNaN(bits)) return "unknown";
    if ((bits & IFF_UP) === 0) return "down";
    const c = carrier.trim();
    if (c === "0") return "no-carrier";
    return c === "1" ? "up" : "unknown";
}

function addressesByName(): Map<string, { mac: string; addresses: NetAddress[] }> {
    return new Map(Object.entries(os.networkInterfaces()).map(([name, addrs]) => [name, {
        mac: addrs?.[0]?.mac ?? "",
        addresses: (addrs ?? []).map(a => ({
            family: a.family === "IPv4" ? "ipv4" as const : "ipv6" as const,
            address: a.address,
            prefix: Number(a.cidr?.split("/")[1] ?? 0),
        })),
    }]));
}

/** Every interface in `sysNet` (sorted by name), and any Node knows that it does not list. */
export function interfaces(sysNet = "/sys/class/net"): NetInterface[] {
    const known = addressesByName();
    let names: string[];
    try {
        names = readdirSync(sysNet);
    } catch {
        names = []; // no sysfs (a container): what Node sees
    }
    const result: NetInterface[] = names.sort().map(name => {
        const dir = `${sysNet}/${name}`;
        const fromNode = known.get(name);
        known.delete(name);
        return {
            name,
            mac: readTextNow(`${dir}/address`).trim() || (fromNode?.mac ?? ""),
            state: linkState(readTextNow(`${dir}/flags`), readTextNow(`${dir}/carrier`)),
            addresses: fromNode?.addresses ?? [],
        };
    });
    for (const [name, { mac, addresses }] of known) result.push({ name, mac, addresses });
    return result;
}
