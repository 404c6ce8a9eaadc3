// One row per storage pool, with Start / Stop / Refresh / Delete and the autostart switch.
import { Button, Switch } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { formatBytes } from "../../lib/format-bytes.ts";
import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import {
    refreshStoragePool, setStoragePoolAutostart, startStoragePool, stopStoragePool, type StoragePool, type StoragePoolState,
} from "../../libvirt/storage-pool-api.ts";
import { poolSync } from "../../state/host-resources.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { vmsUsingPool } from "../common/resource-users.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";

import { DeleteStoragePoolDialog } from "./DeleteStoragePoolDialog.tsx";

const STATE_TEXT: Record<StoragePoolState, string> = {
    inactive: _("Inactive"),
    building: _("Building"),
    running: _("Active"),
    degraded: _("Degraded"),
    inaccessible: _("Inaccessible"),
    unknown: _("Unknown"),
};

function PoolRow({ connection, pool }: { connection: ConnectionId; pool: StoragePool }) {
    const perform = useResourceAction();
    const dialogs = useDialogs();
    const after = (): Promise<void> => poolSync(connection).refresh(pool.path);
    const size = (bytes: number): string => pool.active ? formatBytes(bytes) : "—";

    const start = (): Promise<void> => perform({
        label: _("Start"), objectName: pool.name, run: async () => { await startStoragePool(connection, pool.path); await after() },
    });
    const stop = (): Promise<void> => perform({
        label: _("Stop"), objectName: pool.name, confirmTitle: _("Stop the storage pool?"),
        users: () => vmsUsingPool(connection, pool.name, pool.targetPath),
        run: async () => { await stopStoragePool(connection, pool.path); await after() },
    });
    const refresh = (): Promise<void> => perform({
        label: _("Refresh"), objectName: pool.name, run: async () => { await refreshStoragePool(connection, pool.path); await after() },
    });
    const autostart = (on: boolean): Promise<void> => perform({
        label: _("Autostart"), objectName: pool.name, run: async () => { await setStoragePoolAutostart(connection, pool.path, on); await after() },
    });

    return (
        <Tr className="pool-row" data-pool-name={pool.name} data-pool-active={String(pool.active)} data-pool-autostart={String(pool.autostart)}>
            <Td dataLabel={_("Name")}>{pool.name}</Td>
            <Td dataLabel={_("Type")}>{pool.type}</Td>
            <Td dataLabel={_("State")}><ActiveLabel active={pool.active} text={STATE_TEXT[pool.state]} /></Td>
            <Td dataLabel={_("Capacity")} className="pool-capacity">{size(pool.capacity)}</Td>
            <Td dataLabel={_("Allocation")} className="pool-allocation">{size(pool.allocation)}</Td>
            <Td dataLabel={_("Path")} className="pool-target">{pool.targetPath ?? pool.source ?? ""}</Td>
            <Td dataLabel={_("Autostart")}>
                <Switch id={`pool-autostart-${pool.name}`} className="pool-autostart" isChecked={pool.autostart} isDisabled={!pool.persistent}
                        aria-label={_("Start at boot")} onChange={(_e, on) => void autostart(on)} />
            </Td>
            <Td isActionCell>
                <div className="resource-actions">
                {pool.active
                    ? (
                        <>
                            <Button variant="link" size="sm" className="pool-refresh" onClick={() => void refresh()}>{_("Refresh")}</Button>
                            <Button variant="secondary" size="sm" className="pool-stop" onClick={() => void stop()}>{_("Stop")}</Button>
                        </>
                    )
                    : <Button variant="secondary" size="sm" className="pool-start" onClick={() => void start()}>{_("Start")}</Button>}
                <Button variant="secondary" isDanger size="sm" className="pool-delete"
                        onClick={() => dialogs.show(<DeleteStoragePoolDialog connection={connection} pool={pool} />)}>{_("Delete")}</Button>
                </div>
            </Td>
        </Tr>
    );
}

export function StoragePoolTable({ connection, pools }: { connection: ConnectionId; pools: readonly StoragePool[] }) {
    return (
        <Table aria-label={_("Storage pools")} variant="compact" id="pool-table">
            <Thead>
                <Tr>
                    <Th>{_("Name")}</Th>
                    <Th>{_("Type")}</Th>
                    <Th>{_("State")}</Th>
                    <Th>{_("Capacity")}</Th>
                    <Th>{_("Allocation")}</Th>
                    <Th>{_("Path")}</Th>
                    <Th>{_("Autostart")}</Th>
                    <Th screenReaderText={_("Actions")} />
                </Tr>
            </Thead>
            <Tbody>
                {pools.map(pool => <PoolRow key={pool.path} connection={connection} pool={pool} />)}
            </Tbody>
        </Table>
    );
}
