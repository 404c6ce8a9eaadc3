import { Form, FormGroup, TextArea } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { Affect, domainPath, setDescription } from "../../../libvirt/domain-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";

export function EditDescriptionDialog({ vm, description, onApplied }: { vm: Vm; description: string; onApplied: () => void }) {
    const [text, setText] = useState(description);

    const submit = async (): Promise<void> => {
        const flags = Affect.Config | (isActiveState(vm.state) ? Affect.Live : 0);
        await setDescription(vm.connection, await domainPath(vm), text, flags);
        onApplied();
    };

    return (
        <ActionDialog id="edit-description-dialog" title={_("Description")} submitLabel={_("Save")} onSubmit={submit}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Description")} fieldId="edit-description-text">
                    <TextArea id="edit-description-text" value={text} onChange={(_e, value) => setText(value)} resizeOrientation="vertical" />
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
