// The page's visibility as Cockpit tells it: hidden in a background browser tab, and also while
// the shell shows another page or host.
import { cockpit } from "../lib/cockpit.ts";
import type { PageVisibility } from "./data-loader.ts";

export const pageVisibility: PageVisibility = {
    get hidden() {
        return cockpit.hidden;
    },
    onChange(listener) {
        cockpit.addEventListener("visibilitychange", listener);
        return () => cockpit.removeEventListener("visibilitychange", listener);
    },
};
