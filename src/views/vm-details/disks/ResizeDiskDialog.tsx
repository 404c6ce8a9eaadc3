// Grow a disk. Shrinking is refused before anything is changed.
import { Content, Form } from "@patternfly/react-core";
import { useState } from "react";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _, format } from "../../../lib/i18n.ts";
import { sizeToBytes } from "../../../libvirt/device-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import { growDisk } from "../../../operations/disk-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { type Choice, SelectField, TextField } from "./form-fields.tsx";

const UNITS: Choice[] = ["MiB", "GiB", "TiB"].map(u => ({ value: u, label: u }));

function initialSize(bytes: number): { size: string; unit: string } {
    if (bytes >= 1024 ** 3 && bytes % (1024 ** 3) === 0) return { size: String(bytes / 1024 ** 3), unit: "GiB" };
    return { size: String(Math.ceil(bytes / 1024 ** 2)), unit: "MiB" };
}

export function ResizeDiskDialog({ vm, disk, capacity, onDone }: { vm: Vm; disk: DomainDisk; capacity: number; onDone: () => void }) {
    const initial = initialSize(capacity);
    const [size, setSize] = useState(initial.size);
    const [unit, setUnit] = useState(initial.unit);
    const running = isActiveState(vm.state);

    const submit = async (): Promise<void> => {
        await growDisk(vm, disk.target, disk.path, capacity, sizeToBytes(size, unit), running);
        onDone();
    };

    return (
        <ActionDialog id="resize-disk-dialog" title={format(_("Resize disk $0"), disk.target)} submitLabel={_("Resize")} onSubmit={submit}>
            <Content component="p">
                {format(_("Current size: $0. Disks can only grow; the guest has to grow its partitions and file systems itself."), formatBytes(capacity))}
            </Content>
            <Form onSubmit={event => event.preventDefault()}>
                <TextField id="resize-disk-size" label={_("New size")} value={size} onChange={setSize} />
                <SelectField id="resize-disk-unit" label={_("Unit")} value={unit} choices={UNITS} onChange={setUnit} />
            </Form>
        </ActionDialog>
    );
}
