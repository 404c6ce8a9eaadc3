import { useEffect } from "react";

import type { ConnectionId } from "../../libvirt/connection.ts";
import { startSync } from "../../state/app-state.ts";
import { useLocation } from "../../state/use-location.ts";
import { AlertProvider } from "../common/alerts.tsx";
import { DialogsProvider } from "../common/dialogs.tsx";
import { VmDetailsPage } from "../vm-details/VmDetailsPage.tsx";
import { VmListPage } from "../vm-list/VmListPage.tsx";

function isConnection(value: string | undefined): value is ConnectionId {
    return value === "system" || value === "session";
}

/** Routes: #/ the VM list; #/vm/<connection>/<name> one VM. */
function CurrentPage() {
    const { path } = useLocation();
    const [area, connection, name] = path;
    if (area === "vm" && isConnection(connection) && name) return <VmDetailsPage key={`${connection}/${name}`} connection={connection} name={name} />;
    return <VmListPage />;
}

export function App() {
    useEffect(startSync, []);
    return (
        <AlertProvider>
            <DialogsProvider>
                <div className="kvmm-app">
                    <CurrentPage />
                </div>
            </DialogsProvider>
        </AlertProvider>
    );
}
