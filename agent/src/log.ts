/* Diagnostics (not audit) on stderr; journald adds time and unit. */
import { type AuditSink,stderrSink } from "./audit.ts";

let sink: AuditSink = stderrSink;

/** For tests: collect diagnostics instead of printing them. Returns the previous sink. */
export function setLogSink(next: AuditSink): AuditSink {
    const previous = sink;
    sink = next;
    return previous;
}

export function log(message: string): void {
    sink(`kvmm-agent: ${message}`);
}

export function errorText(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}
