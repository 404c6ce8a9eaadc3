// The VM's network interfaces with their IP addresses, and the actions on them: add, edit,
// remove, and plug or unplug the link. An interface whose saved definition differs from what
// runs is marked: those changes apply after the VM shuts down.
import { Button, Label, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { settingsOf } from "../../../libvirt/interface-edit.ts";
import { useAddAlert } from "../../common/alerts.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { useDeviceChanges } from "../use-device-changes.ts";

import { AddNicDialog } from "./AddNicDialog.tsx";
import { EditNicDialog } from "./EditNicDialog.tsx";
import { RemoveNicDialog } from "./RemoveNicDialog.tsx";
import { plugInterface } from "../../../operations/nic-actions.ts";
import { NIC_TYPE_LABELS, pendingChanges, savedCounterpart } from "./nic-labels.ts";
import { type AddressOrigin, type LabelledAddress, useGuestAddresses } from "./use-guest-addresses.ts";

const ORIGIN_LABELS: Record<AddressOrigin, string> = { agent: _("guest agent"), lease: _("DHCP lease"), arp: _("ARP table") };

function PendingChanges({ changes }: { changes: string[] }) {
    if (!changes.length) return null;
    return (
        <div className="nic-pending">
            <Label isCompact color="orange">{_("changes apply after the VM shuts down")}</Label>{" "}
            <small className="nic-pending-changes">{changes.join(", ")}</small>
        </div>
    );
}

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
    const savedNics = config.saved?.interfaces ?? [];
    const macs = [...live.interfaces, ...savedNics].map(n => n.mac);

    const edit = (nic: DomainInterface, saved: DomainInterface | undefined): void => {
        const initial = settingsOf(saved ?? nic);
        if (!initial) return;
        const own = [nic.mac, saved?.mac].map(m => m?.toLowerCase());
        dialogs.show(<EditNicDialog vm={vm} live={nic} saved={saved} initial={initial} takenMacs={macs.filter(m => !own.includes(m.toLowerCase()))} onDone={reload} />);
    };

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
                    {live.interfaces.map(nic => {
                        const saved = vm.persistent ? savedCounterpart(nic, savedNics) : undefined;
                        const pending = running && saved ? pendingChanges(nic, saved) : [];
                        return (
                        <Tr key={nic.mac} data-mac={nic.mac} data-link={nic.linkUp ? "up" : "down"} data-pending={pending.length ? "yes" : "no"} className="vm-nic-row">
                            <Td dataLabel={_("Type")}>{NIC_TYPE_LABELS[nic.type] ?? nic.type}<PendingChanges changes={pending} /></Td>
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
                                {settingsOf(nic) && <Button variant="link" className="nic-edit" onClick={() => edit(nic, saved)}>{_("Edit")}</Button>}
                                <Button variant="link" isDanger className="nic-remove" onClick={() => dialogs.show(<RemoveNicDialog vm={vm} nic={nic} onDone={reload} />)}>
                                    {_("Remove")}
                                </Button>
                            </Td>
                        </Tr>
                        );
                    })}
                </Tbody>
            </Table>
            {live.interfaces.length === 0 && <p id="vm-nics-empty" className="vm-devices-empty">{_("This virtual machine has no network interfaces.")}</p>}
        </>
    );
}
