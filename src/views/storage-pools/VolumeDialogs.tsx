// The dialogs of a pool's volumes: create (raw or qcow2, optionally on a backing volume), grow,
// clone, delete (refused while VMs or overlays use it, naming them) and upload from the browser
// (progress, rate, cancel; the name and size checked against the pool first).
import { Form, FormGroup, FormHelperText, HelperText, HelperTextItem } from "@patternfly/react-core";
import { useRef, useState } from "react";

import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { sizeToBytes } from "../../libvirt/device-xml.ts";
import { describeError, invalidInput } from "../../libvirt/errors.ts";
import type { StoragePool } from "../../libvirt/storage-pool-api.ts";
import { VOLUME_FORMATS, type VolumeFormat } from "../../libvirt/volume-xml.ts";
import { safeUploadName } from "../../operations/export-import/browser-transfer.ts";
import { uploadToPool } from "../../operations/pool-transfer.ts";
import type { TransferProgress } from "../../operations/progress.ts";
import {
    clonePoolVolume, createPoolVolume, deletePoolVolume, growPoolVolume, type PoolVolume, spaceProblem, volumeNameProblem,
} from "../../operations/storage-volumes.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { useAddAlert } from "../common/alerts.tsx";
import { Notice } from "../common/Notice.tsx";
import { OperationProgress } from "../common/OperationProgress.tsx";
import { type Choice, SelectField, TextField } from "../vm-details/disks/form-fields.tsx";

const UNITS: Choice[] = ["MiB", "GiB", "TiB"].map(u => ({ value: u, label: u }));
const FORMATS: Choice[] = VOLUME_FORMATS.map(f => ({ value: f, label: f }));

interface PoolProps {
    connection: ConnectionId;
    pool: StoragePool;
    volumes: readonly PoolVolume[];
    onDone: () => void;
}

/** The problem shown under the form once the user typed; the submit throws it too. */
function Problem({ id, text }: { id: string; text: string | null }) {
    return text ? <HelperText id={id}><HelperTextItem variant="error">{text}</HelperTextItem></HelperText> : null;
}

export function CreateVolumeDialog({ connection, pool, volumes, onDone }: PoolProps) {
    const [name, setName] = useState("");
    const [size, setSize] = useState("10");
    const [unit, setUnit] = useState("GiB");
    const [volumeFormat, setFormat] = useState<VolumeFormat>("qcow2");
    const [backing, setBacking] = useState("");
    const [touched, setTouched] = useState(false);
    const bytes = sizeToBytes(size, unit);
    const problem = volumeNameProblem(name, volumes.map(v => v.name)) ?? spaceProblem(bytes, pool.available);
    const submit = async (): Promise<void> => {
        setTouched(true);
        if (problem) throw invalidInput(problem);
        await createPoolVolume(connection, { pool: pool.name, name, format: volumeFormat, capacity: bytes, backing: backing || undefined });
        onDone();
    };
    const bases: Choice[] = [{ value: "", label: _("None") }, ...volumes.filter(v => v.type === 0).map(v => ({ value: v.name, label: v.name }))];
    return (
        <ActionDialog id="create-volume-dialog" title={format(_("Create volume in $0"), pool.name)} submitLabel={_("Create")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <TextField id="create-volume-name" label={_("Name")} value={name} onChange={v => { setName(v); setTouched(true) }} placeholder="disk.qcow2" />
                <TextField id="create-volume-size" label={_("Size")} value={size} onChange={v => { setSize(v); setTouched(true) }} />
                <SelectField id="create-volume-unit" label={_("Unit")} value={unit} choices={UNITS} onChange={setUnit} />
                <SelectField id="create-volume-format" label={_("Format")} value={volumeFormat} choices={FORMATS}
                             onChange={v => { setFormat(v === "raw" ? "raw" : "qcow2"); if (v === "raw") setBacking("") }} />
                {volumeFormat === "qcow2" && (
                    <SelectField id="create-volume-backing" label={_("Backing volume")} value={backing} choices={bases} onChange={setBacking} />
                )}
                <p>{format(_("The pool has $0 free."), formatBytes(pool.available))}</p>
                {touched && <Problem id="create-volume-problem" text={problem} />}
            </Form>
        </ActionDialog>
    );
}

export function ResizeVolumeDialog({ connection, pool, volume, onDone }: PoolProps & { volume: PoolVolume }) {
    const [size, setSize] = useState(String(Math.ceil(volume.capacity / 1024 ** 2)));
    const [unit, setUnit] = useState("MiB");
    const submit = async (): Promise<void> => {
        await growPoolVolume(connection, pool.name, volume.name, sizeToBytes(size, unit));
        onDone();
    };
    return (
        <ActionDialog id="resize-volume-dialog" title={format(_("Grow volume $0"), volume.name)} submitLabel={_("Grow")} onSubmit={submit}>
            <p>{format(_("Current size: $0; the pool has $1 free. Volumes only grow; the guest grows its partitions and file systems itself."),
                       formatBytes(volume.capacity), formatBytes(pool.available))}</p>
            {volume.usedBy.length > 0 && (
                <Notice variant="warning" isInline title={format(_("Used by $0: grow it while they are shut off, or from the VM's Disks tab while it runs"), volume.usedBy.join(", "))} />
            )}
            <Form onSubmit={e => e.preventDefault()}>
                <TextField id="resize-volume-size" label={_("New size")} value={size} onChange={setSize} />
                <SelectField id="resize-volume-unit" label={_("Unit")} value={unit} choices={UNITS} onChange={setUnit} />
            </Form>
        </ActionDialog>
    );
}

export function CloneVolumeDialog({ connection, pool, volumes, volume, onDone }: PoolProps & { volume: PoolVolume }) {
    const dot = volume.name.lastIndexOf(".");
    const [name, setName] = useState(dot > 0 ? `${volume.name.slice(0, dot)}-copy${volume.name.slice(dot)}` : `${volume.name}-copy`);
    const problem = volumeNameProblem(name, volumes.map(v => v.name));
    const submit = async (): Promise<void> => {
        if (problem) throw invalidInput(problem);
        await clonePoolVolume(connection, pool.name, volume.name, name);
        onDone();
    };
    return (
        <ActionDialog id="clone-volume-dialog" title={format(_("Clone volume $0"), volume.name)} submitLabel={_("Clone")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <TextField id="clone-volume-name" label={_("Name of the copy")} value={name} onChange={setName} />
                <Problem id="clone-volume-problem" text={problem} />
            </Form>
        </ActionDialog>
    );
}

export function DeleteVolumeDialog({ connection, pool, volume, onDone }: PoolProps & { volume: PoolVolume }) {
    const blocked = volume.usedBy.length > 0 || volume.overlays.length > 0;
    const submit = async (): Promise<void> => {
        await deletePoolVolume(connection, pool.name, volume.name);
        onDone();
    };
    return (
        <ActionDialog id="delete-volume-dialog" title={format(_("Delete volume $0?"), volume.name)} submitLabel={_("Delete")} danger
                      onSubmit={submit} isSubmitDisabled={blocked}>
            {blocked
                ? (
                    <Notice id="delete-volume-refused" variant="danger" isInline title={_("This volume is in use and cannot be deleted")}>
                        {volume.usedBy.length > 0 && <p>{format(_("Virtual machines with a disk on it: $0"), volume.usedBy.join(", "))}</p>}
                        {volume.overlays.length > 0 && <p>{format(_("Volumes that are overlays on it: $0"), volume.overlays.join(", "))}</p>}
                    </Notice>
                )
                : <p>{format(_("$0 ($1) is deleted for good."), volume.path, formatBytes(volume.capacity))}</p>}
        </ActionDialog>
    );
}

/** Upload names may have spaces (ISO names do); volume names take letters, digits, . - _ only. */
const suggestedName = (file: string): string => safeUploadName(file).replace(/[^\w.-]+/g, "-");

export function UploadVolumeDialog({ connection, pool, volumes, onDone }: PoolProps) {
    const addAlert = useAddAlert();
    const [file, setFile] = useState<File>();
    const [name, setName] = useState("");
    const [step, setStep] = useState<string>();
    const [transfer, setTransfer] = useState<TransferProgress>();
    const abort = useRef<AbortController>(undefined);
    const problem = file ? volumeNameProblem(name, volumes.map(v => v.name)) ?? spaceProblem(file.size, pool.available) : null;
    const submit = async (): Promise<void> => {
        if (!file) return;
        if (problem) throw invalidInput(problem);
        abort.current = new AbortController();
        try {
            await uploadToPool(connection, pool.name, file, name, { onProgress: setStep, onTransfer: setTransfer, signal: abort.current.signal });
        } catch (error) {
            if (describeError(error).kind !== "cancelled") throw error;
            addAlert({ variant: "info", title: _("The upload was cancelled; nothing of it was kept") });
        }
        onDone();
    };
    return (
        <ActionDialog id="upload-volume-dialog" title={format(_("Upload into $0"), pool.name)} submitLabel={_("Upload")} onSubmit={submit}
                      isSubmitDisabled={!file || problem !== null}
                      onCancelRunning={() => { abort.current?.abort(); setStep(_("Cancelling…")) }}
                      progress={<OperationProgress id="upload-volume-progress" step={step} transfer={transfer} />}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("File")} isRequired fieldId="upload-volume-file">
                    <input id="upload-volume-file" type="file" className="pf-v6-c-form-control"
                           onChange={e => { const f = e.currentTarget.files?.[0]; setFile(f); setName(f ? suggestedName(f.name) : "") }} />
                    <FormHelperText>
                        <HelperText><HelperTextItem>{format(_("An ISO or a disk image (qcow2, raw), copied as it is. The pool has $0 free."), formatBytes(pool.available))}</HelperTextItem></HelperText>
                    </FormHelperText>
                </FormGroup>
                <TextField id="upload-volume-name" label={_("Volume name")} value={name} onChange={setName} />
                <Problem id="upload-volume-problem" text={problem} />
            </Form>
        </ActionDialog>
    );
}
