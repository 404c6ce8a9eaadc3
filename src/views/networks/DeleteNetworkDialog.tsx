// Deletes a virtual network, naming the VMs connected to it first.
import { Alert, Spinner, Stack } from "@patternfly/react-core";
import { useCallback } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { deleteNetwork, type Network } from "../../libvirt/network-api.ts";
import { networkSync } from "../../state/host-resources.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { vmsUsingNetwork } from "../common/resource-users.ts";
import { ResourceUserList } from "../common/ResourceUserList.tsx";
import { useResourceUsers } from "../common/use-resource-users.ts";

export function DeleteNetworkDialog({ connection, network }: { connection: ConnectionId; network: Network }) {
    const find = useCallback(() => vmsUsingNetwork(connection, network.name), [connection, network.name]);
    const { users, error } = useResourceUsers(find);

    const submit = async (): Promise<void> => {
        await deleteNetwork(connection, network);
        await networkSync(connection).refresh(network.path);
    };

    return (
        <ActionDialog id="delete-network-dialog" title={format(_("Delete network $0?"), network.name)} submitLabel={_("Delete")} danger
                      onSubmit={submit} isSubmitDisabled={users === null && !error}>
            <Stack hasGutter>
                <p>{network.active ? _("The network is stopped and removed from libvirt.") : _("The network is removed from libvirt.")}</p>
                {users === null && !error && <p><Spinner size="md" /> {_("Looking for virtual machines that use it…")}</p>}
                {error && (
                    <Alert variant="warning" isInline id="delete-network-users-error" title={_("Could not find out which virtual machines use it")}>
                        {error.detail}
                    </Alert>
                )}
                {users !== null && users.length > 0 && (
                    <Alert variant="warning" isInline id="delete-network-users" title={_("These virtual machines are connected to it")}>
                        <ResourceUserList users={users} />
                        {_("Running ones lose this network connection; none of them can start again until their interface is moved to another network.")}
                    </Alert>
                )}
            </Stack>
        </ActionDialog>
    );
}
