// cockpit.js is loaded by index.html as a classic script and defines a global.
import type { Cockpit } from "./cockpit-types.ts";

declare global {
    interface Window {
        cockpit: Cockpit;
    }
}

export const cockpit: Cockpit = window.cockpit;
