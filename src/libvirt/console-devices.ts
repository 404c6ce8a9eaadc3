// What the consoles of a VM need from its live XML: where its VNC server listens, which serial
// ports and consoles it has, and the id of the running QEMU (it changes at every start).
import { type ConnectionId, libvirtUri } from "./connection.ts";
import { attr, child, children, type XmlNode,xmlParser } from "./xml.ts";

export type VncEndpoint =
    | { kind: "tcp"; address: string; port: number }
    | { kind: "unix"; socket: string };

export interface VncGraphics {
    /** Absent while the VM is not running (or before QEMU picked an automatic port). */
    endpoint?: VncEndpoint;
    hasPassword: boolean;
}

export interface SerialDevice {
    /** libvirt's device alias (serial0, console1): what `virsh console --devname` takes. */
    alias?: string;
    kind: "serial" | "console";
    /** The guest side: isa-serial, virtio, sclp, … */
    targetType: string;
    port: number;
}

export interface ConsoleDevices {
    /** The id of the running domain; absent when it is shut off. */
    domainId?: number;
    vnc?: VncGraphics;
    /** Graphics of other kinds (spice, rdp, …), which these consoles do not show. */
    otherGraphics: string[];
    /** Serial ports and consoles the host reaches through a pty, each device once. */
    serials: SerialDevice[];
}

/** A wildcard listen address means every address, loopback included. */
function connectAddress(listen: string | undefined): string {
    if (!listen || listen === "0.0.0.0") return "127.0.0.1";
    if (listen === "::" || listen === "[::]") return "::1";
    return listen;
}

function parseVnc(node: XmlNode): VncGraphics {
    const listen = children(node, "listen")[0] ?? child(node, "listen");
    const socket = attr(node, "socket") ?? (attr(listen, "type") === "socket" ? attr(listen, "socket") : undefined);
    const port = Number(attr(node, "port") ?? "-1");
    const vnc: VncGraphics = { hasPassword: attr(node, "passwd") !== undefined };
    if (socket) vnc.endpoint = { kind: "unix", socket };
    else if (port > 0) vnc.endpoint = { kind: "tcp", address: connectAddress(attr(node, "listen") ?? attr(listen, "address")), port };
    return vnc;
}

function parseChr(node: XmlNode, kind: SerialDevice["kind"]): SerialDevice {
    const target = child(node, "target");
    const device: SerialDevice = {
        kind,
        targetType: attr(target, "type") ?? (kind === "serial" ? "isa-serial" : "serial"),
        port: Number(attr(target, "port") ?? "0"),
    };
    const alias = attr(child(node, "alias"), "name");
    if (alias) device.alias = alias;
    return device;
}

export function parseConsoleDevices(xml: string): ConsoleDevices {
    const doc = xmlParser.parse(xml) as XmlNode;
    const domain = child(doc, "domain");
    if (!domain) throw new Error("not a domain XML document");
    const devices = child(domain, "devices");
    const graphics = children(devices, "graphics");
    const vncNode = graphics.find(g => attr(g, "type") === "vnc");

    const serials = children(devices, "serial").filter(n => attr(n, "type") === "pty").map(n => parseChr(n, "serial"));
    // <console><target type='serial'/> is the first serial port seen from another side: list it once.
    for (const node of children(devices, "console").filter(n => attr(n, "type") === "pty")) {
        const device = parseChr(node, "console");
        const sameAsSerial = device.targetType === "serial" &&
            serials.some(s => (device.alias !== undefined && s.alias === device.alias) || s.port === device.port);
        if (!sameAsSerial) serials.push(device);
    }

    const result: ConsoleDevices = {
        otherGraphics: graphics.map(g => attr(g, "type") ?? "").filter(t => t !== "vnc" && t !== ""),
        serials,
    };
    if (vncNode) result.vnc = parseVnc(vncNode);
    const id = Number(attr(domain, "id") ?? "-1");
    if (id > 0) result.domainId = id;
    return result;
}


/** The `virsh console` command line; the VM is named by UUID so that no name needs quoting. */
export function serialConsoleArgv(connection: ConnectionId, uuid: string, alias?: string): string[] {
    // --force takes the console over from another viewer (another browser tab, a virsh session).
    return ["virsh", "-c", libvirtUri(connection), "console", "--force", uuid, ...(alias ? ["--devname", alias] : [])];
}
