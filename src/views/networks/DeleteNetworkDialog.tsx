// Deletes a virtual network, naming the VMs connected to it first.
import { Stack } from "@patternfly/react-core";
import { useCallback } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import type { Network } from "../../libvirt/network-api.ts";
import { deleteNetworkWithForwards } from "../../operations/port-forwards.ts";
import { networkSync } from "../../state/host-resources.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { vmsUsingNetwork } from "../common/resource-users.ts";
import { ResourceUsersNote } from "../common/ResourceUsersNote.tsx";
import { useResourceUsers } from "../common/use-resource-users.ts";

export function DeleteNetworkDialog({ connection, item: network }: { connection: ConnectionId; item: Network }) {
    const find = useCallback(() => vmsUsingNetwork(connection, network.name), [connection, network.name]);
    const lookup = useResourceUsers(find);

    const submit = async (): Promise<void> => {
        await deleteNetworkWithForwards(connection, network);
        await networkSync(connection).refresh(network.path);
    };

    return (
        <ActionDialog id="delete-network-dialog" title={format(_("Delete network $0?"), network.name)} submitLabel={_("Delete")} danger
                      onSubmit={submit} isSubmitDisabled={lookup.users === null && !lookup.error}>
            <Stack hasGutter>
                <p>{network.active ? _("The network is stopped and removed from libvirt.") : _("The network is removed from libvirt.")}</p>
                <ResourceUsersNote id="delete-network" lookup={lookup}
                                   failure={{ variant: "warning", title: _("Could not find out which virtual machines use it") }}
                                   usersNote={{
                                       title: _("These virtual machines are connected to it"),
                                       text: _("Running ones lose this network connection; none of them can start again until their interface is moved to another network."),
                                   }} />
            </Stack>
        </ActionDialog>
    );
}
