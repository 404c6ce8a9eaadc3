// One noVNC session in a container element: connects when there is an endpoint, again when
// the endpoint or session changes (the VM was restarted), and on demand.
import RFB from "@novnc/novnc";
import { type Dispatch, type RefObject, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";

import { cockpit } from "../../../lib/cockpit.ts";
import { _, format } from "../../../lib/i18n.ts";
import type { VncEndpoint } from "../../../libvirt/console-devices.ts";
import { vncChannelUrl } from "./vnc-url.ts";

export type VncStatus = "idle" | "connecting" | "connected" | "password" | "disconnected";

export interface VncState {
    status: VncStatus;
    /** Why the last connection ended or failed, in plain words. */
    message?: string;
}

export interface VncSession extends VncState {
    /** The live client while connecting or connected. */
    rfb: () => RFB | null;
    sendPassword: (password: string) => void;
    disconnect: () => void;
    reconnect: () => void;
}

interface RfbFollower {
    cancelled: () => boolean;
    /** The last password the server accepted, offered once when it asks again. */
    password: { current: string | undefined };
    setState: Dispatch<SetStateAction<VncState>>;
    gone: () => void;
}

/** Turns noVNC's events into the session's state. */
function followRfb(client: RFB, { cancelled, password, setState, gone }: RfbFollower): void {
    client.addEventListener("connect", () => {
        if (!cancelled()) setState({ status: "connected" });
    });
    let offered = false;
    client.addEventListener("credentialsrequired", () => {
        if (cancelled()) return;
        if (password.current !== undefined && !offered) {
            offered = true;
            client.sendCredentials({ password: password.current });
        } else {
            setState({ status: "password" });
        }
    });
    client.addEventListener("securityfailure", event => {
        if (cancelled()) return;
        password.current = undefined;
        const reason = event.detail.reason ?? _("the password was not accepted");
        setState({ status: "disconnected", message: format(_("The VNC server refused the connection: $0"), reason) });
    });
    client.addEventListener("disconnect", event => {
        if (cancelled()) return;
        gone();
        setState(previous => previous.status === "disconnected" ? previous : {
            status: "disconnected",
            message: event.detail.clean ? _("Disconnected from the VNC server.") : _("The connection to the VNC server was lost."),
        });
    });
}

export function useVnc(screen: RefObject<HTMLDivElement | null>, endpoint: VncEndpoint | undefined, sessionKey: string, scale: boolean): VncSession {
    const [state, setState] = useState<VncState>({ status: "idle" });
    const [wanted, setWanted] = useState(true);
    const [attempt, setAttempt] = useState(0);
    const rfbRef = useRef<RFB | null>(null);
    /** The last password the server accepted, offered again when the VM restarts. */
    const password = useRef<string | undefined>(undefined);
    const scaleRef = useRef(scale);
    const endpointKey = endpoint ? JSON.stringify(endpoint) : "";

    useEffect(() => {
        scaleRef.current = scale;
        const rfb = rfbRef.current;
        if (rfb) {
            rfb.scaleViewport = scale;
            rfb.clipViewport = false;
        }
    }, [scale]);

    // A new session (the VM started again) is worth connecting to even after a manual disconnect.
    useEffect(() => setWanted(true), [sessionKey]);

    useEffect(() => {
        const target = screen.current;
        if (!target || !endpointKey) {
            setState({ status: "idle" });
            return;
        }
        if (!wanted) {
            setState({ status: "disconnected", message: _("Disconnected from the VNC server.") });
            return;
        }
        const parsed = JSON.parse(endpointKey) as VncEndpoint;
        let cancelled = false;
        let rfb: RFB | null = null;
        setState({ status: "connecting" });
        cockpit.transport.wait(() => {
            if (cancelled) return;
            try {
                rfb = new RFB(target, vncChannelUrl(cockpit.transport, parsed), { shared: true });
            } catch (error) {
                setState({ status: "disconnected", message: String(error) });
                return;
            }
            const client = rfb;
            rfbRef.current = client;
            client.scaleViewport = scaleRef.current;
            client.background = "transparent";
            followRfb(client, { cancelled: () => cancelled, password, setState, gone: () => { rfbRef.current = null } });
        });
        return () => {
            cancelled = true;
            rfbRef.current = null;
            rfb?.disconnect();
        };
    }, [screen, endpointKey, sessionKey, wanted, attempt]);

    const sendPassword = useCallback((value: string) => {
        const rfb = rfbRef.current;
        if (!rfb) return;
        password.current = value;
        setState({ status: "connecting" });
        rfb.sendCredentials({ password: value });
    }, []);
    const disconnect = useCallback(() => {
        setWanted(false);
    }, []);
    const reconnect = useCallback(() => {
        setWanted(true);
        setAttempt(n => n + 1);
    }, []);
    const rfb = useCallback(() => rfbRef.current, []);

    return { ...state, rfb, sendPassword, disconnect, reconnect };
}
