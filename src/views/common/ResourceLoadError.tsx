import { Alert, EmptyState, EmptyStateBody } from "@patternfly/react-core";
import { ExclamationCircleIcon } from "@patternfly/react-icons";

import type { DescribedError } from "../../lib/described-error.ts";
import { remedy } from "../vm-list/ConnectionProblems.tsx";

/** Why a list of pools or networks could not be read: a page-wide state when nothing could. */
export function ResourceLoadError({ error, nothingShown, id }: { error: DescribedError; nothingShown: boolean; id: string }) {
    if (nothingShown) {
        return (
            <EmptyState titleText={error.summary} headingLevel="h2" icon={ExclamationCircleIcon} status="danger" id={id}>
                <EmptyStateBody>
                    <p>{remedy(error)}</p>
                    <p className="error-detail">{error.detail}</p>
                </EmptyStateBody>
            </EmptyState>
        );
    }
    return (
        <Alert variant="danger" isInline title={error.summary} id={id}>
            <p>{remedy(error)}</p>
            <p className="error-detail">{error.detail}</p>
        </Alert>
    );
}
