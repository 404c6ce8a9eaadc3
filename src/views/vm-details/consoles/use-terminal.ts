// An xterm.js terminal in a container element, kept fitted to the container's size, with
// copy and paste on Ctrl+Shift+C / Ctrl+Shift+V (Ctrl+C and Ctrl+V belong to the guest).
import "@xterm/xterm/css/xterm.css";

import { FitAddon } from "@xterm/addon-fit";
import { type ITheme, Terminal } from "@xterm/xterm";
import { type RefObject, useEffect, useState } from "react";

import { isLeaveKey, leaveConsole } from "./leave-console.ts";

/** The terminal's colours from the page's PatternFly theme tokens, read where the terminal sits. */
function themeOf(element: HTMLElement): ITheme {
    const style = getComputedStyle(element);
    const token = (name: string) => style.getPropertyValue(`--pf-t--global--${name}`).trim();
    return {
        background: token("background--color--primary--default"),
        foreground: token("text--color--regular"),
        cursor: token("text--color--regular"),
        selectionBackground: token("background--color--secondary--hover"),
    };
}

function consoleKeys(term: Terminal, element: HTMLElement) {
    return (event: KeyboardEvent): boolean => {
        if (isLeaveKey(event)) {
            event.preventDefault();
            leaveConsole(element.closest<HTMLElement>(".serial-console"));
            return false;
        }
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
            theme: themeOf(element),
        });
        const fit = new FitAddon();
        created.loadAddon(fit);
        created.open(element);
        created.attachCustomKeyEventHandler(consoleKeys(created, element));
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
        // The page's light or dark theme is a class on the document (views/app/cockpit-style.ts).
        const themeObserver = new MutationObserver(() => { created.options.theme = themeOf(element) });
        themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
        setTerm(created);
        return () => {
            themeObserver.disconnect();
            observer.disconnect();
            created.dispose();
            setTerm(null);
        };
    }, [container]);
    return term;
}
