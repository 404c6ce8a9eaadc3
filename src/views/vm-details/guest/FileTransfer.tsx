// Upload a file into the guest and download one from it, with progress and cancel.
import { Alert, Button, Form, FormGroup, Progress, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { downloadFile, uploadFile } from "../../../agent-client/transfer.ts";
import { formatBytes } from "../../../lib/format-bytes.ts";
import { _, format } from "../../../lib/i18n.ts";

import { transferProgressLabel } from "./transfer-progress.ts";
import { type TransferState, useTransfer } from "./use-transfer.ts";

function TransferStatus({ id, state, onCancel }: { id: string; state: TransferState; onCancel: () => void }) {
    return (
        <div id={`${id}-status`} data-sha256={state.sha256 ?? ""} data-busy={String(state.busy)}>
            {state.busy && (
                <>
                    <Progress id={`${id}-progress`} value={state.total ? Math.round((state.done / state.total) * 100) : 0}
                              label={transferProgressLabel(state.done, state.total, Date.now() - state.startedAt)} title={_("Transferring")} />
                    <Button id={`${id}-cancel`} variant="link" onClick={onCancel}>{_("Cancel")}</Button>
                </>
            )}
            {state.message && <Alert id={`${id}-done`} variant="success" isInline title={state.message}>{`sha256 ${state.sha256 ?? ""}`}</Alert>}
            {state.error && <Alert id={`${id}-error`} variant="danger" isInline title={_("The transfer failed")}>{state.error}</Alert>}
        </div>
    );
}

function saveAs(parts: Uint8Array<ArrayBuffer>[], name: string): void {
    const url = URL.createObjectURL(new Blob(parts));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function FileTransfer({ client, uploadDisabled }: { client: AgentClient; uploadDisabled: string | undefined }) {
    const [file, setFile] = useState<File>();
    const [dir, setDir] = useState("/tmp");
    const [source, setSource] = useState("");
    const up = useTransfer();
    const down = useTransfer();

    const upload = () => void up.start(async (signal, onProgress) => {
        if (!file) throw new Error(_("Choose a file first."));
        const path = `${dir.replace(/\/+$/, "")}/${file.name}`;
        const digest = await uploadFile(client, path, file, { signal, onProgress });
        return { message: format(_("Uploaded $0 ($1)"), digest.path, formatBytes(digest.size)), sha256: digest.sha256 };
    });
    const download = () => void down.start(async (signal, onProgress) => {
        const got = await downloadFile(client, source, { signal, onProgress });
        saveAs(got.parts, source.split("/").pop() || "download");
        return { message: format(_("Downloaded $0 ($1)"), source, formatBytes(got.size)), sha256: got.sha256 };
    });

    return (
        <Form id="guest-files" onSubmit={e => e.preventDefault()}>
            <FormGroup label={_("Upload a file")} fieldId="guest-upload-file">
                <input type="file" id="guest-upload-file" disabled={uploadDisabled !== undefined}
                       onChange={e => setFile(e.target.files?.[0])} />
                <TextInput id="guest-upload-dir" aria-label={_("Directory in the guest")} value={dir}
                           onChange={(_e, v) => setDir(v)} isDisabled={uploadDisabled !== undefined} />
                {uploadDisabled && <p id="guest-upload-disabled">{uploadDisabled}</p>}
                <Button id="guest-upload-submit" variant="secondary" onClick={upload}
                        isDisabled={!file || up.state.busy || uploadDisabled !== undefined}>{_("Upload")}</Button>
                <TransferStatus id="guest-upload" state={up.state} onCancel={up.cancel} />
            </FormGroup>
            <FormGroup label={_("Download a file")} fieldId="guest-download-path">
                <TextInput id="guest-download-path" value={source} placeholder="/tmp/file" onChange={(_e, v) => setSource(v)} />
                <Button id="guest-download-submit" variant="secondary" onClick={download}
                        isDisabled={source === "" || down.state.busy}>{_("Download")}</Button>
                <TransferStatus id="guest-download" state={down.state} onCancel={down.cancel} />
            </FormGroup>
        </Form>
    );
}
