// Storage pools of the host: state, sizes, start/stop, and the default pool new VMs need.
import { Button, EmptyState, Spinner, Title } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { useStoragePools } from "../../state/host-resources.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { ResourceLoadError } from "../common/ResourceLoadError.tsx";

import { CreateStoragePoolDialog } from "./CreateStoragePoolDialog.tsx";
import { DefaultPoolNotice } from "./DefaultPoolNotice.tsx";
import { StoragePoolTable } from "./StoragePoolTable.tsx";

const CONNECTION: ConnectionId = "system";

export function StoragePoolsPage() {
    const { items, loaded, error } = useStoragePools(CONNECTION);
    const dialogs = useDialogs();
    const create = (): void => dialogs.show(
        <CreateStoragePoolDialog connection={CONNECTION} initial={{ name: "", path: "" }} title={_("Create storage pool")} />,
    );

    let body;
    if (!loaded) body = <EmptyState titleText={_("Loading storage pools")} headingLevel="h2" icon={Spinner} />;
    else if (error && items.length === 0) body = <ResourceLoadError error={error} nothingShown id="pools-unreachable" />;
    else {
        body = (
            <>
                {error && <ResourceLoadError error={error} nothingShown={false} id="pools-unreachable" />}
                <DefaultPoolNotice connection={CONNECTION} pools={items} />
                {items.length === 0
                    ? <EmptyState titleText={_("No storage pools")} headingLevel="h2" id="pools-empty" />
                    : <StoragePoolTable connection={CONNECTION} pools={items} />}
            </>
        );
    }

    return (
        <section className="host-page" id="storage-pools" data-loaded={String(loaded)}>
            <div className="host-page-header">
                <Title headingLevel="h1">{_("Storage pools")}</Title>
                <Button variant="primary" id="create-pool" onClick={create} isDisabled={!loaded}>{_("Create storage pool")}</Button>
            </div>
            {body}
        </section>
    );
}
