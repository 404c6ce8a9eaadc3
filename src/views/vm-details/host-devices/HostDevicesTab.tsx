// The host's PCI and USB devices given to the VM (passthrough): listed with what the host says of
// them, given from a list of the host's devices with their driver, IOMMU group and users, and
// taken back.
import { Button, Content, DescriptionList, Form, FormGroup, FormSelect, FormSelectOption, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { type DomainHostDevice, hostDeviceLabel, refersTo } from "../../../libvirt/host-device-xml.ts";
import { attachHostDevice, detachHostDevice, hostDeviceProblem, type HostDeviceUse, hostDeviceUses } from "../../../operations/host-devices.ts";
import { useData } from "../../../state/use-data.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { DetailItem } from "../../common/DetailItem.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { Notice } from "../../common/Notice.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

const KIND_LABELS = { pci: _("PCI"), usb: _("USB") } as const;

/** "Vendor Product", or the IDs where the host has no names for them. */
function deviceName(device: { vendorName: string; productName: string; vendorId: string; productId: string }): string {
    const names = [device.vendorName, device.productName].filter(Boolean).join(" ");
    return names || `${device.vendorId.replace(/^0x/, "")}:${device.productId.replace(/^0x/, "")}`;
}

interface Row { hostdev: DomainHostDevice; host: HostDeviceUse | undefined }

const COLUMNS: Column<Row>[] = [
    { title: _("Type"), cell: r => KIND_LABELS[r.hostdev.kind] },
    { title: _("Address"), cell: r => r.host?.address ?? hostDeviceLabel(r.hostdev), sortKey: r => hostDeviceLabel(r.hostdev) },
    { title: _("Device"), cell: r => r.host ? deviceName(r.host) : _("Not present on the host") },
    { title: _("Host driver"), cell: r => r.host?.driver || "—" },
];

function AddHostDeviceDialog({ vm, devices, running, onDone }: { vm: Vm; devices: HostDeviceUse[]; running: boolean; onDone: () => void }) {
    const [chosen, setChosen] = useState(devices[0]?.name ?? "");
    const device = devices.find(d => d.name === chosen);
    const problem = device && hostDeviceProblem(device, vm.name);
    const submit = async (): Promise<void> => {
        if (!device) return;
        await attachHostDevice(vm, device, devices, scopeFor(running, vm.persistent));
        onDone();
    };
    return (
        <ActionDialog id="add-host-device-dialog" title={format(_("Give a host device to $0"), vm.name)} submitLabel={_("Add")}
                      onSubmit={submit} isSubmitDisabled={!device || problem !== undefined}>
            <Form onSubmit={event => event.preventDefault()}>
                <FormGroup label={_("Host device")} fieldId="host-device-choice" isRequired>
                    <FormSelect id="host-device-choice" value={chosen} onChange={(_e, v) => setChosen(v)} aria-label={_("Host device")}>
                        {devices.map(d => (
                            <FormSelectOption key={d.name} value={d.name} label={`${KIND_LABELS[d.kind]} ${d.address} · ${deviceName(d)}`} />
                        ))}
                    </FormSelect>
                </FormGroup>
                {device && (
                    <DescriptionList isHorizontal isCompact id="host-device-facts">
                        <DetailItem id="host-device-driver" term={_("Host driver")}>{device.driver || "—"}</DetailItem>
                        {device.kind === "pci" && (
                            <DetailItem id="host-device-iommu" term={_("IOMMU group")}>{device.iommuGroup === undefined ? _("None: the host has no IOMMU") : String(device.iommuGroup)}</DetailItem>
                        )}
                        <DetailItem id="host-device-users" term={_("Used by")}>{device.usedBy.join(", ") || _("No virtual machine")}</DetailItem>
                    </DescriptionList>
                )}
                {device?.kind === "pci" && !problem && (
                    <Content component="p">{_("While the virtual machine runs, the host's driver lets go of the device and the host cannot use it.")}</Content>
                )}
                {problem && <Notice variant="warning" isInline title={_("This device cannot be given to this virtual machine")} id="host-device-problem">{problem}</Notice>}
            </Form>
        </ActionDialog>
    );
}

function RemoveHostDeviceDialog({ vm, row, running, onDone }: { vm: Vm; row: Row; running: boolean; onDone: () => void }) {
    const submit = async (): Promise<void> => {
        await detachHostDevice(vm, row.hostdev, scopeFor(running, vm.persistent));
        onDone();
    };
    const label = row.host?.address ?? hostDeviceLabel(row.hostdev);
    return (
        <ActionDialog id="remove-host-device-dialog" title={format(_("Take $0 back from the virtual machine?"), label)} submitLabel={_("Remove")} danger onSubmit={submit}>
            <Content component="p">
                {running ? _("The guest loses the device at once.") : _("The device is removed from the virtual machine's configuration.")}
            </Content>
        </ActionDialog>
    );
}

export function HostDevicesTab({ vm, config }: VmTabProps) {
    const dialogs = useDialogs();
    const running = isActiveState(vm.state);
    const host = useData(() => hostDeviceUses(vm.connection), [vm.connection]);
    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;
    const done = (): void => {
        config.reload();
        host.reload();
    };
    const rows: Row[] = live.hostDevices.map(hostdev => ({ hostdev, host: host.data?.find(d => refersTo(hostdev, d)) }));
    const hostProblem = host.error ? describeError(host.error) : undefined;
    return (
        <>
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem>
                        <Button id="vm-host-devices-add" variant="secondary" isDisabled={!host.data}
                                onClick={() => host.data && dialogs.show(<AddHostDeviceDialog vm={vm} devices={host.data} running={running} onDone={done} />)}>
                            {_("Add host device")}
                        </Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            {host.data?.length === 0 && (
                <Notice variant="info" isInline id="vm-host-devices-none" title={_("libvirt lists no PCI or USB devices on this host.")} />
            )}
            <DataTable id="vm-hostdevs" label={_("Host devices")} columns={COLUMNS} rows={rows} rowKey={r => `${r.hostdev.kind}-${hostDeviceLabel(r.hostdev)}`}
                       rowProps={r => ({ className: "vm-host-device-row", "data-address": r.host?.address ?? hostDeviceLabel(r.hostdev) })}
                       actions={r => (
                           <Button variant="link" isDanger className="host-device-remove"
                                   onClick={() => dialogs.show(<RemoveHostDeviceDialog vm={vm} row={r} running={running} onDone={done} />)}>
                               {_("Remove")}
                           </Button>
                       )}
                       problem={hostProblem && { id: "vm-host-devices-problem", title: _("The host's devices could not be read"), error: hostProblem }}
                       empty={{ id: "vm-hostdevs-empty", title: _("No host device is given to this virtual machine.") }} compactStates />
        </>
    );
}
