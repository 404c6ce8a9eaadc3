// An xterm.js terminal in a container element, kept fitted to the container's size, with
// copy and paste on Ctrl+Shift+C / Ctrl+Shift+V (Ctrl+C and Ctrl+V belong to the guest).
import "@xterm/xterm/css/xterm.css";

import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { type RefObject, useEffect, useState } from "react";

function clipboardKeys(term: Terminal) {
    return (event: KeyboardEvent): boolean => {
        if (event.type !== "keydown" || !event.ctrlKey || !event.shiftKey) return true;
        if (event.code === "KeyC") {
            // The async clipboard exists on https and localhost only; elsewhere the browser's
            // context menu still copies the terminal's selection.
            if (term.hasSelection() && window.isSecureContext) void navigator.clipboard.writeText(term.getSelection()).catch(() => undefined);
            return false;
        }
        // Let the browser raise its paste event, which the terminal turns into input.
        return event.code !== "KeyV";
    };
}

export function useTerminal(container: RefObject<HTMLDivElement | null>): Terminal | null {
    const [term, setTerm] = useState<Terminal | null>(null);
    useEffect(() => {
        const element = container.current;
        if (!element) return;
        const created = new Terminal({
            cursorBlink: true,
            scrollback: 5000,
            fontFamily: "\"Red Hat Mono\", RedHatMono, \"DejaVu Sans Mono\", monospace",
            fontSize: 14,
            screenReaderMode: false,
        });
        const fit = new FitAddon();
        created.loadAddon(fit);
        created.open(element);
        created.attachCustomKeyEventHandler(clipboardKeys(created));
        const refit = () => {
            try {
                fit.fit();
            } catch {
                // a hidden container has no size; the next resize fits again
            }
        };
        refit();
        const observer = new ResizeObserver(refit);
        observer.observe(element);
        setTerm(created);
        return () => {
            observer.disconnect();
            created.dispose();
            setTerm(null);
        };
    }, [container]);
    return term;
}
