/* Diagnostics (not audit) on stderr; journald adds time and unit. */
import { stderrSink } from "./audit.ts";

export function log(message: string): void {
    stderrSink(`kvmm-agent: ${message}`);
}

export function errorText(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}
