import { type ReactNode, useEffect } from "react";

import type { ConnectionId } from "../../libvirt/connection.ts";
import { startSync } from "../../state/app-state.ts";
import { useLocation } from "../../state/use-location.ts";
import { AlertProvider } from "../common/alerts.tsx";
import { DialogsProvider } from "../common/dialogs.tsx";
import { HostResourcePage } from "../host-resources/HostResourcePage.tsx";
import { NETWORKS } from "../networks/network-kind.tsx";
import { NetworkPage } from "../networks/NetworkPage.tsx";
import { OverviewPage } from "../overview/OverviewPage.tsx";
import { POOLS } from "../storage-pools/pool-kind.tsx";
import { StoragePoolPage } from "../storage-pools/StoragePoolPage.tsx";
import { VmDetailsPage } from "../vm-details/VmDetailsPage.tsx";
import { VmListPage } from "../vm-list/VmListPage.tsx";
import { type Area, PAGE_ID, tabId, TopNav } from "./TopNav.tsx";

function isConnection(value: string | undefined): value is ConnectionId {
    return value === "system" || value === "session";
}

/** Routes: #/ the VM list; #/vm/<connection>/<name> one VM; #/overview the host; #/storage pools, #/storage/<pool> one pool;
 * #/networks networks, #/networks/<name> one network. */
function route(path: readonly string[]): { area: Area; page: ReactNode } {
    const [area, connection, name] = path;
    if (area === "overview") return { area: "overview", page: <OverviewPage /> };
    if (area === "storage" && connection) return { area: "storage", page: <StoragePoolPage key={connection} name={connection} /> };
    if (area === "storage") return { area: "storage", page: <HostResourcePage key="pools" kind={POOLS} /> };
    if (area === "networks" && path[1]) return { area: "networks", page: <NetworkPage key={path[1]} connection="system" name={path[1]} /> };
    if (area === "networks") return { area: "networks", page: <HostResourcePage key="networks" kind={NETWORKS} /> };
    if (area === "vm" && isConnection(connection) && name)
        return { area: "vms", page: <VmDetailsPage key={`${connection}/${name}`} connection={connection} name={name} /> };
    return { area: "vms", page: <VmListPage /> };
}

export function App() {
    useEffect(startSync, []);
    const { path } = useLocation();
    const { area, page } = route(path);
    return (
        <AlertProvider>
            <DialogsProvider>
                <div className="kvmm-app">
                    <TopNav current={area} />
                    <div id={PAGE_ID} role="tabpanel" aria-labelledby={tabId(area)}>{page}</div>
                </div>
            </DialogsProvider>
        </AlertProvider>
    );
}
