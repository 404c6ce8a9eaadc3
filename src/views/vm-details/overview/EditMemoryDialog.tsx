import { Form, FormGroup, NumberInput } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { hostMemoryKiB } from "../../../libvirt/host-api.ts";
import { applyMemory } from "../../../operations/apply-resources.ts";
import { checkMemory } from "../../../operations/resource-limits.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

const MiB = 1024;

/** Sizes are entered in MiB and kept in KiB, as libvirt counts. */
export function EditMemoryDialog({ vm, currentKiB, maximumKiB, onApplied }: { vm: Vm; currentKiB: number; maximumKiB: number; onApplied: () => void }) {
    const [current, setCurrent] = useState(Math.round(currentKiB / MiB));
    const [max, setMax] = useState(Math.round(maximumKiB / MiB));

    const submit = async (): Promise<void> => {
        const problem = checkMemory(current * MiB, max * MiB, await hostMemoryKiB(vm.connection).catch(() => 0));
        if (problem) throw invalidInput(problem);
        const path = await domainPath(vm);
        await applyMemory({ connection: vm.connection, path, running: vm.state === "running" || vm.state === "paused" },
                          current * MiB, max * MiB, maximumKiB);
        onApplied();
    };

    return (
        <ActionDialog id="edit-memory-dialog" title={_("Memory")} submitLabel={_("Apply")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Memory (MiB)")} fieldId="edit-memory-current">
                    <NumberInput id="edit-memory-current" value={current} min={0} unit="MiB"
                                 onMinus={() => setCurrent(current - 128)} onPlus={() => setCurrent(current + 128)}
                                 onChange={e => setCurrent(Number((e.target as HTMLInputElement).value))}
                                 inputAriaLabel={_("Memory (MiB)")} />
                </FormGroup>
                <FormGroup label={_("Maximum memory (MiB)")} fieldId="edit-memory-max">
                    <NumberInput id="edit-memory-max" value={max} min={0} unit="MiB"
                                 onMinus={() => setMax(max - 128)} onPlus={() => setMax(max + 128)}
                                 onChange={e => setMax(Number((e.target as HTMLInputElement).value))}
                                 inputAriaLabel={_("Maximum memory (MiB)")} />
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
