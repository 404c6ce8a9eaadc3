// Suggestions with their explanation and, where there is one, the button that applies the fix;
// a fix that libvirt refuses is said in plain words with libvirt's message.
import { Button, Content } from "@patternfly/react-core";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { applySuggestionFix, type Suggestion, type SuggestionFix } from "../../state/use-suggestions.ts";
import { Notice } from "../common/Notice.tsx";
import { useInlineAction } from "../common/use-inline-action.ts";

const FIX_LABELS: Record<SuggestionFix, string> = {
    "add-agent-channel": _("Add the agent channel"),
    "named-cpu-model": _("Set a named CPU model"),
    "enable-autostart": _("Turn autostart on"),
};

function SuggestionItem({ conn, suggestion, showVm, onFixed }: { conn: ConnectionId; suggestion: Suggestion; showVm: boolean; onFixed: () => void }) {
    const { busy, error, run } = useInlineAction();
    const { fix } = suggestion;
    const apply = (chosen: SuggestionFix) => run(() => applySuggestionFix({ connection: conn, name: suggestion.vm }, chosen), onFixed);
    return (
        <li data-rule={suggestion.rule} data-vm={suggestion.vm} className="suggestion">
            <strong>{showVm ? `${suggestion.vm}: ${suggestion.title}` : suggestion.title}</strong>
            <Content component="p" className="suggestion-explanation">{suggestion.explanation}</Content>
            {fix && (
                <Button variant="secondary" size="sm" className="suggestion-fix" data-fix={fix} isLoading={busy} isDisabled={busy} onClick={() => void apply(fix)}>
                    {FIX_LABELS[fix]}
                </Button>
            )}
            {error && (
                <Notice variant="danger" isInline className="suggestion-error"
                        title={format(_("The fix for $0 could not be applied: $1"), suggestion.vm, error.summary)}>{error.detail}</Notice>
            )}
        </li>
    );
}

export function SuggestionList({ conn, suggestions, missing, showVm, onFixed }: {
    conn: ConnectionId; suggestions: readonly Suggestion[]; missing: readonly string[]; showVm: boolean; onFixed: () => void;
}) {
    return (
        <>
            {suggestions.length > 0 && (
                <ul className="suggestion-list">
                    {suggestions.map(s => <SuggestionItem key={`${s.vm}/${s.rule}`} conn={conn} suggestion={s} showVm={showVm} onFixed={onFixed} />)}
                </ul>
            )}
            {missing.map(m => <Content key={m} component="small" className="suggestion-missing">{m}</Content>)}
        </>
    );
}
