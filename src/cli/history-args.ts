// kvmm's commands over the stored history: stats, alerts and suggestions.
import { durationSeconds } from "../lib/prometheus/settings.ts";
import type { StatsTarget } from "../operations/usage-stats.ts";
import { UsageError } from "./usage-error.ts";

export type HistoryCommand = { kind: "stats"; target: StatsTarget; sinceSeconds: number } | { kind: "alerts" } | { kind: "suggestions"; vm?: string };

/** `kvmm stats --host`: a bare --host (no USER@HOST after it) there means this host's own stats. */
export const THIS_HOST = "--this-host";

const STATS_USAGE = "stats VM|--host [--since DURATION] [--json]";
const DEFAULT_SINCE_SECONDS = 3600;

export function historyCommand(verb: "stats" | "alerts" | "suggestions", rest: string[], options: Map<string, string>): HistoryCommand {
    if (verb === "suggestions") {
        if (rest.length > 1) throw new UsageError("usage: kvmm suggestions [VM]");
        return { kind: "suggestions", ...rest[0] === undefined ? {} : { vm: rest[0] } };
    }
    if (verb === "alerts") {
        if (rest.length !== 0) throw new UsageError("usage: kvmm alerts");
        return { kind: "alerts" };
    }
    const host = options.has(THIS_HOST);
    if (host ? rest.length !== 0 : rest.length !== 1) throw new UsageError(`usage: kvmm ${STATS_USAGE}`);
    const since = options.get("--since");
    const sinceSeconds = since === undefined ? DEFAULT_SINCE_SECONDS : durationSeconds(since);
    if (sinceSeconds === undefined || sinceSeconds <= 0) throw new UsageError(`--since needs a duration such as 30m, 6h or 7d, not ${since ?? ""}`);
    return { kind: "stats", target: host ? { kind: "host" } : { kind: "vm", name: rest[0] ?? "" }, sinceSeconds };
}
