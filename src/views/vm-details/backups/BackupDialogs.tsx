// Backing a VM up now (incremental where it can be, or full on request) and verifying a backup's
// files against its manifest; failures stay in the dialog with libvirt's words.
import { Checkbox, Content, Form } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { verifyBackup } from "../../../operations/backups/backups.ts";
import { backupVm } from "../../../operations/backups/create-backup.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

export function BackUpDialog({ vm, onDone }: { vm: Vm; onDone: (notes: string[]) => void }) {
    const [full, setFull] = useState(false);
    const submit = async (): Promise<void> => {
        const result = await backupVm(vm.connection, { vm: vm.name, full });
        onDone(result.notes);
    };
    return (
        <ActionDialog id="backup-vm-dialog" title={format(_("Back up $0"), vm.name)} submitLabel={_("Back up")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <Content component="p">
                    {_("A running virtual machine is backed up by libvirt while it runs, quiesced by a guest agent where one runs; a shut-off one has its disks copied whole with qemu-img.")}
                </Content>
                <Checkbox id="backup-vm-full" label={_("Full backup")} isChecked={full} onChange={(_e, v) => setFull(v)}
                          description={_("Otherwise only what changed since the last backup is saved, where libvirt still has its checkpoint.")} />
            </Form>
        </ActionDialog>
    );
}

export function VerifyBackupDialog({ vm, id, onVerified }: { vm: Vm; id: string; onVerified: (id: string) => void }) {
    const submit = async (): Promise<void> => {
        const result = await verifyBackup(vm.connection, vm.name, id);
        if (result.damaged.length > 0) throw invalidInput(format(_("The backup is damaged: $0 no longer match their checksums"), result.damaged.join(", ")));
        onVerified(id);
    };
    return (
        <ActionDialog id="verify-backup-dialog" title={_("Verify backup")} submitLabel={_("Verify")} onSubmit={submit}>
            <Content component="p">{format(_("Every file of backup $0 and of the backups it builds on is read again and checked against its manifest."), id)}</Content>
        </ActionDialog>
    );
}
