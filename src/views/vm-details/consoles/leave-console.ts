// The consoles take every key for the guest, Tab included; Ctrl+] (the escape key of
// `virsh console` and telnet) gives the keyboard back to the page.
import { _ } from "../../../lib/i18n.ts";

export const LEAVE_HINT = _("Press Ctrl+] to leave the console's keyboard.");

/** By the key's place, so that layouts where "]" needs AltGr still have it. */
export function isLeaveKey(event: KeyboardEvent): boolean {
    return event.type === "keydown" && event.ctrlKey && !event.altKey && !event.metaKey && event.code === "BracketRight";
}

/** Moves the focus to the first control of the console's toolbar, from where Tab goes on. */
export function leaveConsole(root: HTMLElement | null): void {
    const target = root?.querySelector<HTMLElement>(".console-toolbar button:not([disabled]), .console-toolbar select:not([disabled])");
    if (target) target.focus();
    else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}
