// A history query that failed: Prometheus's own words, under a sentence a user understands.
import { Alert } from "@patternfly/react-core";

import { errorMessage } from "../../lib/error-message.ts";
import { _ } from "../../lib/i18n.ts";

export function HistoryProblem({ error }: { error: unknown }) {
    if (error === undefined || error === null) return null;
    return (
        <Alert id="history-problem" variant="warning" isInline isPlain title={_("The stored history could not be read")}>
            {errorMessage(error)}
        </Alert>
    );
}
