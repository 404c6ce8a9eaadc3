// Says when the default pool new VMs need is missing or stopped, and offers to fix it.
import { Alert, AlertActionLink } from "@patternfly/react-core";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { createDirPool, startStoragePool, type StoragePool } from "../../libvirt/storage-pool-api.ts";
import { poolSync } from "../../state/host-resources.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";

import { CreateStoragePoolDialog } from "./CreateStoragePoolDialog.tsx";
import { DEFAULT_POOL } from "./pool-defaults.ts";

interface DefaultPoolNoticeProps {
    connection: ConnectionId;
    pools: readonly StoragePool[];
    /** Create it with the usual settings at once (inside another dialog, where no second one can open). */
    createDirectly?: boolean;
}

export function DefaultPoolNotice({ connection, pools, createDirectly = false }: DefaultPoolNoticeProps) {
    const dialogs = useDialogs();
    const perform = useResourceAction();
    const pool = pools.find(p => p.name === DEFAULT_POOL.name);
    if (!pool) {
        const create = (): void => {
            if (createDirectly) {
                void perform({ label: _("Create default pool"), objectName: DEFAULT_POOL.name, run: async () => { await createDirPool(connection, DEFAULT_POOL) } });
            } else {
                dialogs.show(<CreateStoragePoolDialog connection={connection} initial={DEFAULT_POOL} title={_("Create the default storage pool")} />);
            }
        };
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
        run: async () => { await startStoragePool(connection, pool.path); await poolSync(connection).refresh(pool.path) },
    });
    return (
        <Alert variant="warning" isInline id="default-pool-inactive" title={_("The default storage pool is not running")}
               actionLinks={<AlertActionLink id="start-default-pool" onClick={start}>{_("Start")}</AlertActionLink>}>
            {_("New virtual machines cannot get disks until it runs.")}
        </Alert>
    );
}
