// The listing of one guest directory, read again when asked or when another is opened.
import { useCallback, useEffect, useState } from "react";

import type { FileListResult } from "../../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../../agent-client/agent-client.ts";
import { errorMessage } from "../../../../lib/error-message.ts";

/** More entries than a table shows usefully; the agent lstat()s each one (slow in a TCG guest). */
export const LIST_LIMIT = 1000;

export interface Directory {
    /** The directory asked for; the listing's own path is the agent's resolved one. */
    path: string;
    listing: FileListResult | undefined;
    error: string | undefined;
    loading: boolean;
    open: (path: string) => void;
    reload: () => void;
}

export function useDirectory(client: AgentClient, start: string): Directory {
    const [path, setPath] = useState(start);
    const [generation, setGeneration] = useState(0);
    const [state, setState] = useState<{ listing: FileListResult | undefined; error: string | undefined; loading: boolean }>({ listing: undefined, error: undefined, loading: true });
    useEffect(() => {
        let stale = false;
        setState(s => ({ ...s, loading: true }));
        client.call("file.list", { path, limit: LIST_LIMIT }).then(
            listing => { if (!stale) setState({ listing, error: undefined, loading: false }) },
            (e: unknown) => { if (!stale) setState({ listing: undefined, error: errorMessage(e), loading: false }) });
        return () => {
            stale = true;
        };
    }, [client, path, generation]);
    const reload = useCallback(() => setGeneration(g => g + 1), []);
    const open = useCallback((next: string) => {
        setPath(next);
        setGeneration(g => g + 1); // the same path again is read again
    }, []);
    return { path, ...state, open, reload };
}
