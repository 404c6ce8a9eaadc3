/*
 * Audit log: one line per call on stderr, which journald captures when the
 * agent runs under systemd. Fixed format, one token per field, so it can be
 * grepped and parsed:
 *   audit: method=<name|-> outcome=<ok|error> code=<0|error code> id=<id|-> ms=<duration>
 * Values come from the peer, so they are reduced to a safe character set.
 */
import type { RequestId } from "./protocol.ts";

export interface AuditEntry {
    /** The requested method name, or undefined when the line was not a request. */
    method: string | undefined;
    outcome: "ok" | "error";
    code: number;
    id: RequestId | null | undefined;
    ms: number;
}

export type AuditSink = (line: string) => void;

function token(value: string, max: number): string {
    const clean = value.replace(/[^A-Za-z0-9._:/-]/g, "?");
    return clean.length > max ? `${clean.slice(0, max)}…` : clean || "?";
}

export function formatAudit(e: AuditEntry): string {
    const method = e.method === undefined ? "-" : token(e.method, 64);
    const id = e.id === undefined || e.id === null ? "-" : token(String(e.id), 40);
    return `audit: method=${method} outcome=${e.outcome} code=${e.code} id=${id} ms=${Math.round(e.ms)}`;
}

export function stderrSink(line: string): void {
    try {
        process.stderr.write(`${line}\n`);
    } catch {
        // Nowhere left to report to; the call itself must not fail because of it.
    }
}

export class Audit {
    constructor(private readonly sink: AuditSink = stderrSink) {}

    record(entry: AuditEntry): void {
        this.sink(formatAudit(entry));
    }
}
