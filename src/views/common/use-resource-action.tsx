// Runs a storage pool or network action: asks first when running VMs use the object, and
// reports a failure as an alert with libvirt's reason.
import { useCallback } from "react";

import { _, format } from "../../lib/i18n.ts";
import { describeError } from "../../libvirt/errors.ts";

import { ActionDialog } from "./ActionDialog.tsx";
import { useAddAlert } from "./alerts.tsx";
import { useDialogs } from "./dialogs.tsx";

export interface ResourceAction {
    /** e.g. "Stop", for the alert title. */
    label: string;
    objectName: string;
    run: () => Promise<void>;
    /** Finds the VMs that would be affected; when some are, the user confirms first. */
    users?: () => Promise<string[]>;
    confirmTitle?: string;
}

export function useResourceAction(): (action: ResourceAction) => Promise<void> {
    const addAlert = useAddAlert();
    const dialogs = useDialogs();

    return useCallback(async (action: ResourceAction) => {
        const fail = (error: unknown): void => {
            const e = describeError(error);
            addAlert({ variant: "danger", title: format(_("$0 failed for $1"), action.label, action.objectName), detail: `${e.summary}: ${e.detail}` });
        };
        let users: string[] = [];
        try {
            users = await action.users?.() ?? [];
        } catch (error) {
            fail(error);
            return;
        }
        if (users.length > 0) {
            dialogs.show(
                <ActionDialog id="confirm-resource-action" title={action.confirmTitle ?? action.label} submitLabel={action.label} danger onSubmit={action.run}>
                    <p>{format(_("These running virtual machines use $0 and may lose their disks or network:"), action.objectName)}</p>
                    <ul id="resource-users">{users.map(name => <li key={name}>{name}</li>)}</ul>
                </ActionDialog>,
            );
            return;
        }
        try {
            await action.run();
        } catch (error) {
            fail(error);
        }
    }, [addAlert, dialogs]);
}
