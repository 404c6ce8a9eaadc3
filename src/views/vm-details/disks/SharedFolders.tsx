// The VM's shared folders (virtiofs): host folder, mount tag, access; add and remove. Beside
// the disks because, like them, they are the guest's file storage.
import { Button, Checkbox, Content, Form, FormGroup, TextInput, Title, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import type { DomainConfig } from "../../../libvirt/domain-xml.ts";
import { proposedTag, type SharedFolder } from "../../../libvirt/shared-folder-xml.ts";
import { addSharedFolder, removeSharedFolder } from "../../../operations/shared-folders.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { useDialogs } from "../../common/dialogs.tsx";

const COLUMNS: Column<SharedFolder>[] = [
    { title: _("Host folder"), cell: f => f.hostDir, sortKey: f => f.hostDir },
    { title: _("Mount tag"), cell: f => f.tag, sortKey: f => f.tag },
    { title: _("Access"), cell: f => f.readOnly ? _("Read only") : _("Read and write") },
    { title: _("Mount in the guest"), cell: f => f.driver === "virtiofs" ? <code>{`mount -t virtiofs ${f.tag} /mnt`}</code> : f.driver },
];

function AddSharedFolderDialog({ vm, config, running, onDone }: { vm: Vm; config: DomainConfig; running: boolean; onDone: () => void }) {
    const [hostDir, setHostDir] = useState("");
    const [tag, setTag] = useState<string | null>(null);
    const [readOnly, setReadOnly] = useState(false);
    const shownTag = tag ?? proposedTag(hostDir);
    const submit = async (): Promise<void> => {
        await addSharedFolder(vm, { hostDir, tag: shownTag, readOnly }, config, running);
        onDone();
    };
    return (
        <ActionDialog id="add-shared-folder-dialog" title={format(_("Share a host folder with $0"), vm.name)} submitLabel={_("Share")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <FormGroup label={_("Host folder")} fieldId="shared-folder-dir" isRequired>
                    <TextInput id="shared-folder-dir" value={hostDir} onChange={(_e, v) => setHostDir(v)} />
                </FormGroup>
                <FormGroup label={_("Mount tag")} fieldId="shared-folder-tag" isRequired>
                    <TextInput id="shared-folder-tag" value={shownTag} onChange={(_e, v) => setTag(v)} />
                </FormGroup>
                <Checkbox id="shared-folder-readonly" label={_("Read only")} isChecked={readOnly} onChange={(_e, c) => setReadOnly(c)} />
                {!config.sharedMemory && (
                    <Content component="p" id="shared-folder-memory-note">
                        {_("The guest's memory will be shared with the host: virtiofs, which shares the folder, needs it. The memory stays reserved for this virtual machine as before.")}
                    </Content>
                )}
            </Form>
        </ActionDialog>
    );
}

function RemoveSharedFolderDialog({ vm, folder, running, onDone }: { vm: Vm; folder: SharedFolder; running: boolean; onDone: () => void }) {
    const submit = async (): Promise<void> => {
        await removeSharedFolder(vm, folder.tag, folder.hostDir, scopeFor(running, vm.persistent));
        onDone();
    };
    return (
        <ActionDialog id="remove-shared-folder-dialog" title={format(_("Stop sharing $0?"), folder.hostDir)} submitLabel={_("Remove")} danger onSubmit={submit}>
            <Content component="p">
                {running
                    ? _("Unmount the folder in the guest first: the guest loses access to it at once. The files stay on the host.")
                    : _("The folder is removed from the virtual machine's configuration. The files stay on the host.")}
            </Content>
        </ActionDialog>
    );
}

export function SharedFolders({ vm, config, running, onDone }: { vm: Vm; config: DomainConfig; running: boolean; onDone: () => void }) {
    const dialogs = useDialogs();
    return (
        <section id="vm-shared-folders" className="vm-shared-folders">
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem><Title headingLevel="h3" size="md">{_("Shared folders")}</Title></ToolbarItem>
                    <ToolbarItem>
                        <Button id="vm-shared-folders-add" variant="secondary"
                                onClick={() => dialogs.show(<AddSharedFolderDialog vm={vm} config={config} running={running} onDone={onDone} />)}>
                            {_("Share a folder")}
                        </Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            <DataTable id="vm-shared-folders-table" label={_("Shared folders")} columns={COLUMNS} rows={config.sharedFolders} rowKey={f => f.tag}
                       rowProps={f => ({ className: "vm-shared-folder-row", "data-tag": f.tag })}
                       actions={f => (
                           <Button variant="link" isDanger className="shared-folder-remove"
                                   onClick={() => dialogs.show(<RemoveSharedFolderDialog vm={vm} folder={f} running={running} onDone={onDone} />)}>
                               {_("Remove")}
                           </Button>
                       )}
                       empty={{ id: "vm-shared-folders-empty", title: _("No host folder is shared with this virtual machine.") }} compactStates />
        </section>
    );
}
