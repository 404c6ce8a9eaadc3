// cockpit.js is loaded by index.html as a classic script and defines a global.
import type { Cockpit } from "./cockpit-types.ts";

declare global {
    interface Window {
        cockpit: Cockpit;
    }
}

// Read from globalThis so that modules importing this also load in Node (unit tests of their
// pure helpers); there it is undefined, and nothing under test calls it.
export const cockpit: Cockpit = (globalThis as { cockpit?: Cockpit }).cockpit as Cockpit;
