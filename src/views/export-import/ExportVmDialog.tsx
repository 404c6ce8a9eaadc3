// Export a VM to a file on the host, into a storage pool or as a download to the user's computer: OVA (for VMware and
// VirtualBox) or a KVM Manager bundle.
// A running VM is exported from one of its snapshots. The step runs under the dialog; Cancel
// stops it and nothing is left behind.
import { Checkbox, Content, Form, FormGroup, FormSelect, FormSelectOption, Radio } from "@patternfly/react-core";
import { useRef, useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import { isOvfVersion, type OvfVersion } from "../../lib/ovf/ovf-build.ts";
import { domainPath } from "../../libvirt/domain-api.ts";
import { describeError } from "../../libvirt/errors.ts";
import { listSnapshots } from "../../libvirt/snapshot-api.ts";
import { exportDownload } from "../../operations/export-import/browser-transfer.ts";
import { type ExportFormat, exportVm } from "../../operations/export-import/export-vm.ts";
import type { TransferProgress } from "../../operations/progress.ts";
import { useData } from "../../state/use-data.ts";
import type { Vm } from "../../state/vm-types.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { useAddAlert } from "../common/alerts.tsx";
import { OperationProgress } from "../common/OperationProgress.tsx";
import { destinationComplete, DestinationFields, initialDestination, withExtension } from "./ExportDestination.tsx";

const EXTENSIONS: Record<ExportFormat, string> = { ova: ".ova", bundle: ".tar" };

function OvfVersionField({ version, setVersion }: { version: OvfVersion; setVersion: (version: OvfVersion) => void }) {
    return (
        <FormGroup label={_("OVF version")} fieldId="export-vm-ovf-version">
            <FormSelect id="export-vm-ovf-version" value={version} onChange={(_e, v) => { if (isOvfVersion(v)) setVersion(v); }}>
                <FormSelectOption value="1.0" label={_("OVF 1.0: imported by every version of VMware and VirtualBox")} />
                <FormSelectOption value="2.0" label={_("OVF 2.0: the newer standard, for tools that ask for it")} />
            </FormSelect>
        </FormGroup>
    );
}

export function ExportVmDialog({ vm }: { vm: Vm }) {
    const addAlert = useAddAlert();
    const [kind, setKind] = useState<ExportFormat>("ova");
    const [destination, setDestination] = useState(() => initialDestination(vm.name));
    const [compress, setCompress] = useState(false);
    const [ovfVersion, setOvfVersion] = useState<OvfVersion>("1.0");
    const [step, setStep] = useState<string>();
    const [transfer, setTransfer] = useState<TransferProgress>();
    const running = vm.state !== "shutoff";
    const snapshots = useData(async () => (await listSnapshots(vm.connection, await domainPath(vm))).map(s => s.name).sort(), [vm]).data ?? [];
    const [snapshot, setSnapshot] = useState<string>();
    // "" in the list is the current state (of a shut-off VM).
    const chosenSnapshot = snapshot === undefined ? (running ? snapshots[0] : undefined) : snapshot || undefined;
    const abort = useRef<AbortController>(undefined);

    const choose = (next: ExportFormat): void => {
        setKind(next);
        setDestination(d => withExtension(d, EXTENSIONS[next]));
    };
    const cancel = (): void => {
        abort.current?.abort();
        setStep(_("Cancelling…"));
    };
    const submit = async (): Promise<void> => {
        abort.current = new AbortController();
        const request = { vm: vm.name, format: kind, snapshot: chosenSnapshot, compress: kind === "bundle" && compress, ovfVersion: kind === "ova" ? ovfVersion : undefined };
        const control = { onProgress: setStep, onTransfer: setTransfer, signal: abort.current.signal };
        try {
            if (destination.to === "download") {
                const name = await exportDownload(vm.connection, request, control);
                addAlert({ variant: "success", title: format(_("$0 was exported; your browser is downloading $1"), vm.name, name) });
            } else if (destination.to === "pool") {
                await exportVm(vm.connection, { ...request, target: destination.fileName.trim(), pool: destination.pool }, control);
                addAlert({ variant: "success", title: format(_("$0 was exported to $1 in the storage pool $2"), vm.name, destination.fileName.trim(), destination.pool) });
            } else {
                await exportVm(vm.connection, { ...request, target: destination.path }, control);
                addAlert({ variant: "success", title: format(_("$0 was exported to $1"), vm.name, destination.path) });
            }
        } catch (error) {
            if (describeError(error).kind !== "cancelled") throw error;
            addAlert({ variant: "info", title: format(_("Exporting $0 was cancelled; no file was written"), vm.name) });
        }
    };

    return (
        <ActionDialog id="export-vm-dialog" title={format(_("Export $0"), vm.name)} submitLabel={_("Export")} onSubmit={submit}
                      onCancelRunning={cancel}
                      progress={<OperationProgress id="export-vm-progress" step={step} transfer={transfer} />} isSubmitDisabled={!destinationComplete(destination) || (running && chosenSnapshot === undefined)}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Format")} role="radiogroup" fieldId="export-vm-format" isInline>
                    <Radio id="export-vm-format-ova" name="export-vm-format" isChecked={kind === "ova"} onChange={() => choose("ova")}
                           label={_("OVA")} description={_("For VMware and VirtualBox: OVF descriptor and VMDK disks")} />
                    <Radio id="export-vm-format-bundle" name="export-vm-format" isChecked={kind === "bundle"} onChange={() => choose("bundle")}
                           label={_("KVM Manager bundle")} description={_("Every libvirt setting, qcow2 disks")} />
                </FormGroup>
                <DestinationFields conn={vm.connection} value={destination} onChange={setDestination} />
                {kind === "ova" && <OvfVersionField version={ovfVersion} setVersion={setOvfVersion} />}
                {kind === "bundle" && (
                    <Checkbox id="export-vm-compress" label={_("Compress the disks")} isChecked={compress} onChange={(_e, c) => setCompress(c)} />
                )}
                {(running || snapshots.length > 0) && (
                    <FormGroup label={_("Snapshot")} fieldId="export-vm-snapshot">
                        <FormSelect id="export-vm-snapshot" value={chosenSnapshot ?? ""} onChange={(_e, v) => setSnapshot(v)}>
                            {!running && <FormSelectOption value="" label={_("The current state")} />}
                            {snapshots.map(s => <FormSelectOption key={s} value={s} label={s} />)}
                        </FormSelect>
                    </FormGroup>
                )}
                {running && (
                    <Content component="p" id="export-vm-running">
                        {snapshots.length
                            ? _("The virtual machine is running: its disks are exported as they were at the chosen snapshot.")
                            : _("The virtual machine is running and has no snapshot. Shut it down, or take a snapshot, to export it.")}
                    </Content>
                )}
            </Form>
        </ActionDialog>
    );
}
