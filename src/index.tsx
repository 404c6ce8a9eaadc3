import "@patternfly/react-core/dist/styles/base.css";
import "./index.css";

import { createRoot } from "react-dom/client";

import { App } from "./views/app/App.tsx";

const root = document.getElementById("app");
if (root) createRoot(root).render(<App />);
