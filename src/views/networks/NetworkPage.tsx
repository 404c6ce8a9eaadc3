// One virtual network's page: its settings, DHCP ranges, static leases and DNS hosts (changed
// live), its VMs with their MAC addresses and addresses, and the leases dnsmasq handed out.
import { Breadcrumb, BreadcrumbItem, Button, DescriptionList, Title } from "@patternfly/react-core";
import { type ReactNode, useCallback } from "react";

import { type PortForward,readPortForwards } from "../../host/port-forwards.ts";
import { cockpit } from "../../lib/cockpit.ts";
import { formatDateTime } from "../../lib/format-number.ts";
import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { describeError } from "../../libvirt/errors.ts";
import { type DhcpLease, getDhcpLeases, type Network, removeDhcpHost, removeDnsHost } from "../../libvirt/network-api.ts";
import type { DhcpHost, DnsHost } from "../../libvirt/network-xml.ts";
import { removePortForward } from "../../operations/port-forwards.ts";
import { networkSync, useNetworks } from "../../state/host-resources.ts";
import { useData } from "../../state/use-data.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { DataTable } from "../common/DataTable.tsx";
import { DetailItem } from "../common/DetailItem.tsx";
import { useDialogs } from "../common/dialogs.tsx";
import { type NetworkVm, vmsOnNetwork } from "../common/resource-users.ts";
import { useResourceAction } from "../common/use-resource-action.tsx";
import { AutostartSwitch } from "../host-resources/ResourceRowActions.tsx";
import { AddDnsHostDialog, AddLeaseDialog, AddPortForwardDialog, EditDhcpRangeDialog } from "./network-dialogs.tsx";
import { FORWARD_TEXT, NETWORKS } from "./network-kind.tsx";

const LEASE_POLL_MS = 5000;

function Section({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
    return (
        <section id={id} className="network-section">
            <div className="host-page-header">
                <Title headingLevel="h2">{title}</Title>
                {action}
            </div>
            {children}
        </section>
    );
}

function Settings({ connection, network }: { connection: ConnectionId; network: Network }) {
    const dialogs = useDialogs();
    return (
        <DescriptionList isHorizontal columnModifier={{ lg: "2Col" }} id="network-settings">
            <DetailItem id="network-state" term={_("State")}><ActiveLabel active={network.active} /></DetailItem>
            <DetailItem id="network-autostart" term={_("Start at boot")}><AutostartSwitch kind={NETWORKS} connection={connection} item={network} /></DetailItem>
            <DetailItem id="network-mode" term={_("Forwarding")}>{FORWARD_TEXT[network.forwardMode] ?? network.forwardMode}</DetailItem>
            <DetailItem id="network-bridge-name" term={network.forwardDevices.length > 0 ? _("Host interfaces") : _("Bridge")}>
                {network.forwardDevices.length > 0 ? network.forwardDevices.join(", ") : network.bridge ?? ""}
            </DetailItem>
            {network.domain && <DetailItem id="network-domain" term={_("DNS domain")}>{network.domain}</DetailItem>}
            {network.addresses.map((ip, index) => (
                <DetailItem key={`${ip.family}-${ip.address}`} id={`network-ip-${String(index)}`} term={ip.family === "ipv6" ? _("IPv6") : _("IPv4")}>
                    {`${ip.address}/${String(ip.prefix ?? "")}`}
                    {" · "}
                    <span className="network-dhcp-range">{ip.dhcpStart ? format(_("DHCP $0 – $1"), ip.dhcpStart, ip.dhcpEnd ?? "") : _("no DHCP")}</span>
                    {" "}
                    <Button variant="link" isInline id={`network-edit-dhcp-${String(index)}`}
                            onClick={() => dialogs.show(<EditDhcpRangeDialog connection={connection} network={network} index={index} />)}>
                        {_("Edit")}
                    </Button>
                </DetailItem>
            ))}
        </DescriptionList>
    );
}

type Change = (label: string, run: (n: Network) => Promise<void>) => void;

function StaticLeases({ connection, network, vms, change }: { connection: ConnectionId; network: Network; vms: readonly NetworkVm[]; change: Change }) {
    const dialogs = useDialogs();
    if (!network.addresses.some(a => a.family === "ipv4")) return null;
    const staticLeases: DhcpHost[] = network.addresses.flatMap(a => a.dhcpHosts);
    return (
        <Section id="network-static-leases" title={_("Static DHCP leases")}
                 action={<Button variant="secondary" id="network-add-lease"
                                 onClick={() => dialogs.show(<AddLeaseDialog connection={connection} network={network} vms={vms} />)}>{_("Add lease")}</Button>}>
            <DataTable id="network-lease-table" label={_("Static DHCP leases")} compactStates rows={staticLeases} rowKey={h => h.mac}
                       rowProps={h => ({ className: "network-lease-row", "data-mac": h.mac, "data-ip": h.ip })}
                       columns={[
                           { title: _("MAC address"), cell: h => h.mac, sortKey: h => h.mac },
                           { title: _("IP address"), cell: h => h.ip, sortKey: h => h.ip },
                           { title: _("Host name"), cell: h => h.name ?? "" },
                       ]}
                       actions={h => <Button variant="secondary" isDanger size="sm" className="network-lease-remove"
                                             onClick={() => change(_("Remove lease"), n => removeDhcpHost(connection, n, h))}>{_("Remove")}</Button>}
                       empty={{ id: "network-leases-empty", title: _("No static leases") }} />
        </Section>
    );
}

function DnsHosts({ connection, network, change }: { connection: ConnectionId; network: Network; change: Change }) {
    const dialogs = useDialogs();
    if (network.addresses.length === 0) return null;
    return (
        <Section id="network-dns-hosts" title={_("DNS host entries")}
                 action={<Button variant="secondary" id="network-add-dns-host"
                                 onClick={() => dialogs.show(<AddDnsHostDialog connection={connection} network={network} />)}>{_("Add DNS entry")}</Button>}>
            <DataTable id="network-dns-table" label={_("DNS host entries")} compactStates rows={network.dnsHosts} rowKey={h => h.ip}
                       rowProps={h => ({ className: "network-dns-row", "data-ip": h.ip })}
                       columns={[
                           { title: _("IP address"), cell: (h: DnsHost) => h.ip, sortKey: h => h.ip },
                           { title: _("Host names"), cell: (h: DnsHost) => h.hostnames.join(", ") },
                       ]}
                       actions={h => <Button variant="secondary" isDanger size="sm" className="network-dns-remove"
                                             onClick={() => change(_("Remove DNS entry"), n => removeDnsHost(connection, n, h))}>{_("Remove")}</Button>}
                       empty={{ id: "network-dns-empty", title: _("No DNS host entries") }} />
        </Section>
    );
}

function PortForwards({ connection, network, vms, leases }: { connection: ConnectionId; network: Network; vms: readonly NetworkVm[]; leases: readonly DhcpLease[] }) {
    const dialogs = useDialogs();
    const perform = useResourceAction();
    const forwards = useData(() => readPortForwards(connection, network.name), [connection, network.name]);
    if (network.forwardMode !== "nat") return null;
    const remove = (rule: PortForward): void => void perform({
        label: _("Remove port forward"), objectName: network.name,
        run: async () => { try { await removePortForward(connection, network, rule) } finally { forwards.reload() } },
    });
    return (
        <Section id="network-port-forwards" title={_("Port forwarding")}
                 action={<Button variant="secondary" id="network-add-port-forward" isDisabled={vms.length === 0}
                                 onClick={() => dialogs.show(<AddPortForwardDialog connection={connection} network={network} vms={vms} leases={leases} onDone={forwards.reload} />)}>
                     {_("Forward a port")}
                 </Button>}>
            <DataTable id="network-port-forward-table" label={_("Port forwarding")} compactStates rows={forwards.data} rowKey={r => `${r.protocol}-${String(r.hostPort)}`}
                       rowProps={r => ({ className: "network-port-forward-row", "data-forward": `${r.protocol}/${String(r.hostPort)}` })}
                       columns={[
                           { title: _("Host port"), cell: r => `${String(r.hostPort)}/${r.protocol}`, sortKey: r => r.hostPort },
                           { title: _("Virtual machine"), cell: r => r.vm, sortKey: r => r.vm },
                           { title: _("Destination"), cell: r => `${r.address}:${String(r.guestPort)}` },
                       ]}
                       actions={r => <Button variant="secondary" isDanger size="sm" className="network-port-forward-remove" onClick={() => remove(r)}>{_("Remove")}</Button>}
                       loading={_("Reading port forwards")}
                       problem={forwards.error ? { id: "network-port-forwards-problem", error: describeError(forwards.error) } : null}
                       empty={{ id: "network-port-forwards-empty", title: _("No ports are forwarded") }} />
        </Section>
    );
}

export function NetworkPage({ connection, name }: { connection: ConnectionId; name: string }) {
    const { items, loaded } = useNetworks(connection);
    const network = items.find(n => n.name === name);
    const perform = useResourceAction();
    const path = network?.path;
    const active = network?.active === true;
    const vms = useData(() => vmsOnNetwork(connection, name), [connection, name], { refresh: [active] });
    const leases = useData(async () => path && active ? getDhcpLeases(connection, path) : [], [connection, path, active], { pollMs: LEASE_POLL_MS });

    const change = useCallback((label: string, run: (n: Network) => Promise<void>) => {
        if (!network) return;
        void perform({ label, objectName: network.name, run: async () => { await run(network); await networkSync(connection).refresh(network.path) } });
    }, [perform, network, connection]);

    const back = (
        <Breadcrumb>
            <BreadcrumbItem to="#/networks" onClick={event => { event.preventDefault(); cockpit.location.go(["networks"]) }}>{_("Networks")}</BreadcrumbItem>
            <BreadcrumbItem isActive>{name}</BreadcrumbItem>
        </Breadcrumb>
    );
    if (!network) {
        return (
            <section className="host-page" id="network-page" data-loaded={String(loaded)}>
                {back}
                {loaded && <p id="network-missing">{format(_("There is no network named $0."), name)}</p>}
            </section>
        );
    }

    const addressesOf = (macs: readonly string[]): string =>
        (leases.data ?? []).filter(l => macs.includes(l.mac.toLowerCase())).map(l => l.address).join(", ");

    return (
        <section className="host-page" id="network-page" data-network={network.name} data-loaded="true">
            {back}
            <Title headingLevel="h1">{network.name}</Title>
            <Settings connection={connection} network={network} />

            <StaticLeases connection={connection} network={network} vms={vms.data ?? []} change={change} />
            <DnsHosts connection={connection} network={network} change={change} />
            <PortForwards connection={connection} network={network} vms={vms.data ?? []} leases={leases.data ?? []} />
            <Section id="network-vms" title={_("Virtual machines")}>
                <DataTable id="network-vm-table" label={_("Virtual machines")} compactStates rows={vms.data} rowKey={vm => vm.name}
                           rowProps={vm => ({ className: "network-vm-row", "data-vm": vm.name })}
                           columns={[
                               {
                                   title: _("Name"), sortKey: vm => vm.name,
                                   cell: vm => <a href={`#/vm/${connection}/${encodeURIComponent(vm.name)}`}
                                                  onClick={event => { event.preventDefault(); cockpit.location.go(["vm", connection, vm.name]) }}>{vm.name}</a>,
                               },
                               { title: _("State"), cell: vm => vm.running ? _("Running") : _("Shut off") },
                               { title: _("MAC address"), className: "network-vm-mac", cell: vm => vm.macs.join(", ") },
                               { title: _("Addresses"), className: "network-vm-addresses", cell: vm => addressesOf(vm.macs) },
                           ]}
                           loading={_("Looking for virtual machines")}
                           problem={vms.error ? { id: "network-vms-problem", error: describeError(vms.error) } : null}
                           empty={{ id: "network-vms-empty", title: _("No virtual machine is connected to this network") }} />
            </Section>

            {network.addresses.length > 0 && (
                <Section id="network-dhcp-leases" title={_("DHCP leases")}>
                    <DataTable id="network-dhcp-lease-table" label={_("DHCP leases")} compactStates rows={leases.data} rowKey={l => `${l.mac}-${l.address}`}
                               rowProps={l => ({ className: "network-dhcp-lease-row", "data-mac": l.mac, "data-ip": l.address })}
                               columns={[
                                   { title: _("MAC address"), cell: l => l.mac, sortKey: l => l.mac },
                                   { title: _("IP address"), cell: l => `${l.address}/${String(l.prefix)}`, sortKey: l => l.address },
                                   { title: _("Host name"), cell: l => l.hostname },
                                   { title: _("Expires"), cell: l => l.expiry > 0 ? formatDateTime(l.expiry * 1000) : _("never") },
                               ]}
                               loading={_("Reading leases")}
                               problem={leases.error ? { id: "network-dhcp-leases-problem", error: describeError(leases.error) } : null}
                               empty={{ id: "network-dhcp-leases-empty", title: active ? _("No leases handed out") : _("The network is not running") }} />
                </Section>
            )}
        </section>
    );
}
