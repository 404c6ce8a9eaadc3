// Virtual networks of the host: addressing, start/stop, and the default network new VMs need.
import { Button, EmptyState, Spinner, Title } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { useNetworks } from "../../state/host-resources.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { ResourceLoadError } from "../common/ResourceLoadError.tsx";

import { CreateNetworkDialog } from "./CreateNetworkDialog.tsx";
import { DefaultNetworkNotice } from "./DefaultNetworkNotice.tsx";
import { suggestNatNetwork } from "./network-defaults.ts";
import { NetworkTable } from "./NetworkTable.tsx";

const CONNECTION: ConnectionId = "system";

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
                <DefaultNetworkNotice connection={CONNECTION} networks={items} />
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
