// Clone a VM: a name (a free one proposed), what to copy (its current state, one of its
// snapshots, or — while it runs — a snapshot taken for the purpose), a full or linked clone, the
// pool for the copies and whether to start it. The copy's progress is shown and can be cancelled.
import { Checkbox, Content, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useRef, useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { domainPath } from "../../libvirt/domain-api.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import { describeError, invalidInput } from "../../libvirt/errors.ts";
import { listSnapshots } from "../../libvirt/snapshot-api.ts";
import { checkCloneName, type CloneOptions, cloneVm, proposeCloneName } from "../../operations/clone-vm.ts";
import type { TransferProgress } from "../../operations/progress.ts";
import { useStoragePools } from "../../state/host-resources.ts";
import { useData } from "../../state/use-data.ts";
import { useVms } from "../../state/use-vms.ts";
import type { Vm } from "../../state/vm-types.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { useAddAlert } from "../common/alerts.tsx";
import { OperationProgress } from "../common/OperationProgress.tsx";

const CURRENT = "current";
const NEW_SNAPSHOT = "new-snapshot";

function useTakenNames(connection: ConnectionId): string[] {
    return useVms().vms.filter(v => v.connection === connection).map(v => v.name);
}

/** What is copied, as CloneOptions has it. */
function copyFrom(choice: string): Pick<CloneOptions, "snapshot" | "newSnapshot"> {
    if (choice === NEW_SNAPSHOT) return { newSnapshot: true };
    return choice === CURRENT ? {} : { snapshot: choice.slice("snapshot:".length) };
}

function useCloneRun(vm: Vm) {
    const addAlert = useAddAlert();
    const [step, setStep] = useState<string>();
    const [transfer, setTransfer] = useState<TransferProgress>();
    const running = useRef<AbortController | undefined>(undefined);

    const run = async (options: CloneOptions): Promise<void> => {
        const controller = new AbortController();
        running.current = controller;
        try {
            const result = await cloneVm(vm.connection, options, { onProgress: setStep, onTransfer: setTransfer, signal: controller.signal });
            addAlert({ variant: "success", title: format(_("$0 was cloned as $1"), vm.name, result.name) });
            if (result.warning !== undefined) addAlert({ variant: "warning", title: result.warning });
        } catch (error) {
            if (describeError(error).kind !== "cancelled") throw error;
            addAlert({ variant: "info", title: format(_("Cloning $0 was cancelled; nothing of the clone was kept"), vm.name) });
        } finally {
            running.current = undefined;
            setStep(undefined);
            setTransfer(undefined);
        }
    };
    const cancel = (): void => {
        running.current?.abort();
        setStep(_("Cancelling…"));
    };
    return { run, cancel, step, transfer, busy: step !== undefined };
}

export function CloneVmDialog({ vm }: { vm: Vm }) {
    const taken = useTakenNames(vm.connection);
    const [name, setName] = useState(() => proposeCloneName(vm.name, taken));
    const active = isActiveState(vm.state);
    const [chosen, setFrom] = useState(CURRENT);
    // The VM's state may change while the dialog is open: its own state is copied as it now can be.
    const from = chosen === CURRENT || chosen === NEW_SNAPSHOT ? (active ? NEW_SNAPSHOT : CURRENT) : chosen;
    const [linked, setLinked] = useState(false);
    const [pool, setPool] = useState("");
    const [start, setStart] = useState(false);
    const snapshots = useData(async () => listSnapshots(vm.connection, await domainPath(vm)), [vm]).data ?? [];
    const pools = useStoragePools(vm.connection).items.filter(p => p.active);
    const clone = useCloneRun(vm);
    const nameProblem = checkCloneName(name, taken);

    const submit = async (): Promise<void> => {
        if (nameProblem) throw invalidInput(nameProblem);
        const linkedNow = linked && from === CURRENT;
        await clone.run({ source: vm.name, name, linked: linkedNow, ...copyFrom(from), ...pool ? { pool } : {}, start });
    };

    return (
        <ActionDialog id="clone-vm-dialog" title={format(_("Clone $0"), vm.name)} submitLabel={_("Clone")} onSubmit={submit}
                      progress={<OperationProgress id="clone-vm-progress" step={clone.step} transfer={clone.transfer} />}
                      onCancelRunning={clone.cancel}>
            <Content component="p" id="clone-vm-what">
                {_("The clone gets a new UUID and new MAC addresses, its own copies of the UEFI variables and TPM state, and a new cloud-init instance. Installer ISOs are shared, not copied.")}
            </Content>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Name")} fieldId="clone-vm-name" isRequired>
                    <TextInput id="clone-vm-name" value={name} onChange={(_e, value) => setName(value)} isDisabled={clone.busy}
                               validated={nameProblem ? "error" : "default"} isRequired />
                    {nameProblem && (
                        <FormHelperText>
                            <HelperText><HelperTextItem variant="error" id="clone-vm-name-error">{nameProblem}</HelperTextItem></HelperText>
                        </FormHelperText>
                    )}
                </FormGroup>
                <FormGroup label={_("Copy")} fieldId="clone-vm-from">
                    <FormSelect id="clone-vm-from" value={from} onChange={(_e, value) => setFrom(value)} isDisabled={clone.busy}>
                        {active
                            ? <FormSelectOption value={NEW_SNAPSHOT} label={_("Its state now, through a snapshot taken for the clone")} />
                            : <FormSelectOption value={CURRENT} label={_("Its current state")} />}
                        {snapshots.map(s => <FormSelectOption key={s.name} value={`snapshot:${s.name}`} label={format(_("Snapshot $0"), s.name)} />)}
                    </FormSelect>
                    <FormHelperText>
                        <HelperText>
                            <HelperTextItem id="clone-vm-from-help">
                                {from === NEW_SNAPSHOT
                                    ? format(_("$0 is running, so its disks are being written: they are copied from a snapshot taken now (the guest pauses briefly), which is deleted afterwards. The copy is as after a power cut."), vm.name)
                                    : from === CURRENT ? _("Its disks as they are now.") : _("The VM and its disks as the snapshot holds them.")}
                            </HelperTextItem>
                        </HelperText>
                    </FormHelperText>
                </FormGroup>
                <FormGroup fieldId="clone-vm-linked" role="group">
                    <Checkbox id="clone-vm-linked" label={_("Linked clone")} isChecked={linked && from === CURRENT} isDisabled={clone.busy || from !== CURRENT}
                              onChange={(_e, checked) => setLinked(checked)}
                              description={from === CURRENT
                                  ? _("The clone's disks are qcow2 overlays on the source's: made at once and small, but the source must then stay unchanged — do not start, change or revert it, or the clone's disks break.")
                                  : _("Only from the source's current state, while it is shut off.")} />
                </FormGroup>
                <FormGroup label={_("Storage pool for the copies")} fieldId="clone-vm-pool">
                    <FormSelect id="clone-vm-pool" value={pool} onChange={(_e, value) => setPool(value)} isDisabled={clone.busy}>
                        <FormSelectOption value="" label={_("Each disk's own pool")} />
                        {pools.map(p => <FormSelectOption key={p.name} value={p.name} label={p.name} />)}
                    </FormSelect>
                </FormGroup>
                <FormGroup fieldId="clone-vm-start" role="group">
                    <Checkbox id="clone-vm-start" label={_("Start the clone once it is made")} isChecked={start} isDisabled={clone.busy}
                              onChange={(_e, checked) => setStart(checked)} />
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
