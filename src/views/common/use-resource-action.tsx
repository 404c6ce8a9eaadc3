// Runs a storage pool or network action: asks first when VMs use the object, and
// reports a failure as an alert with libvirt's reason.
import { useCallback } from "react";

import { _, format } from "../../lib/i18n.ts";
import { describeError } from "../../libvirt/errors.ts";
import { ActionDialog } from "./ActionDialog.tsx";
import { useAddAlert } from "./alerts.tsx";
import { useDialogs } from "./dialogs.tsx";
import type { ResourceUser } from "./resource-users.ts";
import { ResourceUserList } from "./ResourceUserList.tsx";

export interface ResourceAction {
    /** e.g. "Stop", for the alert title. */
    label: string;
    objectName: string;
    run: () => Promise<void>;
    /** Finds the VMs that would be affected; when some are, the user confirms first. */
    users?: () => Promise<ResourceUser[]>;
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
        let users: ResourceUser[] = [];
        try {
            users = await action.users?.() ?? [];
        } catch (error) {
            fail(error);
            return;
        }
        if (users.length > 0) {
            dialogs.show(
                <ActionDialog id="confirm-resource-action" title={action.confirmTitle ?? action.label} submitLabel={action.label} danger onSubmit={action.run}>
                    <p>{format(_("These virtual machines use $0. Running ones may lose their disks or network; the others cannot start until it runs again:"), action.objectName)}</p>
                    <ResourceUserList users={users} />
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
