// Live (the last five minutes the page gathered) or a stored history range.
import { ToggleGroup, ToggleGroupItem } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { HISTORY_RANGES, type HistoryRange } from "../../lib/prometheus/promql.ts";

export type ShownRange = "live" | HistoryRange;

const LABELS: Record<ShownRange, string> = {
    live: _("Live"), "1h": _("1 hour"), "6h": _("6 hours"), "24h": _("24 hours"), "7d": _("7 days"), "30d": _("30 days"),
};

export function parseShownRange(value: string | undefined): ShownRange {
    return HISTORY_RANGES.find(r => r === value) ?? "live";
}

interface ToggleProps<R extends ShownRange> {
    shown: R;
    onChange: (range: R) => void;
    historyReady: boolean;
    /** Only stored ranges (the host has no live graphs of its own). */
    hideLive?: boolean;
}

export function HistoryRangeToggle<R extends ShownRange>({ shown, onChange, historyReady, hideLive }: ToggleProps<R>) {
    const ranges = (hideLive ? HISTORY_RANGES : ["live", ...HISTORY_RANGES]) as R[];
    return (
        <ToggleGroup aria-label={_("Time range")} className="history-range" isCompact>
            {ranges.map(r => (
                <ToggleGroupItem key={r} buttonId={`history-range-${r}`} text={LABELS[r]} isSelected={shown === r}
                                 isDisabled={r !== "live" && !historyReady} onChange={() => onChange(r)} />
            ))}
        </ToggleGroup>
    );
}
