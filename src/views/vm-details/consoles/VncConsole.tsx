// The VM's display through noVNC, with the controls around it.
import { Button } from "@patternfly/react-core";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import type { VncEndpoint } from "../../../libvirt/console-devices.ts";
import { useDialogs } from "../../common/dialogs.tsx";
import { Notice } from "../../common/Notice.tsx";
import { isLeaveKey, LEAVE_HINT, leaveConsole } from "./leave-console.ts";
import { type KeyCombo, pressCombo } from "./send-keys.ts";
import { TypeTextDialog } from "./TypeTextDialog.tsx";
import { useFitToWindow } from "./use-fit-to-window.ts";
import { useVnc } from "./use-vnc.ts";
import { VncPasswordForm } from "./VncPasswordForm.tsx";
import { VncToolbar } from "./VncToolbar.tsx";

interface VncConsoleProps {
    endpoint: VncEndpoint;
    /** Changes when the VM's QEMU is restarted: the console then connects again. */
    sessionKey: string;
}

/**
 * Full screen: the browser's own where the page may use it; inside Cockpit's frame, which
 * may not, the console covers the whole frame instead.
 */
function useFullscreen(element: RefObject<HTMLElement | null>): [boolean, () => void] {
    const [on, setOn] = useState(false);
    useEffect(() => {
        const changed = () => {
            if (!document.fullscreenElement) setOn(false);
        };
        document.addEventListener("fullscreenchange", changed);
        return () => document.removeEventListener("fullscreenchange", changed);
    }, []);
    const toggle = useCallback(() => {
        if (on) {
            if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
            setOn(false);
            return;
        }
        setOn(true);
        const target = element.current;
        if (target && document.fullscreenEnabled) void target.requestFullscreen().catch(() => undefined);
    }, [on, element]);
    return [on, toggle];
}

export function VncConsole({ endpoint, sessionKey }: VncConsoleProps) {
    const screen = useRef<HTMLDivElement | null>(null);
    const frame = useRef<HTMLDivElement | null>(null);
    const [scale, setScale] = useState(true);
    const session = useVnc(screen, endpoint, sessionKey, scale);
    const [fullscreen, toggleFullscreen] = useFullscreen(frame);
    useFitToWindow(screen, "--vnc-screen-fit-height");
    const dialogs = useDialogs();
    // Before noVNC's own handler on its canvas, which takes every key.
    useEffect(() => {
        const element = screen.current;
        if (!element) return;
        const onKey = (event: KeyboardEvent) => {
            if (!isLeaveKey(event)) return;
            event.preventDefault();
            event.stopPropagation();
            leaveConsole(frame.current);
        };
        element.addEventListener("keydown", onKey, true);
        return () => element.removeEventListener("keydown", onKey, true);
    }, []);

    const sendKey = (combo: KeyCombo) => {
        const rfb = session.rfb();
        if (!rfb) return;
        pressCombo(rfb, combo);
        rfb.focus();
    };
    const typeText = () => dialogs.show(<TypeTextDialog sender={session.rfb} onTyped={() => session.rfb()?.focus()} />);

    return (
        <div ref={frame} id="vnc-console" className={`vnc-console${fullscreen ? " vnc-console--fullscreen" : ""}`} data-state={session.status}>
            <VncToolbar status={session.status} scale={scale} onScale={setScale}
                        fullscreen={fullscreen} onFullscreen={toggleFullscreen}
                        onSendKey={sendKey} onTypeText={typeText} onDisconnect={session.disconnect} onReconnect={session.reconnect} />
            {session.status === "disconnected" && (
                <Notice isInline variant="info" title={session.message ?? _("Disconnected from the VNC server.")} id="vnc-message"
                       actionLinks={<Button variant="link" isInline onClick={session.reconnect}>{_("Reconnect")}</Button>} />
            )}
            {session.status === "password" && <VncPasswordForm onSubmit={session.sendPassword} />}
            <div ref={screen} className={`vnc-screen${scale ? " vnc-screen--scaled" : ""}`} id="vnc-screen" />
            <p className="console-hint" id="vnc-leave-hint">{LEAVE_HINT}</p>
        </div>
    );
}
