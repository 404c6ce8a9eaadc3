// A button's action run in place (no dialog): busy while it runs, libvirt's reason kept if it fails.
import { useState } from "react";

import type { DescribedError } from "../../lib/described-error.ts";
import { describeError } from "../../libvirt/errors.ts";

export interface InlineAction {
    busy: boolean;
    error: DescribedError | undefined;
    /** Runs `action`, then `onDone` once it succeeded. */
    run: (action: () => Promise<void>, onDone: () => void) => Promise<void>;
}

export function useInlineAction(): InlineAction {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<DescribedError>();
    const run = async (action: () => Promise<void>, onDone: () => void): Promise<void> => {
        setBusy(true);
        setError(undefined);
        try {
            await action();
            onDone();
        } catch (e) {
            setError(describeError(e));
        } finally {
            setBusy(false);
        }
    };
    return { busy, error, run };
}
