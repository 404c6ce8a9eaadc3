// The VM's snapshots as a tree (each under the one it was taken from), with the current one
// marked; take, revert to and delete snapshots.
import { Alert, Button, EmptyState, EmptyStateBody, Label, Spinner, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { _ } from "../../../lib/i18n.ts";
import { stateFromName, stateLabel } from "../../../libvirt/domain-state.ts";
import type { Snapshot } from "../../../libvirt/snapshot-api.ts";
import { useDialogs } from "../../common/dialogs.tsx";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

import { CreateSnapshotDialog } from "./CreateSnapshotDialog.tsx";
import { DeleteSnapshotDialog, RevertSnapshotDialog } from "./SnapshotActionDialogs.tsx";
import { snapshotBlocker, snapshotRows } from "../../../operations/snapshots.ts";
import { useSnapshots } from "./use-snapshots.ts";

function takenIn(s: Snapshot): string {
    const known = stateFromName(s.state);
    const state = known ? stateLabel(known) : s.state;
    return s.memory ? `${state} (${_("with memory")})` : state;
}

export function SnapshotsTab({ vm, config }: VmTabProps) {
    const dialogs = useDialogs();
    const snapshots = useSnapshots(vm);
    const { reload } = snapshots;
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
                                onClick={() => dialogs.show(<CreateSnapshotDialog vm={vm} taken={names} onDone={reload} />)}>
                            {_("Take snapshot")}
                        </Button>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            {blocker && <Alert variant="info" isInline title={_("This virtual machine cannot have snapshots")} id="vm-snapshots-blocked">{blocker}</Alert>}
            {snapshots.error && (
                <Alert variant="danger" isInline title={_("The snapshots could not be read")} id="vm-snapshots-error">
                    {snapshots.error.summary}: {snapshots.error.detail}
                </Alert>
            )}
            {list === undefined && !snapshots.error && <Spinner size="lg" aria-label={_("Loading")} />}
            {list?.length === 0 && (
                <EmptyState titleText={_("No snapshots")} headingLevel="h2" id="vm-snapshots-empty">
                    <EmptyStateBody>
                        {_("A snapshot saves the disks, and the memory of a running virtual machine, so that you can go back to that moment later.")}
                    </EmptyStateBody>
                </EmptyState>
            )}
            {list !== undefined && list.length > 0 && (
                <Table aria-label={_("Snapshots")} variant="compact" id="vm-snapshots">
                    <Thead>
                        <Tr>
                            <Th>{_("Name")}</Th>
                            <Th>{_("Taken")}</Th>
                            <Th>{_("State")}</Th>
                            <Th>{_("Description")}</Th>
                            <Th screenReaderText={_("Actions")} />
                        </Tr>
                    </Thead>
                    <Tbody>
                        {snapshotRows(list).map(({ snapshot: s, depth }) => (
                            <Tr key={s.path} className="vm-snapshot-row" data-name={s.name} data-current={s.current ? "yes" : "no"} data-depth={depth}>
                                <Td dataLabel={_("Name")}>
                                    <span className="vm-snapshot-name" style={{ paddingInlineStart: `${String(depth * 1.5)}rem` }}>{s.name}</span>
                                    {s.current && <Label isCompact color="blue" className="vm-snapshot-current">{_("Current")}</Label>}
                                </Td>
                                <Td dataLabel={_("Taken")}>{s.createdAt > 0 ? new Date(s.createdAt * 1000).toLocaleString() : "—"}</Td>
                                <Td dataLabel={_("State")} className="vm-snapshot-state">{takenIn(s)}</Td>
                                <Td dataLabel={_("Description")} className="vm-snapshot-description">{s.description}</Td>
                                <Td isActionCell>
                                    <div className="resource-actions">
                                        <Button variant="link" className="vm-snapshot-revert" onClick={() => dialogs.show(<RevertSnapshotDialog vm={vm} snapshot={s} onDone={reload} />)}>
                                            {_("Revert")}
                                        </Button>
                                        <Button variant="link" isDanger className="vm-snapshot-delete" onClick={() => dialogs.show(<DeleteSnapshotDialog vm={vm} snapshot={s} onDone={reload} />)}>
                                            {_("Delete")}
                                        </Button>
                                    </div>
                                </Td>
                            </Tr>
                        ))}
                    </Tbody>
                </Table>
            )}
        </>
    );
}
