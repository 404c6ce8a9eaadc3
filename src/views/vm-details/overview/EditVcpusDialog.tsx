import { Form, FormGroup, NumberInput } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { hostCpuCount } from "../../../libvirt/host-api.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { domainPath } from "../../vm-actions/vm-actions.ts";

import { applyVcpus } from "./apply-resources.ts";
import { checkVcpus } from "./resource-limits.ts";

export function EditVcpusDialog({ vm, current, maximum, onApplied }: { vm: Vm; current: number; maximum: number; onApplied: () => void }) {
    const [count, setCount] = useState(current);
    const [max, setMax] = useState(maximum);

    const submit = async (): Promise<void> => {
        const problem = checkVcpus(count, max, await hostCpuCount(vm.connection).catch(() => 0));
        if (problem) throw invalidInput(problem);
        const path = await domainPath(vm);
        await applyVcpus({ connection: vm.connection, path, running: vm.state === "running" || vm.state === "paused" }, count, max, maximum);
        onApplied();
    };

    return (
        <ActionDialog id="edit-vcpus-dialog" title={_("vCPUs")} submitLabel={_("Apply")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("vCPU count")} fieldId="edit-vcpus-count">
                    <NumberInput id="edit-vcpus-count" value={count} min={0}
                                 onMinus={() => setCount(count - 1)} onPlus={() => setCount(count + 1)}
                                 onChange={e => setCount(Number((e.target as HTMLInputElement).value))}
                                 inputAriaLabel={_("vCPU count")} />
                </FormGroup>
                <FormGroup label={_("Maximum vCPUs")} fieldId="edit-vcpus-max">
                    <NumberInput id="edit-vcpus-max" value={max} min={0}
                                 onMinus={() => setMax(max - 1)} onPlus={() => setMax(max + 1)}
                                 onChange={e => setMax(Number((e.target as HTMLInputElement).value))}
                                 inputAriaLabel={_("Maximum vCPUs")} />
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
