// Stored history from Prometheus (set up by pkg/host/history.sh, or another endpoint the
// settings name), read over its HTTP API from the managed host.
import { type HistoryQuery, type QueryWindow,queryWindow } from "../lib/prometheus/promql.ts";
import { type MatrixSeries, mergeSeries, parseMatrix, parseVector, PrometheusError, type VectorSample } from "../lib/prometheus/response.ts";
import { HISTORY_CONF, type HistorySettings, parseHistoryConf } from "../lib/prometheus/settings.ts";
import { HttpFailure, transports } from "../lib/transports.ts";

export type HistoryAvailability =
    | { state: "ready"; settings: HistorySettings }
    /** No settings file: the history engine was never set up on this host. */
    | { state: "not-set-up" }
    /** Set up, but its endpoint does not answer (stopped, or another endpoint unreachable). */
    | { state: "unreachable"; settings: HistorySettings; message: string };

export async function historySettings(): Promise<HistorySettings | null> {
    const text = await transports().host.readFile(HISTORY_CONF, {});
    return text === null ? null : parseHistoryConf(text);
}

async function get(settings: HistorySettings, path: string, params: Record<string, string>): Promise<string> {
    try {
        return await transports().http.get(`${settings.url}${path}`, params);
    } catch (error) {
        // Prometheus says what was wrong with a query in its JSON answer.
        if (error instanceof HttpFailure && error.body) parseMatrix(error.body);
        throw error;
    }
}

export async function historyAvailability(): Promise<HistoryAvailability> {
    const settings = await historySettings();
    if (!settings) return { state: "not-set-up" };
    try {
        await transports().http.get(`${settings.url}/api/v1/status/buildinfo`, {});
        return { state: "ready", settings };
    } catch (error) {
        return { state: "unreachable", settings, message: error instanceof Error ? error.message : String(error) };
    }
}

export interface HistoryPoint {
    /** ms since the epoch */
    at: number;
    values: Record<string, number>;
}

/** Runs the queries over the same window and returns their values merged by timestamp. */
export async function queryHistory(settings: HistorySettings, queries: readonly HistoryQuery[], w: QueryWindow): Promise<HistoryPoint[]> {
    const params = { start: String(w.start), end: String(w.end), step: String(w.step) };
    const answers = await Promise.all(queries.map(async q =>
        [q.field, parseMatrix(await get(settings, "/api/v1/query_range", { ...params, query: q.promql }))] as [string, MatrixSeries[]]));
    return mergeSeries(new Map(answers));
}

/** One query's values now, a value per series. */
export async function queryInstant(settings: HistorySettings, promql: string): Promise<VectorSample[]> {
    return parseVector(await get(settings, "/api/v1/query", { query: promql }));
}

/** The window of the last `seconds`, ending now. */
export function lastWindow(settings: HistorySettings, seconds: number): QueryWindow {
    return queryWindow(seconds, Date.now() / 1000, settings.scrapeSeconds);
}

export { PrometheusError };
