// Virtual networks of the host: addressing, start/stop, and the default network new VMs need.
import { Alert, AlertActionLink, Button, EmptyState, Spinner, Title } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { type Network, startNetwork } from "../../libvirt/network-api.ts";
import { networkSync, useNetworks } from "../../state/host-resources.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { ResourceLoadError } from "../common/ResourceLoadError.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";

import { CreateNetworkDialog } from "./CreateNetworkDialog.tsx";
import { DEFAULT_NETWORK, suggestNatNetwork } from "./network-defaults.ts";
import { NetworkTable } from "./NetworkTable.tsx";

const CONNECTION: ConnectionId = "system";

function DefaultNetworkNotice({ networks }: { networks: readonly Network[] }) {
    const dialogs = useDialogs();
    const perform = useResourceAction();
    const network = networks.find(n => n.name === DEFAULT_NETWORK.name);
    if (!network) {
        const create = (): void => dialogs.show(<CreateNetworkDialog connection={CONNECTION} initial={DEFAULT_NETWORK} title={_("Create the default network")} />);
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
        run: async () => { await startNetwork(CONNECTION, network.path); await networkSync(CONNECTION).refresh(network.path) },
    });
    return (
        <Alert variant="warning" isInline id="default-network-inactive" title={_("The default network is not running")}
               actionLinks={<AlertActionLink id="start-default-network" onClick={start}>{_("Start")}</AlertActionLink>}>
            {_("Virtual machines connected to it cannot start until it runs.")}
        </Alert>
    );
}

export function NetworksPage() {
    const { items, loaded, error } = useNetworks(CONNECTION);
    const dialogs = useDialogs();
    const create = (): void => {
        const suggestion = suggestNatNetwork({
            bridges: items.flatMap(n => n.bridge ? [n.bridge] : []),
            addresses: items.flatMap(n => n.addresses.map(a => a.address)),
        });
        dialogs.show(<CreateNetworkDialog connection={CONNECTION} initial={suggestion} title={_("Create network")} />);
    };

    let body;
    if (!loaded) body = <EmptyState titleText={_("Loading networks")} headingLevel="h2" icon={Spinner} />;
    else if (error && items.length === 0) body = <ResourceLoadError error={error} nothingShown id="networks-unreachable" />;
    else {
        body = (
            <>
                {error && <ResourceLoadError error={error} nothingShown={false} id="networks-unreachable" />}
                <DefaultNetworkNotice networks={items} />
                {items.length === 0
                    ? <EmptyState titleText={_("No networks")} headingLevel="h2" id="networks-empty" />
                    : <NetworkTable connection={CONNECTION} networks={items} />}
            </>
        );
    }

    return (
        <section className="host-page" id="networks" data-loaded={String(loaded)}>
            <div className="host-page-header">
                <Title headingLevel="h1">{_("Networks")}</Title>
                <Button variant="primary" id="create-network" onClick={create} isDisabled={!loaded}>{_("Create network")}</Button>
            </div>
            {body}
        </section>
    );
}
