// In a dialog that deletes a pool or network: a spinner while the VMs that use it are looked up,
// then why they could not be, or which they are and what deleting does to them.
import { Spinner } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { Notice } from "./Notice.tsx";
import { ResourceUserList } from "./ResourceUserList.tsx";
import type { ResourceUsers } from "./use-resource-users.ts";

interface ResourceUsersNoteProps {
    /** The prefix of the alerts' ids: `${id}-users`, `${id}-users-error`. */
    id: string;
    lookup: ResourceUsers;
    failure: { variant: "danger" | "warning"; title: string };
    /** What the users are told, or null where the dialog says it otherwise. */
    usersNote: { title: string; text: string } | null;
}

export function ResourceUsersNote({ id, lookup: { users, error }, failure, usersNote }: ResourceUsersNoteProps) {
    return (
        <>
            {users === null && !error && <p><Spinner size="md" /> {_("Looking for virtual machines that use it…")}</p>}
            {error && <Notice variant={failure.variant} isInline id={`${id}-users-error`} title={failure.title}>{error.detail}</Notice>}
            {usersNote && users !== null && users.length > 0 && (
                <Notice variant="warning" isInline id={`${id}-users`} title={usersNote.title}>
                    <ResourceUserList users={users} />
                    {usersNote.text}
                </Notice>
            )}
        </>
    );
}
