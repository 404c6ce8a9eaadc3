// Virtual networks as a kind of host resource: their columns, their Create form (a NAT network
// with DHCP) and the words of their page.
import { FormGroup, Grid, GridItem, TextInput } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { createNatNetwork, type Network, setNetworkAutostart, startNetwork, stopNetwork } from "../../libvirt/network-api.ts";
import type { NetworkAddress } from "../../libvirt/network-xml.ts";
import { networkSync, useNetworks } from "../../state/host-resources.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { vmsUsingNetwork } from "../common/resource-users.ts";
import type { ResourceKind } from "../host-resources/resource-kind.ts";
import { DeleteNetworkDialog } from "./DeleteNetworkDialog.tsx";
import { DEFAULT_NETWORK, type NatNetworkForm, natNetworkForm, natNetworkSpec, type NetworkProblem, suggestNatNetwork, validateNatNetwork } from "./network-defaults.ts";

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

const PROBLEMS: Record<NetworkProblem, string> = {
    name: _("Enter a name."),
    "name-slash": _("A name cannot contain \"/\"."),
    bridge: _("Enter a bridge name of at most 15 letters, digits, \"-\", \"_\" or \".\"."),
    address: _("Enter the host's IPv4 address on the network, e.g. 192.168.122.1."),
    prefix: _("Enter a prefix length between 8 and 30."),
    dhcp: _("Enter the first and last IPv4 address DHCP hands out."),
    "dhcp-outside": _("The DHCP range must lie inside the network."),
    "dhcp-order": _("The DHCP range must start before it ends."),
};

const addressText = (ip: NetworkAddress): string => ip.prefix !== undefined ? `${ip.address}/${String(ip.prefix)}` : ip.address;
const dhcpText = (ip: NetworkAddress): string => ip.dhcpStart ? `${ip.dhcpStart} – ${ip.dhcpEnd ?? ""}` : "";

function NetworkFields({ spec, onChange }: { spec: NatNetworkForm; onChange: (spec: NatNetworkForm) => void }) {
    const input = (field: keyof NatNetworkForm, label: string) => (
        <FormGroup label={label} isRequired fieldId={`create-network-${field}`}>
            <TextInput id={`create-network-${field}`} value={spec[field]} onChange={(_e, value) => onChange({ ...spec, [field]: value })} />
        </FormGroup>
    );
    return (
        <>
            {input("name", _("Name"))}
            {input("bridge", _("Bridge device"))}
            <Grid hasGutter>
                <GridItem span={8}>{input("address", _("Host address"))}</GridItem>
                <GridItem span={4}>{input("prefix", _("Prefix length"))}</GridItem>
                <GridItem span={6}>{input("dhcpStart", _("DHCP from"))}</GridItem>
                <GridItem span={6}>{input("dhcpEnd", _("DHCP to"))}</GridItem>
            </Grid>
        </>
    );
}

export const NETWORKS: ResourceKind<Network, NatNetworkForm> = {
    key: "network",
    pageId: "networks",
    listId: "networks",
    texts: {
        title: _("Networks"),
        create: _("Create network"),
        loading: _("Loading networks"),
        empty: _("No networks"),
        stopConfirm: _("Stop the network?"),
        defaultMissing: _("There is no default network"),
        defaultMissingBody: _("New virtual machines connect to the default network, which gives them Internet access through this host."),
        createDefault: _("Create default network"),
        createDefaultTitle: _("Create the default network"),
        defaultInactive: _("The default network is not running"),
        defaultInactiveBody: _("Virtual machines connected to it cannot start until it runs."),
    },
    useItems: useNetworks,
    sync: networkSync,
    columns: [
        { title: _("Forwarding"), className: "network-forward", cell: n => FORWARD_TEXT[n.forwardMode] ?? n.forwardMode },
        { title: _("Bridge"), className: "network-bridge", cell: n => n.bridge ?? "" },
        { title: _("IP range"), className: "network-ip", cell: n => n.addresses.map(addressText).join(", ") },
        { title: _("DHCP range"), className: "network-dhcp", cell: n => n.addresses.map(dhcpText).filter(Boolean).join(", ") },
        { title: _("State"), cell: n => <ActiveLabel active={n.active} /> },
    ],
    start: startNetwork,
    stop: stopNetwork,
    setAutostart: setNetworkAutostart,
    usedBy: (connection, network) => vmsUsingNetwork(connection, network.name),
    DeleteDialog: DeleteNetworkDialog,
    form: {
        intro: _("A private network whose VMs reach the outside through the host (NAT), with addresses from DHCP. It is started now and whenever the host boots."),
        Fields: NetworkFields,
        problem: form => {
            const problem = validateNatNetwork(natNetworkSpec(form));
            return problem && PROBLEMS[problem];
        },
        create: (connection, form) => createNatNetwork(connection, natNetworkSpec(form)),
    },
    defaultSpec: natNetworkForm(DEFAULT_NETWORK),
    newSpec: items => natNetworkForm(suggestNatNetwork({
        bridges: items.flatMap(n => n.bridge ? [n.bridge] : []),
        addresses: items.flatMap(n => n.addresses.map(a => a.address)),
    })),
};
