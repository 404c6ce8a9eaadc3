// One file transfer at a time: progress, cancel, outcome.
import { useCallback, useRef, useState } from "react";

import { errorMessage } from "../../../../lib/error-message.ts";

export interface TransferOutcome {
    message: string;
    /** The file's sha256, when one file moved. */
    sha256?: string;
    /** One line per file, when several moved. */
    details?: string[];
}

export interface TransferState {
    busy: boolean;
    done: number;
    total: number;
    error: string | undefined;
    outcome: TransferOutcome | undefined;
    /** Date.now() when the transfer started. */
    startedAt: number;
}

export function useTransfer() {
    const [state, setState] = useState<TransferState>({ busy: false, done: 0, total: 0, error: undefined, outcome: undefined, startedAt: 0 });
    const abort = useRef<AbortController>(undefined);

    const start = useCallback(async (work: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<TransferOutcome>) => {
        const controller = new AbortController();
        abort.current = controller;
        setState({ busy: true, done: 0, total: 0, error: undefined, outcome: undefined, startedAt: Date.now() });
        try {
            const outcome = await work(controller.signal, (done, total) => setState(s => ({ ...s, done, total })));
            setState(s => ({ ...s, busy: false, outcome }));
        } catch (e) {
            setState(s => ({ ...s, busy: false, error: errorMessage(e) }));
        }
    }, []);
    const cancel = useCallback(() => abort.current?.abort(), []);
    return { state, start, cancel };
}
