// Move a VM to another host: a host Cockpit knows or a libvirt URI, live for a running VM (with
// its storage copied or on shared storage), offline for a shut-off one. While it runs the dialog
// shows libvirt's figures and can stop the move; the VM then stays here, as after a failure.
import {
    Button, Checkbox, Content, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Form, FormGroup,
    FormSelect, FormSelectOption, TextInput,
} from "@patternfly/react-core";
import { useRef, useState } from "react";

import { cockpitKnownHosts } from "../../host/known-hosts.ts";
import { _, format } from "../../lib/i18n.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import type { JobStats } from "../../libvirt/migration-api.ts";
import { migrateVm } from "../../operations/migrate-vm.ts";
import { knownHostUri } from "../../operations/migration-checks.ts";
import { migratedText, migrationFigures } from "../../operations/migration-figures.ts";
import type { TransferProgress } from "../../operations/progress.ts";
import { useData } from "../../state/use-data.ts";
import { leaveVmPage } from "../../state/use-location.ts";
import type { Vm } from "../../state/vm-types.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { useAddAlert } from "../common/alerts.tsx";
import { OperationProgress } from "../common/OperationProgress.tsx";

const OTHER = "";

function Progress({ step, transfer, stats, onStop }: {
    step: string; transfer: TransferProgress | undefined; stats: JobStats | undefined; onStop: (() => void) | undefined;
}) {
    return (
        <>
            <OperationProgress id="migrate-vm-progress" step={step} transfer={transfer} />
            {stats && (
                <DescriptionList isHorizontal isCompact id="migrate-vm-figures">
                    {migrationFigures(stats).map(f => (
                        <DescriptionListGroup key={f.label}>
                            <DescriptionListTerm>{f.label}</DescriptionListTerm>
                            <DescriptionListDescription>{f.value}</DescriptionListDescription>
                        </DescriptionListGroup>
                    ))}
                </DescriptionList>
            )}
            {onStop && <Button variant="secondary" id="migrate-vm-stop" onClick={onStop}>{_("Stop the move")}</Button>}
        </>
    );
}

export function MigrateVmDialog({ vm }: { vm: Vm }) {
    const addAlert = useAddAlert();
    const hosts = useData(cockpitKnownHosts, []).data ?? [];
    const live = isActiveState(vm.state);
    const [chosen, setChosen] = useState<string>();
    const [typed, setTyped] = useState("");
    const [copyStorage, setCopyStorage] = useState(live);
    const [undefineSource, setUndefineSource] = useState(true);
    const [step, setStep] = useState<string>();
    const [stats, setStats] = useState<JobStats>();
    const [transfer, setTransfer] = useState<TransferProgress>();
    const [running, setRunning] = useState(false);
    const abort = useRef<AbortController>(undefined);
    const selected = chosen ?? (hosts[0] ? knownHostUri(hosts[0]) : OTHER);
    const destination = selected === OTHER ? typed : selected;

    const submit = async (): Promise<void> => {
        const controller = new AbortController();
        abort.current = controller;
        setRunning(true);
        setStats(undefined);
        setTransfer(undefined);
        try {
            const result = await migrateVm(vm.connection, { vm: vm.name, destination, live, copyStorage: live && copyStorage, undefineSource },
                { onProgress: setStep, onMigration: setStats, onTransfer: setTransfer, signal: controller.signal });
            if (undefineSource) leaveVmPage(vm.connection, vm.name);
            addAlert({ variant: "success", title: migratedText(vm.name, result.uri, result.totalMs, result.downtimeMs) });
        } finally {
            setRunning(false);
            setStep(undefined);
        }
    };

    return (
        <ActionDialog id="migrate-vm-dialog" title={format(_("Move $0 to another host"), vm.name)} submitLabel={_("Move")}
                      onSubmit={submit} isSubmitDisabled={destination.trim() === ""}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Destination")} fieldId="migrate-vm-host">
                    <FormSelect id="migrate-vm-host" value={selected} onChange={(_e, value) => setChosen(value)} isDisabled={running}>
                        {hosts.map(h => <FormSelectOption key={h.name} value={knownHostUri(h)} label={h.name} />)}
                        <FormSelectOption value={OTHER} label={_("Another host (libvirt URI)")} />
                    </FormSelect>
                </FormGroup>
                {selected === OTHER && (
                    <FormGroup label={_("libvirt URI or host")} fieldId="migrate-vm-uri">
                        <TextInput id="migrate-vm-uri" value={typed} onChange={(_e, value) => setTyped(value)} isDisabled={running}
                                   placeholder="qemu+ssh://host.example.com/system" />
                    </FormGroup>
                )}
                {live
                    ? <Checkbox id="migrate-vm-copy-storage" isChecked={copyStorage} onChange={(_e, c) => setCopyStorage(c)} isDisabled={running}
                                label={_("Copy the disks (the destination does not share this host's storage)")} />
                    : <Content component="p">{_("The VM is shut off: only its definition moves. Its disks must be on storage both hosts share.")}</Content>}
                <Checkbox id="migrate-vm-undefine-source" isChecked={undefineSource} onChange={(_e, c) => setUndefineSource(c)} isDisabled={running}
                          label={_("Remove the VM from this host once it moved")} />
            </Form>
            {step && <Progress step={step} transfer={transfer} stats={stats} onStop={running && live ? () => abort.current?.abort() : undefined} />}
        </ActionDialog>
    );
}
