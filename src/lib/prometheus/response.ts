// Prometheus HTTP API answers (/api/v1/query_range), checked and typed.

export interface Sample {
    /** seconds since the epoch */
    at: number;
    value: number;
}

export interface MatrixSeries {
    labels: Record<string, string>;
    samples: Sample[];
}

/** Prometheus answered, but with an error (a bad query, a timeout): its own words. */
export class PrometheusError extends Error {
    constructor(readonly errorType: string, message: string) {
        super(message);
    }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function parseSample(pair: unknown): Sample {
    if (!Array.isArray(pair) || typeof pair[0] !== "number" || typeof pair[1] !== "string")
        throw new PrometheusError("bad_response", "A sample is not [time, \"value\"]");
    // "NaN", "+Inf" parse as such; a graph shows them as gaps.
    return { at: pair[0], value: Number(pair[1]) };
}

function parseLabels(metric: unknown): Record<string, string> {
    const labels: Record<string, string> = {};
    if (isObject(metric)) for (const [k, v] of Object.entries(metric)) if (typeof v === "string") labels[k] = v;
    return labels;
}

/** The `data` of a successful answer, or the PrometheusError it reports. */
function answerData(text: string): Record<string, unknown> {
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        throw new PrometheusError("bad_response", "The answer is not JSON: is this a Prometheus HTTP API?");
    }
    if (!isObject(body)) throw new PrometheusError("bad_response", "The answer is not a JSON object");
    if (body.status === "error")
        throw new PrometheusError(typeof body.errorType === "string" ? body.errorType : "error", typeof body.error === "string" ? body.error : "unknown error");
    if (body.status !== "success" || !isObject(body.data)) throw new PrometheusError("bad_response", "The answer has no data");
    return body.data;
}

export function parseMatrix(text: string): MatrixSeries[] {
    const data = answerData(text);
    if (data.resultType !== "matrix" || !Array.isArray(data.result))
        throw new PrometheusError("bad_response", `Expected a matrix, got ${String(data.resultType)}`);
    return data.result.map((series: unknown) => {
        if (!isObject(series) || !Array.isArray(series.values)) throw new PrometheusError("bad_response", "A series has no values");
        return { labels: parseLabels(series.metric), samples: series.values.map(parseSample) };
    });
}

/** One value per series of an instant query (/api/v1/query). */
export interface VectorSample {
    labels: Record<string, string>;
    value: number;
}

export function parseVector(text: string): VectorSample[] {
    const data = answerData(text);
    if (data.resultType !== "vector" || !Array.isArray(data.result))
        throw new PrometheusError("bad_response", `Expected a vector, got ${String(data.resultType)}`);
    return data.result.map((series: unknown) => {
        if (!isObject(series)) throw new PrometheusError("bad_response", "A series is not an object");
        return { labels: parseLabels(series.metric), value: parseSample(series.value).value };
    });
}

/** Points with a value per field, by timestamp (ms), oldest first; a field without a sample at a time is absent there. */
export function mergeSeries(byField: ReadonlyMap<string, readonly MatrixSeries[]>): { at: number; values: Record<string, number> }[] {
    const points = new Map<number, Record<string, number>>();
    for (const [field, series] of byField) {
        for (const s of series) {
            for (const sample of s.samples) {
                if (!Number.isFinite(sample.value)) continue;
                const at = sample.at * 1000;
                const values = points.get(at) ?? {};
                values[field] = (values[field] ?? 0) + sample.value;
                points.set(at, values);
            }
        }
    }
    return [...points.entries()].sort((a, b) => a[0] - b[0]).map(([at, values]) => ({ at, values }));
}

/** An alert Prometheus holds (/api/v1/alerts): its condition holds (pending) or has held long enough (firing). */
export interface ActiveAlert {
    /** Prometheus's alert name. */
    name: string;
    state: "pending" | "firing";
    labels: Record<string, string>;
    annotations: Record<string, string>;
    /** ms since the epoch: since when the condition holds */
    since: number;
    /** The condition's value then it was last evaluated (NaN when it has none). */
    value: number;
}

export function parseAlerts(text: string): ActiveAlert[] {
    const data = answerData(text);
    if (!Array.isArray(data.alerts)) throw new PrometheusError("bad_response", "The answer has no alerts");
    return data.alerts.map((alert: unknown) => {
        if (!isObject(alert) || (alert.state !== "pending" && alert.state !== "firing"))
            throw new PrometheusError("bad_response", "An alert has no state");
        const labels = parseLabels(alert.labels);
        const since = typeof alert.activeAt === "string" ? Date.parse(alert.activeAt) : NaN;
        return { name: labels.alertname ?? "", state: alert.state, labels, annotations: parseLabels(alert.annotations), since,
                 value: typeof alert.value === "string" ? Number(alert.value) : NaN };
    });
}
