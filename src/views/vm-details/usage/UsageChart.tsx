// One usage graph of the last five minutes, in PatternFly's chart style (VM usage and guest metrics).
import { Chart, ChartArea, ChartAxis, ChartGroup, ChartVoronoiContainer } from "@patternfly/react-charts/victory";
import { Card, CardBody, CardTitle } from "@patternfly/react-core";

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
    max?: number;
}

export function UsageChart<P extends TimedPoint>({ id, title, points, series, formatValue, max }: UsageChartProps<P>) {
    const now = points.at(-1)?.at ?? Date.now();
    const latest = points.at(-1);
    const top = max ?? Math.max(1, ...points.flatMap(p => series.map(s => s.value(p))));
    return (
        <Card isCompact id={id} data-points={points.length} data-series={series.map(s => s.name).join(",")} className="usage-chart">
            <CardTitle>
                {title}
                {latest && (
                    <span className="usage-now">
                        {" — "}{series.length === 1 ? formatValue(series[0]?.value(latest) ?? 0) : series.map(s => `${s.name} ${formatValue(s.value(latest))}`).join(", ")}
                    </span>
                )}
            </CardTitle>
            <CardBody>
                <Chart ariaTitle={title} height={190} width={520} padding={{ top: 10, bottom: series.length > 1 ? 70 : 40, left: 80, right: 20 }}
                       domain={{ x: [now - 5 * 60 * 1000, now], y: [0, top * 1.1] }}
                       {...(series.length > 1 ? { legendData: series.map(s => ({ name: s.name })), legendPosition: "bottom-left" as const } : {})}
                       containerComponent={<ChartVoronoiContainer labels={({ datum }: { datum: { y: number } }) => formatValue(datum.y)} constrainToVisibleArea />}>
                    <ChartAxis tickValues={[4, 3, 2, 1, 0].map(m => now - m * 60_000)}
                               tickFormat={(t: number) => t === now ? _("now") : format(_("$0 min"), Math.round((t - now) / 60_000))} />
                    <ChartAxis dependentAxis tickFormat={(t: number) => formatValue(t)} tickCount={3} />
                    <ChartGroup>
                        {series.map(s => <ChartArea key={s.name} name={s.name} data={points.map(p => ({ x: p.at, y: s.value(p) }))} />)}
                    </ChartGroup>
                </Chart>
            </CardBody>
        </Card>
    );
}
