// Device elements of the domain XML: network interfaces, graphics, serial consoles, channels.
import { attr, child, type XmlNode } from "./xml.ts";

export interface DomainInterface {
    type: string;
    /** The virtual network, bridge or host device it is attached to. */
    source: string;
    mac: string;
    model?: string;
    /** macvtap mode of a direct interface. */
    mode?: string;
    /** The host-side device (vnet0) of a running VM. */
    hostDevice?: string;
    linkUp: boolean;
    /** Its place on the guest's bus ("pci 0x0000:0x00:0x03.0x0"): the same interface in the live and the saved definition even when its MAC address is to change. */
    address?: string;
}

export interface DomainGraphics {
    type: string;
    /** -1 or absent until a running VM got its port. */
    port?: number;
    autoport: boolean;
    listen?: string;
    hasPassword: boolean;
}

export interface DomainSerial {
    kind: "serial" | "console";
    type: string;
    port: number;
    /** The host pty of a running VM. */
    ptyPath?: string;
    alias?: string;
}

export interface DomainChannel {
    type: string;
    name: string;
    /** "connected" when a process inside the guest opened the port. */
    state?: string;
    /** Host socket of a unix channel. */
    socketPath?: string;
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
    if (value !== undefined) target[key] = value;
}

export function parseInterface(node: XmlNode): DomainInterface {
    const source = child(node, "source");
    const iface: DomainInterface = {
        type: attr(node, "type") ?? "",
        source: attr(source, "network") ?? attr(source, "bridge") ?? attr(source, "dev") ?? "",
        mac: attr(child(node, "mac"), "address") ?? "",
        linkUp: attr(child(node, "link"), "state") !== "down",
    };
    set(iface, "model", attr(child(node, "model"), "type"));
    set(iface, "mode", attr(source, "mode"));
    set(iface, "hostDevice", attr(child(node, "target"), "dev"));
    const address = child(node, "address");
    if (address) iface.address = `${attr(address, "type") ?? ""} ${attr(address, "domain") ?? ""}:${attr(address, "bus") ?? ""}:${attr(address, "slot") ?? ""}.${attr(address, "function") ?? ""}`;
    return iface;
}

export function parseGraphics(node: XmlNode): DomainGraphics {
    const port = Number(attr(node, "port") ?? "-1");
    const graphics: DomainGraphics = {
        type: attr(node, "type") ?? "",
        autoport: attr(node, "autoport") === "yes",
        hasPassword: attr(node, "passwd") !== undefined,
    };
    if (port > 0) graphics.port = port;
    set(graphics, "listen", attr(node, "listen") ?? attr(child(node, "listen"), "address"));
    return graphics;
}

export function parseSerial(node: XmlNode, kind: "serial" | "console"): DomainSerial {
    const serial: DomainSerial = {
        kind,
        type: attr(node, "type") ?? "",
        port: Number(attr(child(node, "target"), "port") ?? "0"),
    };
    set(serial, "ptyPath", attr(node, "tty") ?? attr(child(node, "source"), "path"));
    set(serial, "alias", attr(child(node, "alias"), "name"));
    return serial;
}

export function parseChannel(node: XmlNode): DomainChannel {
    const target = child(node, "target");
    const channel: DomainChannel = { type: attr(node, "type") ?? "", name: attr(target, "name") ?? "" };
    set(channel, "state", attr(target, "state"));
    set(channel, "socketPath", attr(child(node, "source"), "path"));
    return channel;
}
