// The VM's backups in the default target (/var/lib/kvm-manager/backups/VM): time, kind and size;
// back up now and verify. Restoring is done with `kvmm backup restore`.
import { Button, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useMemo, useState } from "react";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _ } from "../../../lib/i18n.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { type BackupRow, vmBackups } from "../../../operations/backups/backups.ts";
import { useData } from "../../../state/use-data.ts";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { Notice } from "../../common/Notice.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { BackUpDialog, VerifyBackupDialog } from "./BackupDialogs.tsx";

const kindText = (row: BackupRow) => row.kind === "full" ? _("Full") : row.kind === "incremental" ? _("Incremental") : "—";

export function BackupsTab({ vm }: VmTabProps) {
    const dialogs = useDialogs();
    const list = useData(() => vmBackups(vm.connection, vm.name), [vm.connection, vm.name]);
    const error = useMemo(() => list.error === undefined ? undefined : describeError(list.error), [list.error]);
    const [verified, setVerified] = useState<ReadonlySet<string>>(new Set());
    const [notes, setNotes] = useState<string[]>([]);
    const columns: Column<BackupRow>[] = [
        { title: _("Time"), className: "vm-backup-time", cell: r => r.time ? new Date(r.time).toLocaleString() : r.id },
        { title: _("Kind"), className: "vm-backup-kind", cell: kindText },
        { title: _("Size"), className: "vm-backup-size", cell: r => r.size !== undefined ? formatBytes(r.size) : "—" },
        { title: _("State"), className: "vm-backup-state", cell: r => r.problem ?? (verified.has(r.id) ? _("Verified") : _("Complete")) },
    ];
    const backUp = () => dialogs.show(<BackUpDialog vm={vm} onDone={said => {
        setNotes(said);
        list.reload();
    }} />);

    return (
        <>
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem>
                        <Button id="vm-backups-create" variant="secondary" onClick={backUp}>{_("Back up now")}</Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            {notes.map(note => <Notice key={note} variant="info" isInline className="vm-backup-note" title={note} />)}
            <DataTable id="vm-backups" label={_("Backups")} columns={columns} rows={list.data} rowKey={r => r.id}
                       rowProps={r => ({ className: "vm-backup-row", "data-id": r.id, "data-kind": r.kind ?? "" })}
                       actions={r => r.problem === undefined && (
                           <Button variant="link" className="vm-backup-verify"
                                   onClick={() => dialogs.show(<VerifyBackupDialog vm={vm} id={r.id} onVerified={id => setVerified(v => new Set([...v, id]))} />)}>
                               {_("Verify")}
                           </Button>
                       )}
                       empty={{
                           id: "vm-backups-empty", title: _("No backups"),
                           body: _("Backups are kept in /var/lib/kvm-manager/backups on the host. Restore one as a new virtual machine with \"kvmm backup restore\"."),
                       }}
                       problem={error && { id: "vm-backups-error", title: _("The backups could not be read"), error }} />
        </>
    );
}
