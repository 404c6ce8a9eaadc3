// The page's place (cockpit.location): path and options, so back/forward and reload keep them.
import { useSyncExternalStore } from "react";

import { cockpit } from "../lib/cockpit.ts";

export interface PageLocation {
    path: readonly string[];
    options: Readonly<Record<string, string>>;
}

function read(): PageLocation {
    const options: Record<string, string> = {};
    for (const [key, value] of Object.entries(cockpit.location.options))
        options[key] = Array.isArray(value) ? value[0] ?? "" : value;
    return { path: cockpit.location.path, options };
}

let current = read();

function subscribe(listener: () => void): () => void {
    const handler = (): void => {
        current = read();
        listener();
    };
    cockpit.addEventListener("locationchanged", handler);
    return () => cockpit.removeEventListener("locationchanged", handler);
}

export function useLocation(): PageLocation {
    return useSyncExternalStore(subscribe, () => current);
}

/**
 * Sets the options of the current path; empty values are dropped. `remember` adds a history
 * entry (a choice the user may want to go back from), else the entry is replaced (typing).
 */
export function setLocationOptions(options: Record<string, string>, remember: boolean): void {
    const kept: Record<string, string> = {};
    for (const [key, value] of Object.entries(options)) if (value) kept[key] = value;
    if (remember) cockpit.location.go(cockpit.location.path, kept);
    else cockpit.location.replace(cockpit.location.path, kept);
}

/** When the page shown is the one of a VM that is gone, the VM list takes its place (and its history entry: back would lead nowhere). */
export function leaveVmPage(connection: string, name: string): void {
    const [area, shownConnection, shownName] = cockpit.location.path;
    if (area === "vm" && shownConnection === connection && shownName === name) cockpit.location.replace([]);
}
