// The VMs that use a network or pool, looked up once when a dialog opens.
import { useEffect, useState } from "react";

import type { DescribedError } from "../../lib/described-error.ts";
import { describeError } from "../../libvirt/errors.ts";

import type { ResourceUser } from "./resource-users.ts";

export interface ResourceUsers {
    /** null while they are looked up. */
    users: ResourceUser[] | null;
    error: DescribedError | null;
}

/** `find` runs again whenever it changes: keep it stable (useCallback). */
export function useResourceUsers(find: () => Promise<ResourceUser[]>): ResourceUsers {
    const [state, setState] = useState<ResourceUsers>({ users: null, error: null });
    useEffect(() => {
        let live = true;
        find().then(
            users => { if (live) setState({ users, error: null }) },
            (error: unknown) => { if (live) setState({ users: null, error: describeError(error) }) },
        );
        return () => { live = false };
    }, [find]);
    return state;
}
