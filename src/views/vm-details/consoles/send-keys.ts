// Key combinations a browser cannot pass to the guest itself (the host's desktop takes them),
// offered in the VNC console's "Send key" menu, and text typed into the guest as key presses.
// Each key is an X11 keysym plus the physical key (KeyboardEvent.code): QEMU passes the physical
// key's scancode on, so the guest reads it through its own keyboard layout. Text is therefore
// typed as on a US keyboard, with Shift pressed for upper case and the shifted symbols.
import { _, format } from "../../../lib/i18n.ts";

export interface Key {
    keysym: number;
    code: string;
}

export interface KeyCombo {
    id: string;
    label: string;
    keys: Key[];
}

const CTRL: Key = { keysym: 0xffe3, code: "ControlLeft" };
const ALT: Key = { keysym: 0xffe9, code: "AltLeft" };
const DELETE: Key = { keysym: 0xffff, code: "Delete" };
const BACKSPACE: Key = { keysym: 0xff08, code: "Backspace" };
const SHIFT: Key = { keysym: 0xffe1, code: "ShiftLeft" };
const ENTER: Key = { keysym: 0xff0d, code: "Enter" };
const PRINT: Key = { keysym: 0xff61, code: "PrintScreen" };
/** XK_F1 is 0xffbe; F2…F12 follow it. */
const functionKey = (n: number): Key => ({ keysym: 0xffbe + n - 1, code: `F${String(n)}` });

export const KEY_COMBOS: KeyCombo[] = [
    { id: "ctrl-alt-del", label: _("Ctrl+Alt+Del"), keys: [CTRL, ALT, DELETE] },
    ...Array.from({ length: 12 }, (_unused, i): KeyCombo => ({
        id: `ctrl-alt-f${String(i + 1)}`,
        label: format(_("Ctrl+Alt+F$0"), i + 1),
        keys: [CTRL, ALT, functionKey(i + 1)],
    })),
    { id: "ctrl-alt-backspace", label: _("Ctrl+Alt+Backspace"), keys: [CTRL, ALT, BACKSPACE] },
    { id: "print-screen", label: _("PrintScreen"), keys: [PRINT] },
];

export interface KeySender {
    sendKey(keysym: number, code: string | null, down?: boolean): void;
}

/** Presses the keys in order and releases them in reverse, as fingers would. */
export function pressCombo(sender: KeySender, combo: KeyCombo): void {
    for (const key of combo.keys) sender.sendKey(key.keysym, key.code, true);
    for (const key of [...combo.keys].reverse()) sender.sendKey(key.keysym, key.code, false);
}

/** The US layout's rows: each character unshifted, then shifted, with its physical key. */
const US_KEYS: [string, string, string][] = [
    ..."abcdefghijklmnopqrstuvwxyz".split("").map((c): [string, string, string] => [c, c.toUpperCase(), `Key${c.toUpperCase()}`]),
    ..."1234567890".split("").map((c, i): [string, string, string] => [c, "!@#$%^&*()"[i] ?? "", `Digit${c}`]),
    ["`", "~", "Backquote"], ["-", "_", "Minus"], ["=", "+", "Equal"], ["[", "{", "BracketLeft"], ["]", "}", "BracketRight"],
    ["\\", "|", "Backslash"], [";", ":", "Semicolon"], ["'", "\"", "Quote"], [",", "<", "Comma"], [".", ">", "Period"],
    ["/", "?", "Slash"], [" ", "", "Space"],
];

/** Each typeable character's key (printable ASCII characters are their own keysyms) and whether Shift is held for it. */
const US_LAYOUT = new Map<string, { key: Key; shift: boolean }>();
for (const [plain, shifted, code] of US_KEYS) {
    US_LAYOUT.set(plain, { key: { keysym: plain.charCodeAt(0), code }, shift: false });
    if (shifted) US_LAYOUT.set(shifted, { key: { keysym: shifted.charCodeAt(0), code }, shift: true });
}

/** The characters as the user sees them (an emoji or an accented letter is one). */
function characters(text: string): string[] {
    return Array.from(new Intl.Segmenter().segment(text), s => s.segment);
}

/** The characters of `text` that have no key on a US keyboard, each once. */
export function untypeable(text: string): string[] {
    return [...new Set(characters(text).filter(c => !US_LAYOUT.has(c)))];
}

/** The key presses that type `text` (untypeable characters left out), Enter at the end if asked. */
export function keyStrokes(text: string, enter: boolean): KeyCombo[] {
    const strokes = characters(text).flatMap((c): KeyCombo[] => {
        const typed = US_LAYOUT.get(c);
        if (!typed) return [];
        return [{ id: c, label: c, keys: typed.shift ? [SHIFT, typed.key] : [typed.key] }];
    });
    return enter ? [...strokes, { id: "enter", label: _("Enter"), keys: [ENTER] }] : strokes;
}

/** Presses the strokes one after another, pausing between them so that the guest's keyboard buffer keeps up. */
export async function typeStrokes(sender: KeySender, strokes: readonly KeyCombo[], pauseMs = 15): Promise<void> {
    for (const stroke of strokes) {
        pressCombo(sender, stroke);
        await new Promise(resolve => setTimeout(resolve, pauseMs));
    }
}
