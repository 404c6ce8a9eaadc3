/*
 * Spawning for guest.exec*: each command runs in its own process group so a
 * timeout or kill also reaches what a shell started; output is collected in
 * bounded buffers.
 */
import { type ChildProcess,spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

import { invalidParams, RpcError } from "../errors.ts";
import { type Obj,optBase64, optBool, optEncoding, optInt, optString, optStringArray, optStringRecord } from "../params.ts";
import { ERROR_CODES, type OutputEncoding } from "../protocol.ts";

export interface ExecSpec {
    argv: string[];
    shell: boolean;
    stdin: Buffer | undefined;
    env: Record<string, string> | undefined;
    cwd: string | undefined;
    timeoutMs: number;
    encoding: OutputEncoding;
}

const DAY_MS = 24 * 3600 * 1000;

export function parseExecSpec(o: Obj, defaultTimeoutMs: number): ExecSpec {
    const argv = optStringArray(o, "argv", { nonEmpty: true });
    if (argv === undefined) throw invalidParams("params.argv is required");
    if (argv[0] === "") throw invalidParams("params.argv[0] must not be empty");
    const cwd = optString(o, "cwd");
    if (cwd !== undefined && !cwd.startsWith("/")) throw invalidParams("params.cwd must be an absolute path");
    return {
        argv,
        shell: optBool(o, "shell") ?? false,
        stdin: optBase64(o, "stdin"),
        env: optStringRecord(o, "env"),
        cwd,
        timeoutMs: optInt(o, "timeoutMs", 0, DAY_MS) ?? defaultTimeoutMs,
        encoding: optEncoding(o, "outputEncoding") ?? "base64",
    };
}

/** Spawns the command; rejects with CommandFailed if it cannot start (no such program, bad cwd...). */
export function spawnSpec(spec: ExecSpec): Promise<ChildProcess> {
    const [file, ...args] = spec.shell ? ["/bin/sh", "-c", ...spec.argv] : spec.argv;
    return new Promise((resolve, reject) => {
        const child = spawn(file ?? "", args, {
            cwd: spec.cwd,
            env: spec.env ? { ...process.env, ...spec.env } : process.env,
            stdio: [spec.stdin ? "pipe" : "ignore", "pipe", "pipe"],
            detached: true, // own process group, see killGroup
        });
        child.once("error", e => {
            const errno = (e as { code?: unknown }).code;
            reject(new RpcError(ERROR_CODES.CommandFailed, `cannot run ${file ?? ""}: ${e.message}`, typeof errno === "string" ? { errno } : {}));
        });
        child.once("spawn", () => {
            if (spec.stdin && child.stdin) {
                // The command may exit without reading its input: EPIPE is its business, not an agent crash.
                child.stdin.on("error", () => undefined);
                child.stdin.end(spec.stdin);
            }
            resolve(child);
        });
    });
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
    if (child.pid === undefined) return false;
    try {
        process.kill(-child.pid, signal);
        return true;
    } catch {
        try {
            return child.kill(signal);
        } catch {
            return false;
        }
    }
}

/** Bounded output of one stream. With pauseWhenFull the child is held back (streaming); else excess is dropped. */
export class OutputBuffer {
    private chunks: Buffer[] = [];
    private size = 0;
    private decoder: StringDecoder | undefined;
    truncated = false;
    ended = false;

    constructor(private readonly stream: Readable | null, cap: number, encoding: OutputEncoding,
        private readonly pauseWhenFull: boolean, onChange: () => void) {
        if (encoding === "utf8") this.decoder = new StringDecoder("utf8");
        if (!stream) {
            this.ended = true;
            return;
        }
        stream.on("data", (chunk: Buffer) => {
            if (this.pauseWhenFull) {
                this.chunks.push(chunk);
                this.size += chunk.length;
                if (this.size >= cap) stream.pause();
            } else {
                const room = cap - this.size;
                if (chunk.length > room) this.truncated = true;
                if (room > 0) {
                    this.chunks.push(chunk.subarray(0, room));
                    this.size += Math.min(room, chunk.length);
                }
            }
            onChange();
        });
        stream.on("error", () => undefined);
        stream.on("end", () => {
            this.ended = true;
            onChange();
        });
    }

    get pending(): number {
        return this.size;
    }

    /** Takes what has been collected, encoded; resumes a paused child. `final` flushes a partial UTF-8 sequence. */
    take(final: boolean): string {
        const data = Buffer.concat(this.chunks);
        this.chunks = [];
        this.size = 0;
        if (this.pauseWhenFull && this.stream?.isPaused() === true) this.stream.resume();
        if (!this.decoder) return data.toString("base64");
        return this.decoder.write(data) + (final ? this.decoder.end() : "");
    }

    /** Stop waiting for more (a background grandchild may hold the pipe open forever). */
    detach(): void {
        this.stream?.destroy();
        this.ended = true;
    }
}
