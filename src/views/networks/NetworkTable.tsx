// One row per virtual network, with Start / Stop / Delete and the autostart switch.
import { Button, Switch } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { type Network, setNetworkAutostart, startNetwork, stopNetwork } from "../../libvirt/network-api.ts";
import type { NetworkAddress } from "../../libvirt/network-xml.ts";
import { networkSync } from "../../state/host-resources.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { vmsUsingNetwork } from "../common/resource-users.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";

import { DeleteNetworkDialog } from "./DeleteNetworkDialog.tsx";

const FORWARD_TEXT: Record<string, string> = {
    nat: _("NAT"),
    route: _("Routed"),
    open: _("Open"),
    bridge: _("Bridge"),
    isolated: _("Isolated"),
    passthrough: _("Passthrough"),
    private: _("Private"),
    vepa: _("VEPA"),
    hostdev: _("Host device"),
};

const addressText = (ip: NetworkAddress): string => ip.prefix !== undefined ? `${ip.address}/${String(ip.prefix)}` : ip.address;
const dhcpText = (ip: NetworkAddress): string => ip.dhcpStart ? `${ip.dhcpStart} – ${ip.dhcpEnd ?? ""}` : "";

function NetworkRow({ connection, network }: { connection: ConnectionId; network: Network }) {
    const perform = useResourceAction();
    const dialogs = useDialogs();
    const after = (): Promise<void> => networkSync(connection).refresh(network.path);

    const start = (): Promise<void> => perform({
        label: _("Start"), objectName: network.name, run: async () => { await startNetwork(connection, network.path); await after() },
    });
    const stop = (): Promise<void> => perform({
        label: _("Stop"), objectName: network.name, confirmTitle: _("Stop the network?"),
        users: () => vmsUsingNetwork(connection, network.name),
        run: async () => { await stopNetwork(connection, network.path); await after() },
    });
    const autostart = (on: boolean): Promise<void> => perform({
        label: _("Autostart"), objectName: network.name, run: async () => { await setNetworkAutostart(connection, network.path, on); await after() },
    });

    return (
        <Tr className="network-row" data-network-name={network.name} data-network-active={String(network.active)}
            data-network-autostart={String(network.autostart)}>
            <Td dataLabel={_("Name")}>{network.name}</Td>
            <Td dataLabel={_("Forwarding")} className="network-forward">{FORWARD_TEXT[network.forwardMode] ?? network.forwardMode}</Td>
            <Td dataLabel={_("Bridge")} className="network-bridge">{network.bridge ?? ""}</Td>
            <Td dataLabel={_("IP range")} className="network-ip">{network.addresses.map(addressText).join(", ")}</Td>
            <Td dataLabel={_("DHCP range")} className="network-dhcp">{network.addresses.map(dhcpText).filter(Boolean).join(", ")}</Td>
            <Td dataLabel={_("State")}><ActiveLabel active={network.active} /></Td>
            <Td dataLabel={_("Autostart")}>
                <Switch id={`network-autostart-${network.name}`} className="network-autostart" isChecked={network.autostart}
                        isDisabled={!network.persistent} aria-label={_("Start at boot")} onChange={(_e, on) => void autostart(on)} />
            </Td>
            <Td isActionCell>
                <div className="resource-actions">
                {network.active
                    ? <Button variant="secondary" size="sm" className="network-stop" onClick={() => void stop()}>{_("Stop")}</Button>
                    : <Button variant="secondary" size="sm" className="network-start" onClick={() => void start()}>{_("Start")}</Button>}
                <Button variant="secondary" isDanger size="sm" className="network-delete"
                        onClick={() => dialogs.show(<DeleteNetworkDialog connection={connection} network={network} />)}>{_("Delete")}</Button>
                </div>
            </Td>
        </Tr>
    );
}

export function NetworkTable({ connection, networks }: { connection: ConnectionId; networks: readonly Network[] }) {
    return (
        <Table aria-label={_("Networks")} variant="compact" id="network-table">
            <Thead>
                <Tr>
                    <Th>{_("Name")}</Th>
                    <Th>{_("Forwarding")}</Th>
                    <Th>{_("Bridge")}</Th>
                    <Th>{_("IP range")}</Th>
                    <Th>{_("DHCP range")}</Th>
                    <Th>{_("State")}</Th>
                    <Th>{_("Autostart")}</Th>
                    <Th screenReaderText={_("Actions")} />
                </Tr>
            </Thead>
            <Tbody>
                {networks.map(network => <NetworkRow key={network.path} connection={connection} network={network} />)}
            </Tbody>
        </Table>
    );
}
