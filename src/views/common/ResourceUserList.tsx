// The VMs that use a network or storage pool, each with whether it runs.
import { List, ListItem } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ResourceUser } from "./resource-users.ts";

export function ResourceUserList({ users }: { users: readonly ResourceUser[] }) {
    return (
        <List id="resource-users">
            {users.map(user => (
                <ListItem key={user.name} data-vm={user.name}>
                    {user.name} <span className="resource-user-state">({user.running ? _("running") : _("shut off")})</span>
                </ListItem>
            ))}
        </List>
    );
}
