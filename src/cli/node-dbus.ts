// libvirt-dbus from Node: one @homebridge/dbus-native connection per bus, with replies and signals
// turned into the JSON form cockpit.dbus gives the page (variants as {t, v}, dictionaries as
// objects, byte arrays as base64), so that the libvirt layer reads both alike.
import type { EventEmitter } from "node:events";

import * as dbusNative from "@homebridge/dbus-native";
// Its own signature parser, the one its marshaller uses.
import parseSignature, { type TypeNode } from "@homebridge/dbus-native/lib/signature.js";

import type { DBusSignalHandler } from "../lib/cockpit-types.ts";
import type { BusName, DBusTransport } from "../lib/transports.ts";

const METHOD_RETURN = 2;
const SIGNAL = 4;

function signatureOf(node: TypeNode): string {
    const inner = node.child.map(signatureOf).join("");
    if (node.type === "a") return `a${inner}`;
    if (node.type === "(") return `(${inner})`;
    if (node.type === "{") return `{${inner}}`;
    return node.type;
}

/** A value as dbus-native unmarshals it → cockpit.dbus's JSON form. */
export function toCockpitValue(node: TypeNode, value: unknown): unknown {
    switch (node.type) {
    case "a": {
        const [element] = node.child;
        if (!element) return value;
        if (element.type === "y") return Buffer.from(value as Uint8Array).toString("base64");
        const items = value as unknown[];
        if (element.type === "{") {
            const valueNode = element.child[1];
            const dict: Record<string, unknown> = {};
            for (const pair of items as [unknown, unknown][])
                dict[String(pair[0])] = valueNode ? toCockpitValue(valueNode, pair[1]) : pair[1];
            return dict;
        }
        return items.map(item => toCockpitValue(element, item));
    }
    case "(":
        return node.child.map((child, i) => toCockpitValue(child, (value as unknown[])[i]));
    case "v": {
        // [[type node], [value]]
        const [types, values] = value as [TypeNode[], unknown[]];
        const inner = types[0];
        if (!inner) return null;
        return { t: signatureOf(inner), v: toCockpitValue(inner, values[0]) };
    }
    default:
        return value;
    }
}

/** A value in cockpit.dbus's JSON form → what dbus-native marshals. */
export function fromCockpitValue(node: TypeNode, value: unknown): unknown {
    switch (node.type) {
    case "a": {
        const [element] = node.child;
        if (!element) return value;
        if (element.type === "y") return typeof value === "string" ? Buffer.from(value, "base64") : value;
        if (element.type === "{") {
            const valueNode = element.child[1];
            return Object.entries(value as Record<string, unknown>)
                .map(([k, v]) => [k, valueNode ? fromCockpitValue(valueNode, v) : v]);
        }
        return (value as unknown[]).map(item => fromCockpitValue(element, item));
    }
    case "(":
        return node.child.map((child, i) => fromCockpitValue(child, (value as unknown[])[i]));
    case "v": {
        const { t, v } = value as { t: string; v: unknown };
        const [inner] = parseSignature(t);
        return [t, inner ? fromCockpitValue(inner, v) : v];
    }
    default:
        return value;
    }
}

const convertAll = (signature: string, values: unknown[], convert: (node: TypeNode, value: unknown) => unknown): unknown[] =>
    parseSignature(signature).map((node, i) => convert(node, values[i]));

/** What the bus answered with: a D-Bus error's name and text, as cockpit.dbus rejects. */
class DBusCallError extends Error {
    constructor(name: string, message: string, readonly problem?: string) {
        super(message);
        this.name = name;
    }
}

interface DBusMessage {
    type: number;
    serial: number;
    replySerial?: number;
    errorName?: string;
    signature?: string;
    body?: unknown[];
    path?: string;
    interface?: string;
    member?: string;
}

/** What this module uses of dbus-native's bus (its typings name fewer). */
interface NativeBus {
    connection: EventEmitter & { end(): void };
    invoke(message: object, callback: (this: { message: DBusMessage }, error?: { name: string; message: string }) => void): void;
    addMatch(rule: string, callback: () => void): void;
    removeMatch(rule: string, callback: () => void): void;
}
const native = dbusNative as unknown as { systemBus(): NativeBus; sessionBus(): NativeBus };

export function nodeDBus(bus: BusName, service: string): DBusTransport {
    const client = bus === "system" ? native.systemBus() : native.sessionBus();
    const closeHandlers: (() => void)[] = [];
    const signalHandlers = new Set<{ iface: string; member: string; handler: DBusSignalHandler }>();
    let closed: Error | undefined;

    const close = (why: Error) => {
        if (closed) return;
        closed = why;
        for (const handler of closeHandlers) handler();
    };
    client.connection.on("error", (error: Error) => close(error));
    client.connection.on("end", () => close(new Error("The D-Bus connection was closed")));
    client.connection.on("message", (message: DBusMessage) => {
        if (message.type !== SIGNAL) return;
        const args = convertAll(message.signature ?? "", message.body ?? [], toCockpitValue);
        for (const s of signalHandlers) {
            if (s.iface === message.interface && s.member === message.member) s.handler(message.path ?? "", s.iface, s.member, args);
        }
    });

    return {
        call(path, iface, method, args, signature, timeoutMs) {
            return new Promise((resolve, reject) => {
                if (closed) {
                    reject(new DBusCallError("org.freedesktop.DBus.Error.Disconnected", closed.message, "disconnected"));
                    return;
                }
                const timer = setTimeout(() => reject(new DBusCallError("org.freedesktop.DBus.Error.Timeout",
                                                                        `${iface}.${method} did not answer within ${String(timeoutMs / 1000)} s`, "timeout")),
                                         timeoutMs);
                const message = {
                    destination: service, path, interface: iface, member: method, signature,
                    body: convertAll(signature, args, fromCockpitValue),
                };
                client.invoke(message, function (error) {
                    clearTimeout(timer);
                    if (error) {
                        reject(new DBusCallError(error.name, error.message));
                        return;
                    }
                    const reply = this.message;
                    if (reply.type !== METHOD_RETURN) reject(new DBusCallError(reply.errorName ?? "", ""));
                    else resolve(convertAll(reply.signature ?? "", reply.body ?? [], toCockpitValue));
                });
            });
        },
        subscribe(match, handler) {
            const entry = { iface: match.interface, member: match.member, handler };
            const rule = `type='signal',sender='${service}',interface='${match.interface}',member='${match.member}'`;
            signalHandlers.add(entry);
            client.addMatch(rule, () => undefined);
            return {
                remove() {
                    signalHandlers.delete(entry);
                    client.removeMatch(rule, () => undefined);
                },
            };
        },
        onClose(handler) {
            closeHandlers.push(handler);
        },
        close() {
            client.connection.end();
        },
    };
}
