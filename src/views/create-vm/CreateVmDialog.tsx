// The Create VM wizard: name and OS, installation source, resources, review.
import { Modal, ModalVariant, Wizard, WizardHeader, WizardStep } from "@patternfly/react-core";
import { type Dispatch, type SetStateAction, useEffect, useMemo, useRef, useState } from "react";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import type { Network } from "../../libvirt/network-api.ts";
import { buildNewDomainXml } from "../../libvirt/new-domain-xml.ts";
import {
    applyOsDefaults, checkForm, checkNameStep, checkResourcesStep, checkSourceStep, type CreateVmForm, type FieldProblems, type FormField, formToSpec,
    initialForm, resourceWarnings,
} from "../../operations/create-vm/create-vm-form.ts";
import { installPreview } from "../../operations/create-vm/install-sources.ts";
import type { ResourceList } from "../../state/host-resource-store.ts";
import { useNetworks, useStoragePools } from "../../state/host-resources.ts";
import { useVms } from "../../state/use-vms.ts";
import { Notice } from "../common/Notice.tsx";
import { OperationProgress } from "../common/OperationProgress.tsx";
import { reviewSummary } from "./review-summary.ts";
import { NameOsStep, ResourcesStep, ReviewStep, SourceStep } from "./steps.tsx";
import { useCreation } from "./use-creation.ts";
import { useNewFileStem } from "./use-new-file-stem.ts";
import { useWizardFacts } from "./use-wizard-facts.ts";

/** An empty text, or a group of them (the cloud-init fields). */
function isBlank(value: unknown): boolean {
    if (typeof value === "string") return value.trim() === "";
    return typeof value === "object" && value !== null && Object.values(value).every(isBlank);
}

/** Proposes a running network once, when they are known; the user's later choice (even "None") stands. */
function useNetworkProposal(networks: ResourceList<Network>, setForm: Dispatch<SetStateAction<CreateVmForm>>): void {
    const proposed = useRef(false);
    useEffect(() => {
        if (proposed.current || !networks.loaded) return;
        proposed.current = true;
        const active = networks.items.find(n => n.name === "default" && n.active) ?? networks.items.find(n => n.active);
        if (active) setForm(f => f.network ? f : { ...f, network: { type: "network", source: active.name } });
    }, [networks.loaded, networks.items, setForm]);
}

const footerLabels = () => ({ nextButtonText: _("Next"), backButtonText: _("Back"), cancelButtonText: _("Cancel") });

export function CreateVmDialog({ connection }: { connection: ConnectionId }) {
    const { vms } = useVms();
    const pools = useStoragePools(connection);
    const networks = useNetworks(connection);
    const [form, setForm] = useState<CreateVmForm>(initialForm);
    const { osList, caps, host, loadError } = useWizardFacts(connection);
    const creation = useCreation(connection);
    const { busy, progress, create, close } = creation;
    const error = creation.error ?? loadError;

    useEffect(() => {
        if (caps) setForm(f => ({ ...f, virtType: caps.virtType === "kvm" ? "kvm" : "qemu" }));
    }, [caps]);

    useNetworkProposal(networks, setForm);
    // Fields the user has edited: an empty one shows its problem only once touched.
    const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
    const change = (patch: Partial<CreateVmForm>): void => {
        setForm(f => ({ ...f, ...patch }));
        setEdited(e => new Set([...e, ...Object.keys(patch)]));
    };
    const pool = pools.items.find(p => p.name === form.pool);

    const [reviewing, setReviewing] = useState(false);
    const stem = useNewFileStem(connection, pool?.active ? pool.path : undefined, form, reviewing);
    const newDiskFile = form.source !== "import" && form.diskGiB > 0 ? `${stem ?? "…"}.${form.diskFormat}` : undefined;

    const limits = {
        existingNames: new Set(vms.filter(vm => vm.connection === connection).map(vm => vm.name)),
        hostMemoryKiB: host.memory,
        hostCpus: host.cpus,
        maxVcpus: caps?.maxVcpus ?? 0,
        poolAvailable: pool?.active ? pool.available : undefined,
        poolInactive: pool?.active === false,
    };
    const steps = [checkNameStep(form, limits), checkSourceStep(form), checkResourcesStep(form, limits)] as const;
    const [nameInvalid, sourceInvalid, resourcesInvalid] = steps.map(p => Object.keys(p).length > 0) as [boolean, boolean, boolean];
    const problems = checkForm(form, limits);
    // What a step shows: a field left empty says nothing until the user has been in it.
    const visible = (p: FieldProblems): FieldProblems =>
        Object.fromEntries(Object.entries(p).filter(([field]) => edited.has(field) || !isBlank(form[field as FormField])));
    const [nameShown, sourceShown, resourcesShown] = [visible(steps[0]), visible(steps[1]), visible(steps[2])];
    const status = (p: FieldProblems) => Object.keys(p).length > 0 ? "error" : "default";
    const xml = useMemo(() => caps ? buildNewDomainXml(formToSpec(form, caps, newDiskFile ? `${pool?.targetPath ?? "…"}/${newDiskFile}` : undefined,
                                                                  installPreview(connection, form, pool?.targetPath ?? "…", stem ?? "…"))) : "",
                        [caps, connection, form, pool?.targetPath, newDiskFile, stem]);

    // Stable objects: the wizard re-registers a step whose props change identity.
    // PatternFly's own button labels are English.
    const nameFooter = useMemo(() => ({ ...footerLabels(), isNextDisabled: nameInvalid }), [nameInvalid]);
    const sourceFooter = useMemo(() => ({ ...footerLabels(), isNextDisabled: sourceInvalid }), [sourceInvalid]);
    const resourcesFooter = useMemo(() => ({ ...footerLabels(), isNextDisabled: resourcesInvalid }), [resourcesInvalid]);
    const reviewFooter = useMemo(() => ({ ...footerLabels(), nextButtonText: _("Create"), isNextDisabled: busy || !caps }), [busy, caps]);

    return (
        <Modal isOpen variant={ModalVariant.large} onEscapePress={close} aria-label={_("Create virtual machine")} id="create-vm-dialog">
            <Wizard height={560} onClose={close} onSave={() => { if (caps) void create(form, caps, problems) }}
                    onStepChange={(_e, step) => setReviewing(step.id === "create-vm-step-review")}
                    header={<WizardHeader title={_("Create virtual machine")} onClose={close} closeButtonAriaLabel={_("Close")} />}>
                <WizardStep name={_("Name and OS")} id="create-vm-step-name" footer={nameFooter} status={status(nameShown)}>
                    <NameOsStep form={form} change={change} problems={nameShown } osList={osList} onOs={os => setForm(f => applyOsDefaults(f, os, caps))} />
                </WizardStep>
                <WizardStep name={_("Installation")} id="create-vm-step-source" footer={sourceFooter} isDisabled={nameInvalid}
                            status={status(sourceShown)}>
                    <SourceStep form={form} change={change} problems={sourceShown } connection={connection} />
                </WizardStep>
                <WizardStep name={_("Resources")} id="create-vm-step-resources" footer={resourcesFooter} isDisabled={nameInvalid || sourceInvalid}
                            status={status(resourcesShown)}>
                    <ResourcesStep form={form} change={change} problems={resourcesShown } warnings={resourceWarnings(form, limits)}
                                   pools={pools.items} networks={networks.items} caps={caps} />
                </WizardStep>
                <WizardStep name={_("Review")} id="create-vm-step-review" footer={reviewFooter} isDisabled={nameInvalid || sourceInvalid || resourcesInvalid}>
                    <ReviewStep form={form} change={change} xml={xml} problems={problems} summary={reviewSummary(form, newDiskFile)} />
                    {busy && <OperationProgress id="create-vm-progress" step={progress} />}
                    {error && (
                        <Notice variant="danger" isInline title={error.summary} className="dialog-error" id="create-vm-error">
                            {error.detail || null}
                        </Notice>
                    )}
                </WizardStep>
            </Wizard>
        </Modal>
    );
}
