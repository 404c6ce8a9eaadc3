// Import a VM from a file on the host or one uploaded from the user's computer: an OVA or OVF
// (VMware, VirtualBox; an OVF only from the host), a KVM Manager bundle or a single disk image. The disks go into the chosen pool, the NICs onto the chosen network;
// what the new VM does not get is listed once it is defined.
import { Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, Radio, TextInput } from "@patternfly/react-core";
import { useRef, useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { describeError } from "../../libvirt/errors.ts";
import { listNetworkSummaries } from "../../libvirt/network-api.ts";
import { listPools } from "../../libvirt/storage-pool-api.ts";
import { importUpload } from "../../operations/export-import/browser-transfer.ts";
import { type ImportDiskFormat, importVm } from "../../operations/export-import/import-vm.ts";
import type { TransferProgress } from "../../operations/progress.ts";
import { useData } from "../../state/use-data.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { useAddAlert } from "../common/alerts.tsx";
import { OperationProgress } from "../common/OperationProgress.tsx";

/** What the file chooser offers; an OVF is left out, its disks being separate files. */
const UPLOAD_TYPES = ".ova,.tar,.vmdk,.vdi,.vhdx,.vhd,.qcow2,.img,.raw";

interface ImportSourceProps {
    from: "host" | "upload";
    setFrom: (from: "host" | "upload") => void;
    file: string;
    setFile: (file: string) => void;
    setUpload: (file: File | undefined) => void;
}

/** Where the file comes from: a path on the host, or a file of this computer to upload. */
function ImportSourceFields({ from, setFrom, file, setFile, setUpload }: ImportSourceProps) {
    return (
        <>
            <FormGroup label={_("Source")} role="radiogroup" fieldId="import-vm-from" isInline>
                <Radio id="import-vm-from-host" name="import-vm-from" isChecked={from === "host"} onChange={() => setFrom("host")} label={_("File on the host")} />
                <Radio id="import-vm-from-upload" name="import-vm-from" isChecked={from === "upload"} onChange={() => setFrom("upload")} label={_("Upload from this computer")} />
            </FormGroup>
            {from === "host"
                ? (
                    <FormGroup label={_("File on the host")} isRequired fieldId="import-vm-file">
                        <TextInput id="import-vm-file" value={file} onChange={(_e, v) => setFile(v)} isRequired placeholder="/var/lib/libvirt/images/vm.ova" />
                        <FormHelperText>
                            <HelperText><HelperTextItem>{_("An OVA or OVF from VMware or VirtualBox, a KVM Manager bundle (.tar), or a disk image (vmdk, vdi, vhdx, qcow2, raw)")}</HelperTextItem></HelperText>
                        </FormHelperText>
                    </FormGroup>
                )
                : (
                    <FormGroup label={_("File to upload")} isRequired fieldId="import-vm-upload">
                        <input id="import-vm-upload" type="file" className="pf-v6-c-form-control" accept={UPLOAD_TYPES}
                               onChange={e => setUpload(e.currentTarget.files?.[0])} />
                        <FormHelperText>
                            <HelperText><HelperTextItem>{_("An OVA from VMware or VirtualBox, a KVM Manager bundle (.tar), or a disk image (vmdk, vdi, vhdx, qcow2, raw). It is uploaded to the host, imported and then removed.")}</HelperTextItem></HelperText>
                        </FormHelperText>
                    </FormGroup>
                )}
        </>
    );
}

export function ImportVmDialog({ connection }: { connection: ConnectionId }) {
    const addAlert = useAddAlert();
    const choices = useData(async () => {
        const [pools, networks] = await Promise.all([listPools(connection), listNetworkSummaries(connection)]);
        return { pools: pools.filter(p => p.active).map(p => p.name), networks: networks.map(n => n.name) };
    }, [connection]).data;
    const [from, setFrom] = useState<"host" | "upload">("host");
    const [file, setFile] = useState("");
    const [upload, setUpload] = useState<File>();
    const [name, setName] = useState("");
    const [pool, setPool] = useState<string>();
    const [network, setNetwork] = useState<string>();
    const [diskFormat, setDiskFormat] = useState<ImportDiskFormat>("qcow2");
    const [step, setStep] = useState<string>();
    const [transfer, setTransfer] = useState<TransferProgress>();
    const abort = useRef<AbortController>(undefined);
    const prefer = (list: readonly string[] | undefined) => (list?.includes("default") ? "default" : list?.[0]);
    const chosenPool = pool ?? prefer(choices?.pools);
    const chosenNetwork = network ?? prefer(choices?.networks);

    const cancel = (): void => {
        abort.current?.abort();
        setStep(_("Cancelling…"));
    };
    const submit = async (): Promise<void> => {
        abort.current = new AbortController();
        const request = { name: name.trim() || undefined, pool: chosenPool ?? "", network: chosenNetwork, diskFormat };
        const control = { onProgress: setStep, onTransfer: setTransfer, signal: abort.current.signal };
        const importing = from === "upload" && upload ? importUpload(connection, upload, request, control) : importVm(connection, { ...request, file: file.trim() }, control);
        const result = await importing.catch((error: unknown) => {
            if (describeError(error).kind !== "cancelled") throw error;
            addAlert({ variant: "info", title: _("The import was cancelled; nothing of it was kept") });
            return undefined;
        });
        if (!result) return;
        addAlert({
            variant: "success", title: format(_("$0 was imported"), result.name),
            ...(result.notTranslated.length ? { detail: `${_("Not translated")}: ${result.notTranslated.join(", ")}` } : {}),
        });
    };

    return (
        <ActionDialog id="import-vm-dialog" title={_("Import VM")} submitLabel={_("Import")} onSubmit={submit}
                      onCancelRunning={cancel}
                      progress={<OperationProgress id="import-vm-progress" step={step} transfer={transfer} />} isSubmitDisabled={(from === "host" ? file.trim() === "" : !upload) || chosenPool === undefined}>
            <Form onSubmit={e => e.preventDefault()}>
                <ImportSourceFields from={from} setFrom={setFrom} file={file} setFile={setFile} setUpload={setUpload} />
                <FormGroup label={_("Name")} fieldId="import-vm-name">
                    <TextInput id="import-vm-name" value={name} onChange={(_e, v) => setName(v)} placeholder={_("The name in the file")} />
                </FormGroup>
                <FormGroup label={_("Storage pool")} fieldId="import-vm-pool">
                    <FormSelect id="import-vm-pool" value={chosenPool ?? ""} onChange={(_e, v) => setPool(v)}>
                        {(choices?.pools ?? []).map(p => <FormSelectOption key={p} value={p} label={p} />)}
                    </FormSelect>
                </FormGroup>
                <FormGroup label={_("Disk format")} fieldId="import-vm-format">
                    <FormSelect id="import-vm-format" value={diskFormat} onChange={(_e, v) => setDiskFormat(v === "raw" ? "raw" : "qcow2")}>
                        <FormSelectOption value="qcow2" label="qcow2" />
                        <FormSelectOption value="raw" label="raw" />
                    </FormSelect>
                </FormGroup>
                <FormGroup label={_("Network")} fieldId="import-vm-network">
                    <FormSelect id="import-vm-network" value={chosenNetwork ?? ""} onChange={(_e, v) => setNetwork(v)}>
                        {(choices?.networks ?? []).map(n => <FormSelectOption key={n} value={n} label={n} />)}
                    </FormSelect>
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
