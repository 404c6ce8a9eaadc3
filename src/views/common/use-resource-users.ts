// The VMs that use a network or pool, looked up once when a dialog opens.
import { useMemo } from "react";

import type { DescribedError } from "../../lib/described-error.ts";
import { describeError } from "../../libvirt/errors.ts";
import { useData } from "../../state/use-data.ts";
import type { ResourceUser } from "./resource-users.ts";

export interface ResourceUsers {
    /** null while they are looked up. */
    users: ResourceUser[] | null;
    error: DescribedError | null;
}

/** `find` runs again whenever it changes: keep it stable (useCallback). */
export function useResourceUsers(find: () => Promise<ResourceUser[]>): ResourceUsers {
    const found = useData(find, [find]);
    const error = useMemo(() => found.error === undefined ? null : describeError(found.error), [found.error]);
    return { users: error ? null : found.data ?? null, error };
}
