// Follows Cockpit's style setting (light, dark, or "auto" after the OS) as the shell's own pages
// do: the shell keeps the choice in localStorage under "shell:style" and announces a change with
// a "cockpit-style" event; other same-origin frames see the storage change. PatternFly 6 switches
// to its dark tokens when the document carries its dark theme class.
const STORAGE_KEY = "shell:style";
const DARK_CLASS = "pf-v6-theme-dark";
const OS_DARK = "(prefers-color-scheme: dark)";

function isDark(style: string | null): boolean {
    if (style === "dark") return true;
    if (style === "light") return false;
    return window.matchMedia(OS_DARK).matches;
}

function apply(style: string | null): void {
    document.documentElement.classList.toggle(DARK_CLASS, isDark(style));
}

function isStyleEvent(event: Event): event is CustomEvent<{ style?: string }> {
    return event instanceof CustomEvent;
}

/** Applies the current style and keeps following it for the page's life. */
export function followCockpitStyle(): void {
    const stored = () => apply(localStorage.getItem(STORAGE_KEY));
    const onStorage = (event: StorageEvent) => {
        if (event.key === STORAGE_KEY) stored();
    };
    // The event carries the new style: the shell may set the storage only after dispatching it.
    const onStyle = (event: Event) => {
        if (isStyleEvent(event)) apply(event.detail.style ?? null);
    };
    stored();
    window.addEventListener("storage", onStorage);
    window.addEventListener("cockpit-style", onStyle);
    window.matchMedia(OS_DARK).addEventListener("change", stored);
}
