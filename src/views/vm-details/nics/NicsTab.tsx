// The VM's network interfaces with their IP addresses, and the actions on them: add, remove,
// and plug or unplug the link.
import { Button, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { useAddAlert } from "../../common/alerts.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { useDeviceChanges } from "../use-device-changes.ts";

import { AddNicDialog } from "./AddNicDialog.tsx";
import { RemoveNicDialog } from "./RemoveNicDialog.tsx";
import { plugInterface } from "./nic-actions.ts";
import { NIC_TYPE_LABELS } from "./nic-labels.ts";
import { type AddressOrigin, type LabelledAddress, useGuestAddresses } from "./use-guest-addresses.ts";

const ORIGIN_LABELS: Record<AddressOrigin, string> = { agent: _("guest agent"), lease: _("DHCP lease"), arp: _("ARP table") };

function Addresses({ running, list }: { running: boolean; list: LabelledAddress[] | undefined }) {
    if (!running) return <>—</>;
    if (!list?.length) return <span className="nic-address-unknown">{_("Unknown")}</span>;
    return (
        <>
            {list.map(a => (
                <div key={a.address} className="nic-address" data-address={a.address} data-origin={a.origin}>
                    {a.prefix ? `${a.address}/${String(a.prefix)}` : a.address} <small>({ORIGIN_LABELS[a.origin]})</small>
                </div>
            ))}
        </>
    );
}

export function NicsTab({ vm, config }: VmTabProps) {
    const dialogs = useDialogs();
    const addAlert = useAddAlert();
    const running = isActiveState(vm.state);
    const addresses = useGuestAddresses(vm, running);
    const [busy, setBusy] = useState<string | null>(null);
    const { reload } = config;
    useDeviceChanges(vm, reload);

    const toggleLink = useCallback(async (nic: DomainInterface): Promise<void> => {
        setBusy(nic.mac);
        try {
            await plugInterface(vm, nic.mac, !nic.linkUp, scopeFor(running, vm.persistent));
        } catch (error) {
            const described = describeError(error);
            addAlert({ variant: "danger", title: described.summary, detail: described.detail });
        } finally {
            setBusy(null);
            reload();
        }
    }, [vm, running, addAlert, reload]);

    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;
    const macs = [...live.interfaces, ...(config.saved?.interfaces ?? [])].map(n => n.mac);

    return (
        <>
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem>
                        <Button id="vm-nics-add" variant="secondary" onClick={() => dialogs.show(<AddNicDialog vm={vm} takenMacs={macs} onDone={reload} />)}>
                            {_("Add network interface")}
                        </Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            <Table aria-label={_("Network interfaces")} variant="compact" id="vm-nics">
                <Thead>
                    <Tr>
                        <Th>{_("Type")}</Th>
                        <Th>{_("Source")}</Th>
                        <Th>{_("Model")}</Th>
                        <Th>{_("MAC address")}</Th>
                        <Th>{_("Link")}</Th>
                        <Th>{_("IP addresses")}</Th>
                        <Th screenReaderText={_("Actions")} />
                    </Tr>
                </Thead>
                <Tbody>
                    {live.interfaces.map(nic => (
                        <Tr key={nic.mac} data-mac={nic.mac} data-link={nic.linkUp ? "up" : "down"} className="vm-nic-row">
                            <Td dataLabel={_("Type")}>{NIC_TYPE_LABELS[nic.type] ?? nic.type}</Td>
                            <Td dataLabel={_("Source")}>{nic.source}</Td>
                            <Td dataLabel={_("Model")}>{nic.model ?? ""}</Td>
                            <Td dataLabel={_("MAC address")}>{nic.mac}</Td>
                            <Td dataLabel={_("Link")}>{nic.linkUp ? _("Up") : _("Down")}</Td>
                            <Td dataLabel={_("IP addresses")} className="vm-nic-addresses">
                                <Addresses running={running} list={addresses.get(nic.mac.toLowerCase())} />
                            </Td>
                            <Td isActionCell>
                                <Button variant="link" className="nic-link-toggle" isLoading={busy === nic.mac} isDisabled={busy !== null}
                                        onClick={() => void toggleLink(nic)}>
                                    {nic.linkUp ? _("Unplug") : _("Plug in")}
                                </Button>
                                <Button variant="link" isDanger className="nic-remove" onClick={() => dialogs.show(<RemoveNicDialog vm={vm} nic={nic} onDone={reload} />)}>
                                    {_("Remove")}
                                </Button>
                            </Td>
                        </Tr>
                    ))}
                </Tbody>
            </Table>
            {live.interfaces.length === 0 && <p id="vm-nics-empty" className="vm-devices-empty">{_("This virtual machine has no network interfaces.")}</p>}
        </>
    );
}
