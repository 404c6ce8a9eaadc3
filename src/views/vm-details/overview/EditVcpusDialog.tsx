import { Form, FormGroup, FormHelperText, HelperText, HelperTextItem, NumberInput } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { getDomainCapabilities } from "../../../libvirt/domain-capabilities.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { hostCpuCount } from "../../../libvirt/host-api.ts";
import { applyVcpus } from "../../../operations/apply-resources.ts";
import { checkVcpus, vcpuOvercommitWarning } from "../../../operations/resource-limits.ts";
import { useData } from "../../../state/use-data.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

interface EditVcpusProps {
    vm: Vm;
    current: number;
    maximum: number;
    /** The VM's domain type and machine, whose limit libvirt gives. */
    virtType: string;
    machine: string | undefined;
    onApplied: () => void;
}

const UNKNOWN_LIMITS = { libvirtMax: 0, hostCpus: 0 };

export function EditVcpusDialog({ vm, current, maximum, virtType, machine, onApplied }: EditVcpusProps) {
    const [count, setCount] = useState(current);
    const [max, setMax] = useState(maximum);
    // 0 while unknown: then libvirt itself says what it refuses.
    const limits = useData(async () => {
        const [libvirtMax, hostCpus] = await Promise.all([
            getDomainCapabilities(vm.connection, virtType === "kvm" ? "kvm" : "qemu", machine ?? "").then(c => c.maxVcpus, () => 0),
            hostCpuCount(vm.connection).catch(() => 0),
        ]);
        return { libvirtMax, hostCpus };
    }, [vm.connection, virtType, machine]).data ?? UNKNOWN_LIMITS;
    const problem = checkVcpus(count, max, limits.libvirtMax);
    const warning = vcpuOvercommitWarning(count, limits.hostCpus);

    const submit = async (): Promise<void> => {
        if (problem) throw invalidInput(problem);
        const path = await domainPath(vm);
        await applyVcpus({ connection: vm.connection, path, running: vm.state === "running" || vm.state === "paused" }, count, max, maximum);
        onApplied();
    };

    return (
        <ActionDialog id="edit-vcpus-dialog" title={_("vCPUs")} submitLabel={_("Apply")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("vCPU count")} fieldId="edit-vcpus-count">
                    <NumberInput id="edit-vcpus-count" value={count} min={0} validated={problem ? "error" : warning ? "warning" : "default"}
                                 onMinus={() => setCount(count - 1)} onPlus={() => setCount(count + 1)}
                                 onChange={e => setCount(Number((e.target as HTMLInputElement).value))}
                                 inputAriaLabel={_("vCPU count")} />
                </FormGroup>
                <FormGroup label={_("Maximum vCPUs")} fieldId="edit-vcpus-max">
                    <NumberInput id="edit-vcpus-max" value={max} min={0} validated={problem ? "error" : "default"}
                                 onMinus={() => setMax(max - 1)} onPlus={() => setMax(max + 1)}
                                 onChange={e => setMax(Number((e.target as HTMLInputElement).value))}
                                 inputAriaLabel={_("Maximum vCPUs")} />
                    {(problem ?? warning) && (
                        <FormHelperText>
                            <HelperText>
                                {problem
                                    ? <HelperTextItem variant="error" id="edit-vcpus-error">{problem}</HelperTextItem>
                                    : <HelperTextItem variant="warning" id="edit-vcpus-warning">{warning}</HelperTextItem>}
                            </HelperText>
                        </FormHelperText>
                    )}
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
