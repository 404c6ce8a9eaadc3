// Storage pools of the host: state, sizes, start/stop, and the default pool new VMs need.
import { Alert, AlertActionLink, Button, EmptyState, Spinner, Title } from "@patternfly/react-core";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { startStoragePool, type StoragePool } from "../../libvirt/storage-pool-api.ts";
import { poolSync, useStoragePools } from "../../state/host-resources.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { ResourceLoadError } from "../common/ResourceLoadError.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";

import { CreateStoragePoolDialog } from "./CreateStoragePoolDialog.tsx";
import { DEFAULT_POOL } from "./pool-defaults.ts";
import { StoragePoolTable } from "./StoragePoolTable.tsx";

const CONNECTION: ConnectionId = "system";

function DefaultPoolNotice({ pools }: { pools: readonly StoragePool[] }) {
    const dialogs = useDialogs();
    const perform = useResourceAction();
    const pool = pools.find(p => p.name === DEFAULT_POOL.name);
    if (!pool) {
        const create = (): void => dialogs.show(<CreateStoragePoolDialog connection={CONNECTION} initial={DEFAULT_POOL} title={_("Create the default storage pool")} />);
        return (
            <Alert variant="info" isInline id="default-pool-missing" title={_("There is no default storage pool")}
                   actionLinks={<AlertActionLink id="create-default-pool" onClick={create}>{_("Create default pool")}</AlertActionLink>}>
                {format(_("New virtual machines keep their disks in the default pool ($0)."), DEFAULT_POOL.path)}
            </Alert>
        );
    }
    if (pool.active) return null;
    const start = (): void => void perform({
        label: _("Start"), objectName: pool.name,
        run: async () => { await startStoragePool(CONNECTION, pool.path); await poolSync(CONNECTION).refresh(pool.path) },
    });
    return (
        <Alert variant="warning" isInline id="default-pool-inactive" title={_("The default storage pool is not running")}
               actionLinks={<AlertActionLink id="start-default-pool" onClick={start}>{_("Start")}</AlertActionLink>}>
            {_("New virtual machines cannot get disks until it runs.")}
        </Alert>
    );
}

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
                <DefaultPoolNotice pools={items} />
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
