// Export a VM to a file on the host or a download to the user's computer: OVA (for VMware and
// VirtualBox) or a KVM Manager bundle.
// A running VM is exported from one of its snapshots. The step runs under the dialog; Cancel
// stops it and nothing is left behind.
import { Checkbox, Content, Form, FormGroup, FormSelect, FormSelectOption, Radio, TextInput } from "@patternfly/react-core";
import { useRef, useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import { isOvfVersion, type OvfVersion } from "../../lib/ovf/ovf-build.ts";
import { plainName } from "../../lib/vm-file-names.ts";
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

const EXTENSIONS: Record<ExportFormat, string> = { ova: ".ova", bundle: ".tar" };

type Destination = "host" | "download";

function DestinationField({ to, setTo }: { to: Destination; setTo: (to: Destination) => void }) {
    return (
        <FormGroup label={_("Destination")} role="radiogroup" fieldId="export-vm-to" isInline>
            <Radio id="export-vm-to-host" name="export-vm-to" isChecked={to === "host"} onChange={() => setTo("host")} label={_("File on the host")} />
            <Radio id="export-vm-to-download" name="export-vm-to" isChecked={to === "download"} onChange={() => setTo("download")} label={_("Download to this computer")}
                   description={_("Written to /var/tmp on the host first, removed once your browser downloads it")} />
        </FormGroup>
    );
}

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
    const [to, setTo] = useState<Destination>("host");
    const [target, setTarget] = useState(`/var/lib/libvirt/images/${plainName(vm.name)}.ova`);
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
        setTarget(t => t.replace(/\.(ova|tar)$/i, "") + EXTENSIONS[next]);
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
            if (to === "download") {
                const name = await exportDownload(vm.connection, request, control);
                addAlert({ variant: "success", title: format(_("$0 was exported; your browser is downloading $1"), vm.name, name) });
            } else {
                await exportVm(vm.connection, { ...request, target }, control);
                addAlert({ variant: "success", title: format(_("$0 was exported to $1"), vm.name, target) });
            }
        } catch (error) {
            if (describeError(error).kind !== "cancelled") throw error;
            addAlert({ variant: "info", title: format(_("Exporting $0 was cancelled; no file was written"), vm.name) });
        }
    };

    return (
        <ActionDialog id="export-vm-dialog" title={format(_("Export $0"), vm.name)} submitLabel={_("Export")} onSubmit={submit}
                      onCancelRunning={cancel}
                      progress={<OperationProgress id="export-vm-progress" step={step} transfer={transfer} />} isSubmitDisabled={(to === "host" && target.trim() === "") || (running && chosenSnapshot === undefined)}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Format")} role="radiogroup" fieldId="export-vm-format" isInline>
                    <Radio id="export-vm-format-ova" name="export-vm-format" isChecked={kind === "ova"} onChange={() => choose("ova")}
                           label={_("OVA")} description={_("For VMware and VirtualBox: OVF descriptor and VMDK disks")} />
                    <Radio id="export-vm-format-bundle" name="export-vm-format" isChecked={kind === "bundle"} onChange={() => choose("bundle")}
                           label={_("KVM Manager bundle")} description={_("Every libvirt setting, qcow2 disks")} />
                </FormGroup>
                <DestinationField to={to} setTo={setTo} />
                {to === "host" && (
                    <FormGroup label={_("File on the host")} isRequired fieldId="export-vm-target">
                        <TextInput id="export-vm-target" value={target} onChange={(_e, v) => setTarget(v)} isRequired />
                    </FormGroup>
                )}
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
