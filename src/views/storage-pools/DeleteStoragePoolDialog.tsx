// Deletes a storage pool, optionally with its volumes. Names the VMs with disks in it: deleting
// their volumes is refused, removing only the pool is asked.
import { Checkbox, Stack } from "@patternfly/react-core";
import { useCallback, useState } from "react";

import { _, format, ngettext } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { deleteStoragePool, listPoolVolumes, type StoragePool } from "../../libvirt/storage-pool-api.ts";
import { poolSync } from "../../state/host-resources.ts";
import { useData } from "../../state/use-data.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { Notice } from "../common/Notice.tsx";
import { vmsUsingPool } from "../common/resource-users.ts";
import { ResourceUserList } from "../common/ResourceUserList.tsx";
import { ResourceUsersNote } from "../common/ResourceUsersNote.tsx";
import { useResourceUsers } from "../common/use-resource-users.ts";

function volumesLabel(pool: StoragePool, count: number | null): string {
    if (count === null) return pool.active ? _("Also delete its volumes") : _("Also delete its volumes (the pool is started to find them)");
    return format(ngettext("Also delete its $0 volume", "Also delete its $0 volumes", count), count);
}

export function DeleteStoragePoolDialog({ connection, item: pool }: { connection: ConnectionId; item: StoragePool }) {
    const find = useCallback(() => vmsUsingPool(connection, pool.name, pool.targetPath), [connection, pool.name, pool.targetPath]);
    const lookup = useResourceUsers(find);
    const { users, error } = lookup;
    const [withVolumes, setWithVolumes] = useState(false);
    // Only the label needs it: without the count the checkbox still works.
    const volumes = useData(async () => pool.active ? (await listPoolVolumes(connection, pool.path)).length : null,
                            [connection, pool.path, pool.active], { identity: [connection, pool.path] });
    const volumeCount = volumes.data ?? null;

    const used = users !== null && users.length > 0;
    // Unknown users count as users for deleting volumes.
    const refused = (used || error !== null) && withVolumes;

    const submit = async (): Promise<void> => {
        await deleteStoragePool(connection, pool, withVolumes);
        await poolSync(connection).refresh(pool.path);
    };

    return (
        <ActionDialog id="delete-pool-dialog" title={format(_("Delete storage pool $0?"), pool.name)} submitLabel={_("Delete")} danger
                      onSubmit={submit} isSubmitDisabled={(users === null && !error) || refused}>
            <Stack hasGutter>
                <p>
                    {pool.active ? _("The pool is stopped and removed from libvirt.") : _("The pool is removed from libvirt.")}{" "}
                    {withVolumes
                        ? format(_("Its disk images in $0 are deleted for good, and the directory too when nothing else is left in it."), pool.targetPath ?? pool.name)
                        : format(_("Its disk images stay in $0."), pool.targetPath ?? pool.name)}
                </p>
                <Checkbox id="delete-pool-volumes" label={volumesLabel(pool, volumeCount)} isChecked={withVolumes}
                          onChange={(_e, on) => setWithVolumes(on)} />
                <ResourceUsersNote id="delete-pool" lookup={lookup}
                                   failure={{ variant: "danger", title: _("Could not find out which virtual machines use it, so its volumes cannot be deleted") }}
                                   usersNote={withVolumes ? null : {
                                       title: _("These virtual machines have disks in this pool"),
                                       text: _("Their disk images stay, but disks that name the pool cannot be used until a pool of that name exists again."),
                                   }} />
                {refused && used && (
                    <Notice variant="danger" isInline id="delete-pool-refused" title={_("Its volumes cannot be deleted: these virtual machines use them")}>
                        <ResourceUserList users={users} />
                        {_("Remove those disks from the virtual machines, or delete the virtual machines, first.")}
                    </Notice>
                )}
            </Stack>
        </ActionDialog>
    );
}
