// The Overview's suggestions for every VM of the system connection.
import { Card, CardBody, CardTitle, Content, Skeleton } from "@patternfly/react-core";

import { errorMessage } from "../../lib/error-message.ts";
import { _, format } from "../../lib/i18n.ts";
import { useSuggestions } from "../../state/use-suggestions.ts";
import { SuggestionList } from "./SuggestionList.tsx";

export function SuggestionsCard() {
    const { data, error, reload } = useSuggestions("system", undefined);
    return (
        <Card id="overview-suggestions" isCompact data-loaded={data !== undefined} data-count={data?.suggestions.length ?? 0}>
            <CardTitle>{_("Suggestions")}</CardTitle>
            <CardBody>
                {error !== undefined && <p className="overview-error">{format(_("The suggestions could not be read: $0"), errorMessage(error))}</p>}
                {!data && error === undefined && <Skeleton screenreaderText={_("Loading")} />}
                {data && data.suggestions.length === 0 && <Content component="p">{_("Nothing to suggest.")}</Content>}
                {data && <SuggestionList conn="system" suggestions={data.suggestions} missing={data.missing} showVm onFixed={reload} />}
            </CardBody>
        </Card>
    );
}

/** One VM's suggestions on its page; nothing while there are none. */
export function VmSuggestions({ conn, vmName, refresh, onFixed }: { conn: "system" | "session"; vmName: string; refresh: readonly unknown[]; onFixed: () => void }) {
    const { data, reload } = useSuggestions(conn, vmName, refresh);
    if (!data || data.suggestions.length === 0) return null;
    return (
        <section id="vm-suggestions" data-count={data.suggestions.length}>
            <Content component="h3">{_("Suggestions")}</Content>
            <SuggestionList conn={conn} suggestions={data.suggestions} missing={[]} showVm={false} onFixed={() => { reload(); onFixed(); }} />
        </section>
    );
}
