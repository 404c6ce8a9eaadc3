// Page keyboard shortcuts. They never take a key from a field, a menu, an open dialog or the
// VM's consoles (noVNC and xterm want every key for the guest).
import { useEffect, useRef } from "react";

export interface Shortcut {
    /** KeyboardEvent.key: "/", "ArrowDown", or an upper-case letter for Shift+letter. */
    key: string;
    shift?: boolean;
    run: () => void;
}

const KEEPS_KEYS = "input, textarea, select, [contenteditable], [role='menu'], [role='listbox'], [role='dialog'], .vnc-screen, .serial-terminal, .xterm";

function forThePage(event: KeyboardEvent): boolean {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return false;
    if (document.querySelector("[aria-modal='true']")) return false;
    const target = event.target;
    return !(target instanceof Element && target.closest(KEEPS_KEYS));
}

export function useShortcuts(shortcuts: readonly Shortcut[]): void {
    // The listener stays; the shortcuts it runs are the latest render's.
    const current = useRef(shortcuts);
    useEffect(() => { current.current = shortcuts });
    useEffect(() => {
        const onKey = (event: KeyboardEvent): void => {
            if (!forThePage(event)) return;
            const shortcut = current.current.find(s => s.key === event.key && (s.shift ?? false) === event.shiftKey);
            if (!shortcut) return;
            event.preventDefault();
            shortcut.run();
        };
        document.addEventListener("keydown", onKey);
        return () => document.removeEventListener("keydown", onKey);
    }, []);
}
