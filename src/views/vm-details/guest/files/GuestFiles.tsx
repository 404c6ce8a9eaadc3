// The guest's files, browsed through the agent: open folders, download files, upload into the
// folder shown (chosen or dropped, asking before a file is replaced), new folder, delete.
import { Button, Form, FormHelperText, HelperText, HelperTextItem, InputGroup, InputGroupItem, TextInput, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from "@patternfly/react-core";
import { type DragEvent,useEffect, useMemo, useRef, useState } from "react";

import type { DirEntry, FileDigest } from "../../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../../agent-client/agent-client.ts";
import { downloadFile, uploadFile } from "../../../../agent-client/transfer.ts";
import { errorMessage } from "../../../../lib/error-message.ts";
import { formatBytes } from "../../../../lib/format-bytes.ts";
import { _, format } from "../../../../lib/i18n.ts";
import { useDialogs } from "../../../common/dialogs.tsx";
import { Notice } from "../../../common/Notice.tsx";
import { DeleteEntryDialog, NewFolderDialog, ReplaceFilesDialog } from "./file-dialogs.tsx";
import { FileTable } from "./FileTable.tsx";
import { existingNames, isAllowed, joinPath, normalizeDir, parentPath, sortEntries } from "./guest-paths.ts";
import { saveDownload } from "./save-download.ts";
import { TransferStatus } from "./TransferStatus.tsx";
import { type Directory, useDirectory } from "./use-directory.ts";
import { type TransferOutcome, useTransfer } from "./use-transfer.ts";

interface GuestFilesProps {
    client: AgentClient;
    allowedDirectories: readonly string[];
    /** Why uploading, new folders and deleting are off, when they are. */
    writeDisabled: string | undefined;
}

/** Uploads `files` one after another into `dir`; `replace` names those the user agreed to replace. */
async function uploadAll(client: AgentClient, dir: string, files: readonly File[], replace: ReadonlySet<string>,
                         signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<TransferOutcome> {
    const total = files.reduce((n, f) => n + f.size, 0);
    const digests: FileDigest[] = [];
    let before = 0;
    for (const [i, file] of files.entries()) {
        try {
            digests.push(await uploadFile(client, joinPath(dir, file.name), file, {
                signal, overwrite: replace.has(file.name), onProgress: done => onProgress(before + done, total),
            }));
        } catch (e) {
            if (files.length === 1) throw e;
            throw new Error(format(_("$0 of $1 files were uploaded. $2: $3"), i, files.length, file.name, errorMessage(e)));
        }
        before += file.size;
    }
    const [only] = digests;
    if (digests.length === 1 && only) return { message: format(_("Uploaded $0 ($1)"), only.path, formatBytes(total)), sha256: only.sha256 };
    return { message: format(_("Uploaded $0 files to $1 ($2)"), files.length, dir, formatBytes(total)), details: digests.map(d => `${d.path}: sha256 ${d.sha256}`) };
}

/** The folder's path, typed to open another. */
function FolderPathForm({ shown, onOpen }: { shown: string; onOpen: (path: string) => void }) {
    const [typed, setTyped] = useState(shown);
    const [problem, setProblem] = useState<string>();
    // The field follows the folder shown (the agent's resolved path once listed).
    useEffect(() => {
        setTyped(shown);
        setProblem(undefined);
    }, [shown]);
    const openTyped = (): void => {
        const path = normalizeDir(typed);
        if (path === null) setProblem(_("Enter an absolute path, starting with \"/\"."));
        else onOpen(path);
    };
    return (
        <Form onSubmit={e => { e.preventDefault(); openTyped() }}>
            <InputGroup>
                <InputGroupItem isFill>
                    <TextInput id="guest-files-path" aria-label={_("Folder in the guest")} value={typed}
                               validated={problem ? "error" : "default"}
                               onChange={(_e, v) => { setTyped(v); setProblem(undefined) }} />
                </InputGroupItem>
                <InputGroupItem>
                    <Button id="guest-files-go" variant="control" type="submit">{_("Open")}</Button>
                </InputGroupItem>
            </InputGroup>
            {problem && <FormHelperText><HelperText><HelperTextItem variant="error" id="guest-files-path-problem">{problem}</HelperTextItem></HelperText></FormHelperText>}
        </Form>
    );
}

type Uploads = ReturnType<typeof useUploads>;

/** Uploads into the folder listed, asking first about files it would replace. */
function useUploads(client: AgentClient, dir: Directory, writeDisabled: string | undefined) {
    const dialogs = useDialogs();
    const [chosen, setChosen] = useState<File[]>([]);
    const fileInput = useRef<HTMLInputElement>(null);
    const transfer = useTransfer();
    const run = (files: readonly File[], into: string, replace: ReadonlySet<string>): void => {
        void transfer.start(async (signal, onProgress) => {
            try {
                const outcome = await uploadAll(client, into, files, replace, signal, onProgress);
                setChosen([]);
                if (fileInput.current) fileInput.current.value = "";
                return outcome;
            } finally {
                dir.reload();
            }
        });
    };
    const upload = (files: readonly File[]): void => {
        const listing = dir.listing;
        if (files.length === 0 || !listing) return;
        const clash = existingNames(files.map(f => f.name), listing.entries);
        if (clash.length === 0) {
            run(files, listing.path, new Set());
            return;
        }
        dialogs.show(<ReplaceFilesDialog dir={listing.path} names={clash} onReplace={() => run(files, listing.path, new Set(clash))} />);
    };
    const off = writeDisabled !== undefined || !dir.listing || transfer.state.busy;
    // Files dropped on the folder are uploaded into it.
    const [dragging, setDragging] = useState(false);
    const dropping = (e: DragEvent): void => {
        if (off || !e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(e.type === "dragover");
    };
    const drop = (e: DragEvent): void => {
        setDragging(false);
        if (off) return;
        e.preventDefault();
        upload([...e.dataTransfer.files]);
    };
    return { chosen, setChosen, fileInput, transfer, upload, off, dragging, dropping, drop };
}

/** The files chosen to upload, and the button that uploads them into the folder shown. */
function UploadControls({ uploads, into, writeDisabled, off }: { uploads: Uploads; into: string; writeDisabled: string | undefined; off: boolean }) {
    return (
        <ToolbarGroup>
            <ToolbarItem>
                <input type="file" id="guest-upload-file" multiple ref={uploads.fileInput} disabled={writeDisabled !== undefined}
                       aria-label={_("Files to upload")} onChange={e => uploads.setChosen([...(e.target.files ?? [])])} />
            </ToolbarItem>
            <ToolbarItem>
                <Button id="guest-upload-submit" variant="primary" onClick={() => uploads.upload(uploads.chosen)} isDisabled={uploads.chosen.length === 0 || off}>
                    {format(_("Upload to $0"), into)}
                </Button>
            </ToolbarItem>
        </ToolbarGroup>
    );
}

/** The folders the agent allows, each a link that opens it. */
function AllowedFolders({ directories, onOpen }: { directories: readonly string[]; onOpen: (path: string) => void }) {
    return (
        <p>
            {_("The agent allows files in:")}{" "}
            {directories.map(d => (
                <Button key={d} variant="link" isInline className="guest-files-allowed" onClick={() => onOpen(normalizeDir(d) ?? "/")}>{d}</Button>
            )).flatMap((b, i) => (i === 0 ? [b] : [", ", b]))}
        </p>
    );
}

export function GuestFiles({ client, allowedDirectories, writeDisabled }: GuestFilesProps) {
    const dialogs = useDialogs();
    const start = normalizeDir(allowedDirectories[0] ?? "/") ?? "/";
    const dir = useDirectory(client, start);
    const shown = dir.listing?.path ?? dir.path;
    const entries = useMemo(() => sortEntries(dir.listing?.entries ?? []), [dir.listing]);
    const [openError, setOpenError] = useState<string>();
    const uploads = useUploads(client, dir, writeDisabled);
    const { transfer: up, off: uploadOff } = uploads;
    const down = useTransfer();

    const open = (path: string): void => {
        setOpenError(undefined);
        dir.open(path);
    };
    const parent = parentPath(shown);
    const canGoUp = parent !== null && isAllowed(parent, allowedDirectories);

    const download = (entry: DirEntry): void => {
        const path = joinPath(shown, entry.name);
        void down.start(async (signal, onProgress) => {
            const got = await downloadFile(client, path, { signal, onProgress });
            saveDownload(got.parts, entry.name);
            return { message: format(_("Downloaded $0 ($1)"), path, formatBytes(got.size)), sha256: got.sha256 };
        });
    };
    const openEntry = (entry: DirEntry): void => {
        const path = joinPath(shown, entry.name);
        if (entry.type === "directory") {
            open(path);
            return;
        }
        // A symbolic link: a folder opens, a file downloads.
        client.call("file.stat", { path, follow: true }).then(
            target => { if (target.type === "directory") open(path); else download(entry) },
            (e: unknown) => setOpenError(errorMessage(e)));
    };


    return (
        <div id="guest-files" data-path={shown} data-loading={String(dir.loading)}
             className={uploads.dragging ? "guest-files-dragging" : undefined}
             onDragOver={uploads.dropping} onDragLeave={uploads.dropping} onDrop={uploads.drop}>
            <AllowedFolders directories={allowedDirectories} onOpen={open} />
            <Toolbar>
                <ToolbarContent>
                    <ToolbarGroup>
                        <ToolbarItem>
                            <Button id="guest-files-up" variant="secondary" isDisabled={!canGoUp} onClick={() => parent !== null && open(parent)}>{_("Up")}</Button>
                        </ToolbarItem>
                        <ToolbarItem>
                            <FolderPathForm shown={shown} onOpen={open} />
                        </ToolbarItem>
                        <ToolbarItem>
                            <Button id="guest-files-refresh" variant="secondary" onClick={dir.reload}>{_("Refresh")}</Button>
                        </ToolbarItem>
                        <ToolbarItem>
                            <Button id="guest-files-mkdir" variant="secondary" isDisabled={writeDisabled !== undefined || !dir.listing}
                                    onClick={() => dialogs.show(<NewFolderDialog client={client} dir={shown} onDone={dir.reload} />)}>
                                {_("New folder")}
                            </Button>
                        </ToolbarItem>
                    </ToolbarGroup>
                    <UploadControls uploads={uploads} into={shown} writeDisabled={writeDisabled} off={uploadOff} />
                </ToolbarContent>
            </Toolbar>
            {writeDisabled && <p id="guest-upload-disabled">{writeDisabled}</p>}
            <TransferStatus id="guest-upload" state={up.state} onCancel={up.cancel} />
            <TransferStatus id="guest-download" state={down.state} onCancel={down.cancel} />
            {openError && <Notice id="guest-files-open-error" variant="danger" isInline title={_("This could not be opened")}>{openError}</Notice>}
            <FileTable entries={dir.listing && entries} onOpen={openEntry} onDownload={download}
                       problem={dir.error === undefined ? null : { id: "guest-files-error", title: format(_("$0 could not be listed"), dir.path), error: dir.error }}
                       onDelete={entry => dialogs.show(<DeleteEntryDialog client={client} dir={shown} entry={entry} onDone={dir.reload} />)}
                       writeDisabled={writeDisabled} downloadBusy={down.state.busy} />
            {dir.listing?.truncated && (
                <p id="guest-files-truncated">{format(_("Only the first $0 entries are shown."), dir.listing.entries.length)}</p>
            )}
            {dir.listing && writeDisabled === undefined && <p className="guest-files-drop-hint">{_("You can also drop files here to upload them to this folder.")}</p>}
        </div>
    );
}
