// Connects a terminal to a VM's serial console while the VM runs: again after each start
// (a new session), and on demand after a disconnect.
import type { Terminal } from "@xterm/xterm";
import { useCallback, useEffect, useRef, useState } from "react";

import type { Channel } from "../../../lib/cockpit-types.ts";
import { _, format } from "../../../lib/i18n.ts";
import type { ConnectionId } from "../../../libvirt/connection.ts";
import { openSerialConsole } from "../../../libvirt/serial-console.ts";

export type SerialStatus = "stopped" | "connecting" | "connected" | "disconnected";

export interface SerialState {
    status: SerialStatus;
    message?: string;
}

export interface SerialTarget {
    connection: ConnectionId;
    uuid: string;
    alias?: string;
    /** Absent while the VM is not running; changes at every start. */
    sessionKey?: string;
}

function closeMessage(options: { problem?: string; message?: string; "exit-status"?: number }): string {
    if (options.problem === "not-found") return _("virsh is not installed on the host, so the serial console cannot be opened.");
    if (options.problem) return format(_("The serial console closed: $0"), options.message ?? options.problem);
    if (options["exit-status"]) return format(_("The serial console closed (virsh exited with status $0)."), options["exit-status"]);
    return _("The serial console closed.");
}

export function useSerialChannel(term: Terminal | null, target: SerialTarget) {
    const [state, setState] = useState<SerialState>({ status: "stopped" });
    const [wanted, setWanted] = useState(true);
    const [attempt, setAttempt] = useState(0);
    const channel = useRef<Channel<Uint8Array> | null>(null);
    const { connection, uuid, alias, sessionKey } = target;

    useEffect(() => setWanted(true), [sessionKey, alias]);

    useEffect(() => {
        if (!term) return;
        const encoder = new TextEncoder();
        const typed = term.onData(data => channel.current?.send(encoder.encode(data)));
        const binary = term.onBinary(data => channel.current?.send(Uint8Array.from(data, c => c.charCodeAt(0) & 0xff)));
        const resized = term.onResize(size => channel.current?.control({ window: { rows: size.rows, cols: size.cols } }));
        return () => {
            typed.dispose();
            binary.dispose();
            resized.dispose();
        };
    }, [term]);

    useEffect(() => {
        if (!term) return;
        if (!sessionKey) {
            setState({ status: "stopped" });
            return;
        }
        if (!wanted) {
            setState({ status: "disconnected", message: _("Disconnected from the serial console.") });
            return;
        }
        let closed = false;
        const opened = openSerialConsole(connection, uuid, { rows: term.rows, cols: term.cols }, alias);
        channel.current = opened;
        setState({ status: "connecting" });
        opened.addEventListener("message", (_event, data) => {
            if (closed) return;
            term.write(data);
            setState(s => s.status === "connected" ? s : { status: "connected" });
        });
        opened.addEventListener("close", (_event, options) => {
            if (closed) return;
            closed = true;
            if (channel.current === opened) channel.current = null;
            setState({ status: "disconnected", message: closeMessage(options) });
        });
        return () => {
            if (channel.current === opened) channel.current = null;
            if (!closed) {
                closed = true;
                opened.close();
            }
        };
    }, [term, connection, uuid, alias, sessionKey, wanted, attempt]);

    const disconnect = useCallback(() => setWanted(false), []);
    const reconnect = useCallback(() => {
        setWanted(true);
        setAttempt(n => n + 1);
    }, []);
    return { ...state, disconnect, reconnect };
}
