// The VM's snapshots as a tree (each under the one it was taken from), with the current one
// marked; take, revert to and delete snapshots.
import { AlertActionCloseButton, Button, Label, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";

import { formatDateTime } from "../../../lib/format-number.ts";
import { _, format } from "../../../lib/i18n.ts";
import { stateFromName, stateLabel } from "../../../libvirt/domain-state.ts";
import type { Snapshot } from "../../../libvirt/snapshot-api.ts";
import { consistencyText } from "../../../operations/snapshot-quiesce.ts";
import { snapshotBlocker, type SnapshotRow, snapshotRows, type TakenSnapshot } from "../../../operations/snapshots.ts";
import { type Column, DataTable } from "../../common/DataTable.tsx";
import { useDialogs } from "../../common/dialogs.tsx";
import { Notice } from "../../common/Notice.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import { CreateSnapshotDialog } from "./CreateSnapshotDialog.tsx";
import { DeleteSnapshotDialog, RevertSnapshotDialog } from "./SnapshotActionDialogs.tsx";
import { useSnapshots } from "./use-snapshots.ts";

function takenIn(s: Snapshot): string {
    const known = stateFromName(s.state);
    const state = known ? stateLabel(known) : s.state;
    return s.memory ? `${state} (${_("with memory")})` : state;
}

/** Each under the one it was taken from: the rows keep the tree's order, so no column sorts them. */
const COLUMNS: Column<SnapshotRow<Snapshot>>[] = [
    {
        title: _("Name"),
        cell: ({ snapshot: s, depth }) => (
            <>
                <span className="vm-snapshot-name" style={{ paddingInlineStart: `${String(depth * 1.5)}rem` }}>{s.name}</span>
                {s.current && <Label isCompact color="blue" className="vm-snapshot-current">{_("Current")}</Label>}
            </>
        ),
    },
    { title: _("Taken"), cell: ({ snapshot: s }) => s.createdAt > 0 ? formatDateTime(s.createdAt * 1000) : "—" },
    { title: _("State"), className: "vm-snapshot-state", cell: ({ snapshot: s }) => takenIn(s) },
    { title: _("Description"), className: "vm-snapshot-description", cell: ({ snapshot: s }) => s.description },
];

/** After a snapshot is taken: how consistent it is, and why not more where an agent failed. */
function TakenAlert({ taken, onClose }: { taken: TakenSnapshot; onClose: () => void }) {
    return (
        <Notice id="vm-snapshot-taken" variant={taken.note ? "warning" : "success"} isInline
               title={format(_("Snapshot $0 taken"), taken.name)} actionClose={<AlertActionCloseButton onClose={onClose} />}>
            <p className="vm-snapshot-consistency" data-consistency={taken.consistency}>{consistencyText(taken.consistency)}</p>
            {taken.note && <p>{taken.note}</p>}
        </Notice>
    );
}

export function SnapshotsTab({ vm, config }: VmTabProps) {
    const dialogs = useDialogs();
    const snapshots = useSnapshots(vm);
    const { reload } = snapshots;
    const [lastTaken, setLastTaken] = useState<TakenSnapshot>();
    const saved = config.saved;
    if (!saved) return <ConfigLoading config={config} />;
    const blocker = snapshotBlocker(saved);
    const list = snapshots.list;
    const names = (list ?? []).map(s => s.name);

    return (
        <>
            <Toolbar>
                <ToolbarContent>
                    <ToolbarItem>
                        <Button id="vm-snapshots-create" variant="secondary" isDisabled={blocker !== undefined || list === undefined}
                                onClick={() => dialogs.show(<CreateSnapshotDialog vm={vm} live={config.live} taken={names} onDone={taken => {
                                    setLastTaken(taken);
                                    reload();
                                }} />)}>
                            {_("Take snapshot")}
                        </Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            {lastTaken && <TakenAlert taken={lastTaken} onClose={() => setLastTaken(undefined)} />}
            {blocker && <Notice variant="info" isInline title={_("This virtual machine cannot have snapshots")} id="vm-snapshots-blocked">{blocker}</Notice>}
            <DataTable id="vm-snapshots" label={_("Snapshots")} columns={COLUMNS} rows={list && snapshotRows(list)} rowKey={({ snapshot }) => snapshot.path}
                       rowProps={({ snapshot: s, depth }) => ({ className: "vm-snapshot-row", "data-name": s.name, "data-current": s.current ? "yes" : "no", "data-depth": depth })}
                       actions={({ snapshot: s }) => (
                           <>
                               <Button variant="link" className="vm-snapshot-revert" onClick={() => dialogs.show(<RevertSnapshotDialog vm={vm} snapshot={s} onDone={reload} />)}>
                                   {_("Revert")}
                               </Button>
                               <Button variant="link" isDanger className="vm-snapshot-delete" onClick={() => dialogs.show(<DeleteSnapshotDialog vm={vm} snapshot={s} onDone={reload} />)}>
                                   {_("Delete")}
                               </Button>
                           </>
                       )}
                       empty={{
                           id: "vm-snapshots-empty", title: _("No snapshots"),
                           body: _("A snapshot saves the disks, and the memory of a running virtual machine, so that you can go back to that moment later."),
                       }}
                       problem={snapshots.error && { id: "vm-snapshots-error", title: _("The snapshots could not be read"), error: snapshots.error }} />
        </>
    );
}
