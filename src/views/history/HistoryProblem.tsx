// A history query that failed: Prometheus's own words, under a sentence a user understands.


import { errorMessage } from "../../lib/error-message.ts";
import { _ } from "../../lib/i18n.ts";
import { Notice } from "../common/Notice.tsx";

export function HistoryProblem({ error }: { error: unknown }) {
    if (error === undefined || error === null) return null;
    return (
        <Notice id="history-problem" variant="warning" isInline isPlain title={_("The stored history could not be read")}>
            {errorMessage(error)}
        </Notice>
    );
}
