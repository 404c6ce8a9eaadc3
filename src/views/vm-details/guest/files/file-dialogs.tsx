// The file browser's dialogs: new folder, delete, and replacing files on upload.
import { Content, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import type { DirEntry } from "../../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../../agent-client/agent-client.ts";
import type { DescribedError } from "../../../../lib/described-error.ts";
import { errorMessage } from "../../../../lib/error-message.ts";
import { _, format } from "../../../../lib/i18n.ts";
import { ActionDialog } from "../../../common/ActionDialog.tsx";
import { folderNameProblem, joinPath } from "./guest-paths.ts";

/** The agent's refusal, under a title that says what did not happen. */
function agentFailure(summary: string): (error: unknown) => DescribedError {
    return error => ({ kind: "invalid", summary, detail: errorMessage(error) });
}

export function NewFolderDialog({ client, dir, onDone }: { client: AgentClient; dir: string; onDone: () => void }) {
    const [name, setName] = useState("");
    const [touched, setTouched] = useState(false);
    const problem = folderNameProblem(name);
    const submit = async (): Promise<void> => {
        await client.call("file.mkdir", { path: joinPath(dir, name) });
        onDone();
    };
    return (
        <ActionDialog id="guest-mkdir-dialog" title={format(_("New folder in $0"), dir)} submitLabel={_("Create")}
                      onSubmit={submit} isSubmitDisabled={problem !== null} describe={agentFailure(_("The folder could not be created"))}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Name")} fieldId="guest-mkdir-name" isRequired>
                    <TextInput id="guest-mkdir-name" value={name} autoFocus
                               validated={touched && problem ? "error" : "default"}
                               onChange={(_e, v) => { setName(v); setTouched(true) }} />
                    {touched && problem && (
                        <FormHelperText><HelperText><HelperTextItem variant="error" id="guest-mkdir-problem">{problem}</HelperTextItem></HelperText></FormHelperText>
                    )}
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}

export function DeleteEntryDialog({ client, dir, entry, onDone }: { client: AgentClient; dir: string; entry: DirEntry; onDone: () => void }) {
    const folder = entry.type === "directory";
    const path = joinPath(dir, entry.name);
    const submit = async (): Promise<void> => {
        await client.call("file.delete", { path, recursive: folder });
        onDone();
    };
    return (
        <ActionDialog id="guest-delete-dialog" danger title={folder ? _("Delete folder?") : _("Delete file?")} submitLabel={_("Delete")}
                      onSubmit={submit} describe={agentFailure(format(_("$0 could not be deleted"), path))}>
            <Content component="p">
                {folder
                    ? format(_("$0 and everything in it will be deleted in the guest. This cannot be undone."), path)
                    : format(_("$0 will be deleted in the guest. This cannot be undone."), path)}
            </Content>
        </ActionDialog>
    );
}

export function ReplaceFilesDialog({ dir, names, onReplace }: { dir: string; names: string[]; onReplace: () => void }) {
    const submit = (): Promise<void> => {
        onReplace();
        return Promise.resolve();
    };
    return (
        <ActionDialog id="guest-replace-dialog" danger submitLabel={_("Replace")} onSubmit={submit}
                      title={names.length === 1 ? _("Replace the file?") : _("Replace the files?")}>
            <Content component="p">{format(_("These already exist in $0 and will be replaced by the uploaded files:"), dir)}</Content>
            <Content component="ul" id="guest-replace-names">
                {names.map(n => <Content component="li" key={n}>{n}</Content>)}
            </Content>
        </ActionDialog>
    );
}
