// Key combinations a browser cannot pass to the guest itself (the host's desktop takes them),
// offered in the VNC console's "Send key" menu. Each key is an X11 keysym plus the physical
// key (KeyboardEvent.code), so QEMU gets the scancode whatever the guest's keyboard layout.
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
