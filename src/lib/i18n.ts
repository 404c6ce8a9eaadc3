// Translation helpers. Every user-visible string goes through these so `make pot` finds it.
// They read the cockpit global lazily, so modules using them also load in Node (unit tests),
// where the message is returned untranslated.
import type { Cockpit } from "./cockpit-types.ts";

function cockpitGlobal(): Cockpit | undefined {
    return (globalThis as { cockpit?: Cockpit }).cockpit;
}

export function _(message: string): string {
    return cockpitGlobal()?.gettext(message) ?? message;
}

export function ngettext(message: string, plural: string, n: number): string {
    const c = cockpitGlobal();
    if (c) return c.ngettext(message, plural, n);
    return n === 1 ? message : plural;
}

/**
 * The locale numbers and dates are written in: the language chosen in Cockpit ("de", "pt_BR" as
 * "pt-BR"), not the browser's, as Cockpit's own pages do. Outside Cockpit (kvmm, unit tests): English.
 */
export function uiLocale(): string {
    const language = cockpitGlobal()?.language;
    return language ? language.replace("_", "-") : "en";
}

/** Fills $0, $1, … like cockpit.format(). */
export function format(template: string, ...args: (string | number)[]): string {
    return template.replace(/\$(\d+)/g, (whole, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? whole : String(value);
    });
}
