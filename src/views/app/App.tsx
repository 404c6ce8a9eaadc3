import { useEffect } from "react";

import { startSync } from "../../state/app-state.ts";
import { AlertProvider } from "../common/alerts.tsx";
import { DialogsProvider } from "../common/dialogs.tsx";
import { VmListPage } from "../vm-list/VmListPage.tsx";

export function App() {
    useEffect(startSync, []);
    return (
        <AlertProvider>
            <DialogsProvider>
                <div className="kvmm-app">
                    <VmListPage />
                </div>
            </DialogsProvider>
        </AlertProvider>
    );
}
