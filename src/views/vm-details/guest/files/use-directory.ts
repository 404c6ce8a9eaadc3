// The listing of one guest directory, read again when asked or when another is opened.
import { useCallback, useState } from "react";

import type { FileListResult } from "../../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../../agent-client/agent-client.ts";
import { errorMessage } from "../../../../lib/error-message.ts";
import { useData } from "../../../../state/use-data.ts";

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
    // A new object each time a directory is opened: the same path again is read again.
    const [asked, setAsked] = useState({ path: start });
    // The listing shown stays while another is read; an error replaces it.
    const listed = useData(() => client.call("file.list", { path: asked.path, limit: LIST_LIMIT }), [client, asked], { identity: [client] });
    const open = useCallback((next: string) => setAsked({ path: next }), []);
    const failed = listed.error !== undefined;
    return {
        path: asked.path,
        listing: failed ? undefined : listed.data,
        error: failed ? errorMessage(listed.error) : undefined,
        loading: listed.loading || !listed.loaded,
        open,
        reload: listed.reload,
    };
}
