// The suggestions for the system connection's VMs (the Overview) or for one VM (its page).
import type { ConnectionId } from "../libvirt/connection.ts";
import { readSuggestions, type SuggestionReport } from "../operations/suggestions/read-suggestions.ts";
import { type Data, useData } from "./use-data.ts";

export type { Suggestion, SuggestionFix } from "../operations/suggestions/rules.ts";
export { applySuggestionFix } from "../operations/suggestions/fixes.ts";

/** The week of history moves slowly: reading it again every few minutes is enough. */
const POLL_MS = 300_000;

/** `refresh`: values that say the VMs' configuration changed. */
export function useSuggestions(conn: ConnectionId, vmName: string | undefined, refresh: readonly unknown[] = []): Data<SuggestionReport> {
    return useData(() => readSuggestions(conn, vmName), [conn, vmName], { pollMs: POLL_MS, refresh });
}
