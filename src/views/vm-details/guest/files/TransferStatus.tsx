// A transfer's progress bar and Cancel while it runs, then its outcome.
import { Button, Progress } from "@patternfly/react-core";

import { _ } from "../../../../lib/i18n.ts";
import { Notice } from "../../../common/Notice.tsx";
import { transferProgressLabel } from "../../../common/transfer-progress.ts";
import type { TransferState } from "./use-transfer.ts";

export function TransferStatus({ id, state, onCancel }: { id: string; state: TransferState; onCancel: () => void }) {
    const { outcome } = state;
    return (
        <div id={`${id}-status`} data-sha256={outcome?.sha256 ?? ""} data-busy={String(state.busy)}>
            {state.busy && (
                <>
                    <Progress id={`${id}-progress`} value={state.total ? Math.round((state.done / state.total) * 100) : 0}
                              label={transferProgressLabel(state.done, state.total, Date.now() - state.startedAt)} title={_("Transferring")} />
                    <Button id={`${id}-cancel`} variant="link" onClick={onCancel}>{_("Cancel")}</Button>
                </>
            )}
            {outcome && (
                <Notice id={`${id}-done`} variant="success" isInline title={outcome.message}>
                    {outcome.sha256 !== undefined && `sha256 ${outcome.sha256}`}
                    {outcome.details && <ul>{outcome.details.map(line => <li key={line}>{line}</li>)}</ul>}
                </Notice>
            )}
            {state.error && <Notice id={`${id}-error`} variant="danger" isInline title={_("The transfer failed")}>{state.error}</Notice>}
        </div>
    );
}
