// The VM's network interfaces with their IP addresses, and the actions on them: add, edit,
// remove, and plug or unplug the link. An interface whose saved definition differs from what
// runs is marked: those changes apply after the VM shuts down.
import { Button, Label, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useCallback, useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import type { DomainInterface } from "../../../libvirt/domain-devices-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { settingsOf } from "../../../libvirt/interface-edit.ts";
import { plugInterface } from "../../../operations/nic-actions.ts";
import { useAddAlert } from "../../common/alerts.tsx";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { useDeviceChanges } from "../use-device-changes.ts";
import { AddNicDialog } from "./AddNicDialog.tsx";
import { EditNicDialog } from "./EditNicDialog.tsx";
import { NIC_TYPE_LABELS, pendingChanges, savedCounterpart } from "./nic-labels.ts";
import { RemoveNicDialog } from "./RemoveNicDialog.tsx";
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

function nicColumns(running: boolean, pendingOf: (nic: DomainInterface) => string[],
                    addresses: ReadonlyMap<string, LabelledAddress[]>): Column<DomainInterface>[] {
    return [
        { title: _("Type"), cell: nic => <>{NIC_TYPE_LABELS[nic.type] ?? nic.type}<PendingChanges changes={pendingOf(nic)} /></> },
        { title: _("Source"), cell: nic => nic.source, sortKey: nic => nic.source },
        { title: _("Model"), cell: nic => nic.model ?? "" },
        { title: _("MAC address"), cell: nic => nic.mac, sortKey: nic => nic.mac },
        { title: _("Link"), cell: nic => nic.linkUp ? _("Up") : _("Down") },
        {
            title: _("IP addresses"), className: "vm-nic-addresses",
            cell: nic => <Addresses running={running} list={addresses.get(nic.mac.toLowerCase())} />,
        },
    ];
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
    const savedOf = (nic: DomainInterface): DomainInterface | undefined => vm.persistent ? savedCounterpart(nic, savedNics) : undefined;
    const pendingOf = (nic: DomainInterface): string[] => {
        const saved = savedOf(nic);
        return running && saved ? pendingChanges(nic, saved) : [];
    };

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
            <DataTable id="vm-nics" label={_("Network interfaces")} columns={nicColumns(running, pendingOf, addresses)} rows={live.interfaces}
                       rowKey={nic => nic.mac}
                       rowProps={nic => ({
                           className: "vm-nic-row", "data-mac": nic.mac, "data-link": nic.linkUp ? "up" : "down",
                           "data-pending": pendingOf(nic).length ? "yes" : "no",
                       })}
                       actions={nic => (
                           <>
                               <Button variant="link" className="nic-link-toggle" isLoading={busy === nic.mac} isDisabled={busy !== null}
                                       onClick={() => void toggleLink(nic)}>
                                   {nic.linkUp ? _("Unplug") : _("Plug in")}
                               </Button>
                               {settingsOf(nic) && <Button variant="link" className="nic-edit" onClick={() => edit(nic, savedOf(nic))}>{_("Edit")}</Button>}
                               <Button variant="link" isDanger className="nic-remove" onClick={() => dialogs.show(<RemoveNicDialog vm={vm} nic={nic} onDone={reload} />)}>
                                   {_("Remove")}
                               </Button>
                           </>
                       )}
                       empty={{ id: "vm-nics-empty", title: _("This virtual machine has no network interfaces.") }} compactStates />
        </>
    );
}
