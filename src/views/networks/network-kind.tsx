// Virtual networks as a kind of host resource: their columns, their Create form (every
// forwarding mode, IPv4 and IPv6 with DHCP, a DNS domain) and the words of their page.
import { FormGroup, Grid, GridItem, TextInput } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { type Network, setNetworkAutostart } from "../../libvirt/network-api.ts";
import { modeHasAddresses, NETWORK_MODES, type NetworkAddress, type NetworkMode } from "../../libvirt/network-xml.ts";
import { createCheckedNetwork } from "../../operations/create-network.ts";
import { NETWORK_PROBLEMS, validateNetwork } from "../../operations/network-checks.ts";
import { setNetworkRunning } from "../../operations/port-forwards.ts";
import { networkSync, useNetworks } from "../../state/host-resources.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { vmsUsingNetwork } from "../common/resource-users.ts";
import type { ResourceKind } from "../host-resources/resource-kind.ts";
import { SelectField } from "../vm-details/disks/form-fields.tsx";
import { DeleteNetworkDialog } from "./DeleteNetworkDialog.tsx";
import { DEFAULT_NETWORK, natNetworkForm, type NetworkForm, networkSpec, suggestNatNetwork } from "./network-defaults.ts";

export const FORWARD_TEXT: Record<string, string> = {
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

const MODE_TEXT: Record<NetworkMode, string> = {
    nat: _("NAT: VMs reach the outside through the host's address"),
    route: _("Routed: VMs' addresses are routed, without NAT"),
    open: _("Open: routed, and the host adds no firewall rules"),
    isolated: _("Isolated: VMs reach each other and the host only"),
    bridge: _("Bridge: VMs join a bridge the host already has"),
    macvtap: _("Direct (macvtap): VMs share host network interfaces"),
};


const addressText = (ip: NetworkAddress): string => ip.prefix !== undefined ? `${ip.address}/${String(ip.prefix)}` : ip.address;
const dhcpText = (ip: NetworkAddress): string => ip.dhcpStart ? `${ip.dhcpStart} – ${ip.dhcpEnd ?? ""}` : "";

function NetworkFields({ spec, onChange }: { spec: NetworkForm; onChange: (spec: NetworkForm) => void }) {
    const input = (field: Exclude<keyof NetworkForm, "mode">, label: string, required = true) => (
        <FormGroup label={label} isRequired={required} fieldId={`create-network-${field}`}>
            <TextInput id={`create-network-${field}`} value={spec[field]} onChange={(_e, value) => onChange({ ...spec, [field]: value })} />
        </FormGroup>
    );
    const addressed = modeHasAddresses(spec.mode);
    return (
        <>
            {input("name", _("Name"))}
            <SelectField id="create-network-mode" label={_("Forwarding")} value={spec.mode}
                         choices={NETWORK_MODES.map(m => ({ value: m, label: MODE_TEXT[m] }))}
                         onChange={mode => onChange({ ...spec, mode: mode as NetworkMode })} />
            {spec.mode === "bridge" && input("bridge", _("Host bridge"))}
            {spec.mode === "macvtap" && input("devices", _("Host interfaces"))}
            {addressed && input("bridge", _("Bridge device"))}
            {spec.mode === "route" && input("devices", _("Routed through interface"), false)}
            {addressed && (
                <Grid hasGutter>
                    <GridItem span={8}>{input("address", _("Host IPv4 address"), false)}</GridItem>
                    <GridItem span={4}>{input("prefix", _("Prefix length"), false)}</GridItem>
                    <GridItem span={6}>{input("dhcpStart", _("DHCP from"), false)}</GridItem>
                    <GridItem span={6}>{input("dhcpEnd", _("DHCP to"), false)}</GridItem>
                    <GridItem span={8}>{input("ipv6Address", _("Host IPv6 address"), false)}</GridItem>
                    <GridItem span={4}>{input("ipv6Prefix", _("IPv6 prefix length"), false)}</GridItem>
                    <GridItem span={6}>{input("ipv6DhcpStart", _("DHCPv6 from"), false)}</GridItem>
                    <GridItem span={6}>{input("ipv6DhcpEnd", _("DHCPv6 to"), false)}</GridItem>
                </Grid>
            )}
            {addressed && input("domain", _("DNS domain"), false)}
        </>
    );
}

export const NETWORKS: ResourceKind<Network, NetworkForm> = {
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
    start: (connection, path) => setNetworkRunning(connection, path, true),
    stop: (connection, path) => setNetworkRunning(connection, path, false),
    setAutostart: setNetworkAutostart,
    usedBy: (connection, network) => vmsUsingNetwork(connection, network.name),
    DeleteDialog: DeleteNetworkDialog,
    form: {
        intro: _("A network for virtual machines, with addresses from DHCP where the host serves them. It is started now and whenever the host boots."),
        Fields: NetworkFields,
        problem: form => {
            const problem = validateNetwork(networkSpec(form));
            return problem && NETWORK_PROBLEMS[problem];
        },
        create: (connection, form) => createCheckedNetwork(connection, networkSpec(form)),
    },
    detailsPath: network => ["networks", network.name],
    defaultSpec: natNetworkForm(DEFAULT_NETWORK),
    newSpec: items => natNetworkForm(suggestNatNetwork({
        bridges: items.flatMap(n => n.bridge ? [n.bridge] : []),
        addresses: items.flatMap(n => n.addresses.map(a => a.address)),
    })),
};
