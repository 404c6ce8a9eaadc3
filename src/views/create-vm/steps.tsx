// The wizard's steps: each shows part of the form and reports changes.
import {
    Checkbox, Content, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, ExpandableSection, Form, FormGroup,
    FormSelect, FormSelectOption, NumberInput, Radio, TextInput,
} from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import type { DomainCapabilities } from "../../libvirt/domain-capabilities.ts";
import type { Network } from "../../libvirt/network-api.ts";
import type { StoragePool } from "../../libvirt/storage-pool-api.ts";
import type { FieldProblems } from "../../operations/create-vm/create-vm-form.ts";
import type { OsInfo } from "../../osinfo/osinfo-parse.ts";
import { DefaultResourceNotice } from "../host-resources/DefaultResourceNotice.tsx";
import { NETWORKS } from "../networks/network-kind.tsx";
import { POOLS } from "../storage-pools/pool-kind.tsx";
import { FieldHelper } from "./FieldHelper.tsx";
import { InstallSourceFields } from "./InstallSourceFields.tsx";
import { IsoBrowser } from "./IsoBrowser.tsx";
import { NetworkChoice } from "./NetworkChoice.tsx";
import { OsPicker } from "./OsPicker.tsx";
import type { SummaryRow } from "./review-summary.ts";
import type { StepProps } from "./step-props.ts";
import { TpmOption } from "./TpmOption.tsx";

/** The problems a step shows, field by field. */
interface Checked {
    problems: FieldProblems;
}

const validated = (problem: string | undefined) => problem ? "error" : "default";

export function NameOsStep({ form, change, problems, osList, onOs }: StepProps & Checked & { osList: readonly OsInfo[] | undefined; onOs: (os: OsInfo | undefined) => void }) {
    return (
        <Form onSubmit={e => e.preventDefault()}>
            <FormGroup label={_("Name")} isRequired fieldId="create-vm-name">
                <TextInput id="create-vm-name" value={form.name} validated={validated(problems.name)} onChange={(_e, name) => change({ name })} />
                <FieldHelper id="create-vm-name-error" text={problems.name} />
            </FormGroup>
            <FormGroup label={_("Operating system")} fieldId="create-vm-os-search">
                <OsPicker list={osList} selected={form.os} onSelect={onOs} />
            </FormGroup>
        </Form>
    );
}

export function SourceStep({ form, change, problems, connection }: StepProps & Checked & { connection: ConnectionId }) {
    return (
        <Form onSubmit={e => e.preventDefault()}>
            <FormGroup role="radiogroup" label={_("Installation source")} fieldId="create-vm-source" isStack>
                <Radio id="create-vm-source-iso" name="source" label={_("ISO image on the host")} isChecked={form.source === "iso"} onChange={() => change({ source: "iso" })} />
                <Radio id="create-vm-source-import" name="source" label={_("Import an existing disk image")} isChecked={form.source === "import"} onChange={() => change({ source: "import" })} />
                <Radio id="create-vm-source-pxe" name="source" label={_("Network boot (PXE)")} isChecked={form.source === "pxe"} onChange={() => change({ source: "pxe" })} />
                <Radio id="create-vm-source-cloud" name="source" label={_("Cloud image with cloud-init")} isChecked={form.source === "cloud"} onChange={() => change({ source: "cloud" })} />
                <Radio id="create-vm-source-url" name="source" label={_("Network installation tree (URL)")} isChecked={form.source === "url"} onChange={() => change({ source: "url" })} />
            </FormGroup>
            {form.source !== "pxe" && form.source !== "url" && (
                <FormGroup label={form.source === "iso" ? _("ISO file") : _("Disk image file")} fieldId="create-vm-source-path" isRequired>
                    <TextInput id="create-vm-source-path" value={form.sourcePath} placeholder="/var/lib/libvirt/images/…" validated={validated(problems.sourcePath)}
                               onChange={(_e, sourcePath) => change({ sourcePath })} />
                    <FieldHelper id="create-vm-source-path-error" text={problems.sourcePath} />
                    {form.source === "iso" && <IsoBrowser connection={connection} current={form.sourcePath} onPick={sourcePath => change({ sourcePath })} />}
                </FormGroup>
            )}
            <InstallSourceFields form={form} change={change} problems={problems} />
        </Form>
    );
}

interface ResourcesProps extends StepProps, Checked {
    /** Allowed, but worth knowing (more vCPUs than the host has CPUs). */
    warnings: FieldProblems;
    pools: readonly StoragePool[];
    networks: readonly Network[];
    caps: DomainCapabilities | undefined;
}

export function ResourcesStep({ form, change, problems, warnings, pools, networks, caps }: ResourcesProps) {
    return (
        <Form onSubmit={e => e.preventDefault()}>
            {form.source !== "import" && form.diskGiB > 0 && form.pool === "default" && <DefaultResourceNotice kind={POOLS} connection="system" items={pools} createDirectly />}
            <DefaultResourceNotice kind={NETWORKS} connection="system" items={networks} createDirectly />
            <FormGroup label={_("vCPUs")} fieldId="create-vm-vcpus">
                <NumberInput id="create-vm-vcpus" value={form.vcpus} min={1} onMinus={() => change({ vcpus: form.vcpus - 1 })} onPlus={() => change({ vcpus: form.vcpus + 1 })}
                             onChange={e => change({ vcpus: Number((e.target as HTMLInputElement).value) })} inputAriaLabel={_("vCPUs")}
                             validated={problems.vcpus ? "error" : warnings.vcpus ? "warning" : "default"} />
                <FieldHelper id="create-vm-vcpus-error" text={problems.vcpus} />
                {!problems.vcpus && <FieldHelper id="create-vm-vcpus-warning" variant="warning" text={warnings.vcpus} />}
            </FormGroup>
            <FormGroup label={_("Memory (MiB)")} fieldId="create-vm-memory">
                <NumberInput id="create-vm-memory" value={form.memoryMiB} min={32} unit="MiB" onMinus={() => change({ memoryMiB: form.memoryMiB - 256 })}
                             onPlus={() => change({ memoryMiB: form.memoryMiB + 256 })}
                             onChange={e => change({ memoryMiB: Number((e.target as HTMLInputElement).value) })} inputAriaLabel={_("Memory (MiB)")}
                             validated={validated(problems.memoryMiB)} />
                <FieldHelper id="create-vm-memory-error" text={problems.memoryMiB} />
            </FormGroup>
            {form.source !== "import" && (
                <>
                    <FormGroup label={_("New disk (GiB, 0 for none)")} fieldId="create-vm-disk">
                        <NumberInput id="create-vm-disk" value={form.diskGiB} min={0} unit="GiB" onMinus={() => change({ diskGiB: form.diskGiB - 1 })}
                                     onPlus={() => change({ diskGiB: form.diskGiB + 1 })}
                                     onChange={e => change({ diskGiB: Number((e.target as HTMLInputElement).value) })} inputAriaLabel={_("Disk size")}
                                     validated={validated(problems.diskGiB)} />
                        <FieldHelper id="create-vm-disk-error" text={problems.diskGiB} />
                    </FormGroup>
                    <FormGroup label={_("Storage pool")} fieldId="create-vm-pool">
                        <FormSelect id="create-vm-pool" value={form.pool} validated={validated(problems.pool)} onChange={(_e, pool) => change({ pool })}>
                            {pools.length === 0 && <FormSelectOption value="default" label={_("default (not defined yet)")} />}
                            {pools.map(p => <FormSelectOption key={p.name} value={p.name} label={p.active ? p.name : `${p.name} (${_("inactive")})`} />)}
                        </FormSelect>
                        <FieldHelper id="create-vm-pool-error" text={problems.pool} />
                    </FormGroup>
                </>
            )}
            <NetworkChoice connection="system" form={form} change={change} networks={networks} problem={problems.network} />
            <FormGroup label={_("Firmware")} fieldId="create-vm-firmware">
                <FormSelect id="create-vm-firmware" value={form.firmware} onChange={(_e, v) => change({ firmware: v === "efi" ? "efi" : "bios", secureBoot: false })}>
                    <FormSelectOption value="bios" label={_("BIOS")} />
                    <FormSelectOption value="efi" label={_("UEFI")} isDisabled={!caps?.efi} />
                </FormSelect>
                {form.firmware === "efi" && caps?.secureBoot && (
                    <Checkbox id="create-vm-secure-boot" label={_("Secure Boot")} isChecked={form.secureBoot} onChange={(_e, secureBoot) => change({ secureBoot })} />
                )}
            </FormGroup>
            <TpmOption form={form} change={change} caps={caps} />
            <FormGroup label={_("Acceleration")} fieldId="create-vm-virt-type">
                <FormSelect id="create-vm-virt-type" value={form.virtType} onChange={(_e, v) => change({ virtType: v === "qemu" ? "qemu" : "kvm" })}>
                    <FormSelectOption value="kvm" label={_("KVM (hardware)")} />
                    <FormSelectOption value="qemu" label={_("None (software emulation, slow)")} />
                </FormSelect>
            </FormGroup>
        </Form>
    );
}

export function ReviewStep({ form, change, xml, problems, summary }: StepProps & { xml: string; problems: string[]; summary: SummaryRow[] }) {
    return (
        <div id="create-vm-review">
            {problems.length > 0 && <Content component="ul" id="create-vm-problems">{problems.map(p => <li key={p}>{p}</li>)}</Content>}
            <DescriptionList isHorizontal isCompact id="create-vm-summary">
                {summary.map(row => (
                    <DescriptionListGroup key={row.id}>
                        <DescriptionListTerm>{row.term}</DescriptionListTerm>
                        <DescriptionListDescription id={`create-vm-summary-${row.id}`}>{row.value}</DescriptionListDescription>
                    </DescriptionListGroup>
                ))}
            </DescriptionList>
            <Checkbox id="create-vm-run-after" label={_("Run after creation")} isChecked={form.runAfter} onChange={(_e, runAfter) => change({ runAfter })} />
            <Checkbox id="create-vm-open-console" label={_("Open the console after creation")} isChecked={form.runAfter && form.openConsole}
                      isDisabled={!form.runAfter} onChange={(_e, openConsole) => change({ openConsole })} />
            <ExpandableSection toggleText={_("Domain XML that will be defined")} id="create-vm-xml">
                <pre className="create-vm-xml">{xml}</pre>
            </ExpandableSection>
        </div>
    );
}
