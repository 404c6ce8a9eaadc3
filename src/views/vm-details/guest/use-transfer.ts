// One file transfer at a time: progress, cancel, outcome.
import { useCallback, useRef, useState } from "react";

export interface TransferState {
    busy: boolean;
    done: number;
    total: number;
    error: string | undefined;
    message: string | undefined;
    sha256: string | undefined;
    /** Date.now() when the transfer started. */
    startedAt: number;
}

export function useTransfer() {
    const [state, setState] = useState<TransferState>({ busy: false, done: 0, total: 0, error: undefined, message: undefined, sha256: undefined, startedAt: 0 });
    const abort = useRef<AbortController>(undefined);

    const start = useCallback(async (work: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<{ message: string; sha256: string }>) => {
        const controller = new AbortController();
        abort.current = controller;
        setState({ busy: true, done: 0, total: 0, error: undefined, message: undefined, sha256: undefined, startedAt: Date.now() });
        try {
            const r = await work(controller.signal, (done, total) => setState(s => ({ ...s, done, total })));
            setState(s => ({ ...s, busy: false, message: r.message, sha256: r.sha256 }));
        } catch (e) {
            setState(s => ({ ...s, busy: false, error: e instanceof Error ? e.message : String(e) }));
        }
    }, []);
    const cancel = useCallback(() => abort.current?.abort(), []);
    return { state, start, cancel };
}
