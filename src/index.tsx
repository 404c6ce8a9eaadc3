import "@patternfly/react-core/dist/styles/base.css";
import "./index.css";

import { createRoot } from "react-dom/client";

import { cockpitTransports } from "./lib/cockpit-transports.ts";
import { setTransports } from "./lib/transports.ts";
import { App } from "./views/app/App.tsx";
import { followCockpitStyle } from "./views/app/cockpit-style.ts";

setTransports(cockpitTransports);
// Before the first render, so that a dark page never flashes light.
followCockpitStyle();

const root = document.getElementById("app");
if (root) createRoot(root).render(<App />);
