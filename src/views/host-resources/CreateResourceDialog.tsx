// Creates a storage pool or network from its kind's form: checked as the user types (shown once
// they have typed or tried to submit), then defined, started and set to start at boot.
import { Form, HelperText, HelperTextItem } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import type { ManagedResource, ResourceKind } from "./resource-kind.ts";

interface CreateResourceDialogProps<T extends ManagedResource, S> {
    kind: ResourceKind<T, S>;
    connection: ConnectionId;
    initial: S;
    title: string;
}

export function CreateResourceDialog<T extends ManagedResource, S>({ kind, connection, initial, title }: CreateResourceDialogProps<T, S>) {
    const [spec, setSpec] = useState(initial);
    const [touched, setTouched] = useState(false);
    const { key, form } = kind;
    const problem = form.problem(spec);

    const submit = async (): Promise<void> => {
        setTouched(true);
        if (problem) throw invalidInput(problem);
        await kind.sync(connection).refresh(await form.create(connection, spec));
    };

    return (
        <ActionDialog id={`create-${key}-dialog`} title={title} submitLabel={_("Create")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <p>{form.intro}</p>
                <form.Fields connection={connection} spec={spec} onChange={changed => { setSpec(changed); setTouched(true) }} />
                {touched && problem && (
                    <HelperText id={`create-${key}-problem`}><HelperTextItem variant="error">{problem}</HelperTextItem></HelperText>
                )}
            </Form>
        </ActionDialog>
    );
}
