// One usage graph, of the last five minutes or of a stored history range, in PatternFly's chart
// style (VM usage, guest metrics, the host on the Overview page).
import { Chart, ChartArea, ChartAxis, ChartGroup, ChartVoronoiContainer } from "@patternfly/react-charts/victory";
import { Card, CardBody, CardTitle } from "@patternfly/react-core";

import { formatDateTime } from "../../../lib/format-number.ts";
import { _, format } from "../../../lib/i18n.ts";
import type { TimedPoint } from "../../../state/usage-history.ts";

export interface Series<P extends TimedPoint> {
    name: string;
    value: (point: P) => number;
}

interface UsageChartProps<P extends TimedPoint> {
    id: string;
    title: string;
    points: readonly P[];
    series: Series<P>[];
    formatValue: (value: number) => string;
    /** Fixed top of the scale (100 for percentages); else it follows the data. */
    max?: number | undefined;
    /** A stored history's time span (ms since the epoch); else the last five minutes up to the newest point. */
    span?: { start: number; end: number } | undefined;
}

const LIVE_MS = 5 * 60 * 1000;
const DAY_MS = 86_400_000;

/** Five ticks over the span: minutes ago when live, clock times within a day, dates beyond. */
function timeAxis(start: number, end: number, live: boolean): { ticks: number[]; label: (t: number) => string } {
    if (live) return { ticks: [4, 3, 2, 1, 0].map(m => end - m * 60_000), label: t => t === end ? _("now") : format(_("$0 min"), Math.round((t - end) / 60_000)) };
    const ticks = [0, 1, 2, 3, 4].map(i => start + (end - start) * i / 4);
    const options: Intl.DateTimeFormatOptions = end - start > DAY_MS ? { month: "short", day: "numeric" } : { hour: "2-digit", minute: "2-digit" };
    return { ticks, label: t => formatDateTime(t, options) };
}

/** The chart's text alternative: each series' newest value and its highest and lowest over the span. */
function summary<P extends TimedPoint>(points: readonly P[], series: Series<P>[], formatValue: (value: number) => string, spanText: string): string {
    if (points.length === 0) return format(_("No data yet, $0."), spanText);
    const parts = series.map(s => {
        const values = points.map(p => s.value(p));
        return format(_("$0: now $1, highest $2, lowest $3"), s.name, formatValue(values.at(-1) ?? 0), formatValue(Math.max(...values)), formatValue(Math.min(...values)));
    });
    return `${parts.join("; ")} (${spanText})`;
}

export function UsageChart<P extends TimedPoint>({ id, title, points, series, formatValue, max, span }: UsageChartProps<P>) {
    const now = points.at(-1)?.at ?? Date.now();
    const [start, end] = span ? [span.start, span.end] : [now - LIVE_MS, now];
    const axis = timeAxis(start, end, !span);
    // A history's title shows no "now" value: its newest point may be minutes old.
    const latest = span ? undefined : points.at(-1);
    const peak = Math.max(0, ...points.flatMap(p => series.map(s => s.value(p))));
    const top = max ?? Math.max(1, peak);
    const spanText = span ? format(_("from $0 to $1"), formatDateTime(start), formatDateTime(end)) : _("last five minutes");
    return (
        <Card isCompact id={id} data-points={points.length} data-span={span ? "history" : "live"} data-peak={peak.toFixed(1)} data-series={series.map(s => s.name).join(",")} className="usage-chart">
            <CardTitle>
                {title}
                {latest && (
                    <span className="usage-now">
                        {" — "}{series.length === 1 ? formatValue(series[0]?.value(latest) ?? 0) : series.map(s => `${s.name} ${formatValue(s.value(latest))}`).join(", ")}
                    </span>
                )}
            </CardTitle>
            <CardBody>
                <Chart ariaTitle={title} ariaDesc={summary(points, series, formatValue, spanText)} height={190} width={520} padding={{ top: 10, bottom: series.length > 1 ? 70 : 40, left: 80, right: 20 }}
                       domain={{ x: [start, end], y: [0, top * 1.1] }}
                       {...(series.length > 1 ? { legendData: series.map(s => ({ name: s.name })), legendPosition: "bottom-left" as const } : {})}
                       containerComponent={<ChartVoronoiContainer labels={({ datum }: { datum: { y: number } }) => formatValue(datum.y)} constrainToVisibleArea />}>
                    <ChartAxis tickValues={axis.ticks} tickFormat={axis.label} />
                    <ChartAxis dependentAxis tickFormat={(t: number) => formatValue(t)} tickCount={3} />
                    <ChartGroup>
                        {series.map(s => <ChartArea key={s.name} name={s.name} data={points.map(p => ({ x: p.at, y: s.value(p) }))} />)}
                    </ChartGroup>
                </Chart>
            </CardBody>
        </Card>
    );
}
