// A long operation's current step, and for a copy within it a progress bar with bytes, rate and
// time left: one look for create, clone, export, import and migration.
import { Progress, Spinner } from "@patternfly/react-core";

import type { TransferProgress } from "../../operations/progress.ts";
import { transferAmountLabel } from "./transfer-progress.ts";

export interface OperationProgressProps {
    id: string;
    step: string | undefined;
    /** Shown while it belongs to the current step. */
    transfer?: TransferProgress | undefined;
}

export function OperationProgress({ id, step, transfer }: OperationProgressProps) {
    if (!step) return null;
    const copy = transfer?.step === step ? transfer : undefined;
    return (
        <div id={id} role="status" className="operation-progress">
            <p><Spinner size="md" aria-hidden /> {step}</p>
            {copy && (
                <Progress id={`${id}-bar`} aria-label={step} value={copy.totalBytes ? Math.round((copy.doneBytes / copy.totalBytes) * 100) : 0}
                          label={transferAmountLabel(copy.doneBytes, copy.totalBytes, copy.bytesPerSecond)} measureLocation="outside" />
            )}
        </div>
    );
}
