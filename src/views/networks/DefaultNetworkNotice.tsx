// Says when the default network new VMs connect to is missing or stopped, and offers to fix it.
import { Alert, AlertActionLink } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { createNatNetwork, type Network, startNetwork } from "../../libvirt/network-api.ts";
import { networkSync } from "../../state/host-resources.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";

import { CreateNetworkDialog } from "./CreateNetworkDialog.tsx";
import { DEFAULT_NETWORK } from "./network-defaults.ts";

interface DefaultNetworkNoticeProps {
    connection: ConnectionId;
    networks: readonly Network[];
    /** Create it with libvirt's usual settings at once (inside another dialog, where no second one can open). */
    createDirectly?: boolean;
}

export function DefaultNetworkNotice({ connection, networks, createDirectly = false }: DefaultNetworkNoticeProps) {
    const dialogs = useDialogs();
    const perform = useResourceAction();
    const network = networks.find(n => n.name === DEFAULT_NETWORK.name);
    if (!network) {
        const create = (): void => {
            if (createDirectly) {
                void perform({ label: _("Create default network"), objectName: DEFAULT_NETWORK.name, run: async () => { await createNatNetwork(connection, DEFAULT_NETWORK) } });
            } else {
                dialogs.show(<CreateNetworkDialog connection={connection} initial={DEFAULT_NETWORK} title={_("Create the default network")} />);
            }
        };
        return (
            <Alert variant="info" isInline id="default-network-missing" title={_("There is no default network")}
                   actionLinks={<AlertActionLink id="create-default-network" onClick={create}>{_("Create default network")}</AlertActionLink>}>
                {_("New virtual machines connect to the default network, which gives them Internet access through this host.")}
            </Alert>
        );
    }
    if (network.active) return null;
    const start = (): void => void perform({
        label: _("Start"), objectName: network.name,
        run: async () => { await startNetwork(connection, network.path); await networkSync(connection).refresh(network.path) },
    });
    return (
        <Alert variant="warning" isInline id="default-network-inactive" title={_("The default network is not running")}
               actionLinks={<AlertActionLink id="start-default-network" onClick={start}>{_("Start")}</AlertActionLink>}>
            {_("Virtual machines connected to it cannot start until it runs.")}
        </Alert>
    );
}
