/*
 * guest.exec (run to completion) and guest.exec_start/_status/_kill
 * (background run, output polled incrementally).
 */
import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";

import type { AgentConfig } from "../config.ts";
import { invalidParams, RpcError } from "../errors.ts";
import { log } from "../log.ts";
import { optInt, optString, reqInt } from "../params.ts";
import { ERROR_CODES, type ExecResult, type ExecStatus } from "../protocol.ts";
import { define, type Handlers } from "./define.ts";
import { type ExecSpec,killGroup, OutputBuffer, parseExecSpec, spawnSpec } from "./exec-process.ts";

/** After the command exits, how long to wait for its pipes to close (a background child may keep them open). */
const CLOSE_GRACE_MS = 300;
/** Finished sessions nobody polls are forgotten after this. */
const REAP_MS = 5 * 60_000;
const MAX_WAIT_MS = 30_000;

interface Run {
    child: ChildProcess;
    out: OutputBuffer;
    err: OutputBuffer;
    exitCode: number | null;
    signal: string | null;
    timedOut: boolean;
    /** Process exited and output is complete (or given up on). */
    done: Promise<void>;
    finished: boolean;
    exited: boolean;
    /** After the exit: finish soon unless output is still waiting to be polled. */
    giveUpLater: () => void;
    cancelTimeout: () => void;
}

/** Starts a command and wires its exit, timeout and output. notify: new output or exit. */
async function start(spec: ExecSpec, cap: number, streaming: boolean, notify: () => void): Promise<Run> {
    const child = await spawnSpec(spec);
    const out = new OutputBuffer(child.stdout, cap, spec.encoding, streaming, notify);
    const err = new OutputBuffer(child.stderr, cap, spec.encoding, streaming, notify);
    let timer: NodeJS.Timeout | undefined;
    const run: Run = {
        child, out, err, exitCode: null, signal: null, timedOut: false, finished: false, exited: false, done: Promise.resolve(),
        giveUpLater: () => undefined,
        cancelTimeout: () => clearTimeout(timer),
    };
    if (spec.timeoutMs > 0) {
        timer = setTimeout(() => {
            run.timedOut = true;
            killGroup(child, "SIGKILL");
        }, spec.timeoutMs);
    }
    run.done = new Promise(resolve => {
        const finish = (): void => {
            if (run.finished) return;
            run.finished = true;
            clearTimeout(timer);
            resolve();
            notify();
        };
        child.once("close", finish);
        run.giveUpLater = () => {
            // Streaming runs first wait for their output to be polled out; only a stuck pipe is given up on.
            setTimeout(() => {
                if (run.finished || (streaming && (out.pending > 0 || err.pending > 0))) return;
                out.detach();
                err.detach();
                finish();
            }, CLOSE_GRACE_MS).unref();
        };
        child.once("exit", (code, signal) => {
            run.exitCode = code;
            run.signal = signal;
            run.exited = true;
            run.giveUpLater();
        });
    });
    return run;
}

interface Session {
    run: Run;
    encoding: ExecSpec["encoding"];
    waiters: Set<() => void>;
    reapTimer: NodeJS.Timeout | undefined;
    /** Runs from the last exec_status answer: a command nobody polls any more is killed. */
    idleTimer: NodeJS.Timeout | undefined;
}

export class ExecSessions {
    private readonly sessions = new Map<number, Session>();
    /** Every unfinished run, synchronous ones included, so a stopping agent leaves nothing behind. */
    private readonly live = new Set<Run>();
    private next = 1;

    constructor(private readonly config: AgentConfig) {}

    async runToEnd(spec: ExecSpec): Promise<ExecResult> {
        const started = performance.now();
        const run = this.track(await start(spec, this.config.maxExecOutputBytes, false, () => undefined));
        await run.done;
        return {
            exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut,
            stdout: run.out.take(true), stderr: run.err.take(true), encoding: spec.encoding,
            stdoutTruncated: run.out.truncated, stderrTruncated: run.err.truncated,
            durationMs: Math.round(performance.now() - started),
        };
    }

    async start(spec: ExecSpec): Promise<{ handle: number; pid: number }> {
        if (this.sessions.size >= this.config.maxExecSessions) {
            throw new RpcError(ERROR_CODES.LimitExceeded, `too many exec sessions (limit ${this.config.maxExecSessions}); poll finished ones to release them`,
                { limit: this.config.maxExecSessions });
        }
        const handle = this.next++;
        const waiters = new Set<() => void>();
        const notify = (): void => {
            for (const w of waiters) w();
            waiters.clear();
        };
        const run = this.track(await start(spec, this.config.maxExecOutputBytes, true, notify));
        const session: Session = { run, encoding: spec.encoding, waiters, reapTimer: undefined, idleTimer: undefined };
        this.sessions.set(handle, session);
        this.watchIdle(session);
        void run.done.then(() => {
            clearTimeout(session.idleTimer);
            session.reapTimer = setTimeout(() => this.sessions.delete(handle), REAP_MS);
            session.reapTimer.unref();
        });
        return { handle, pid: run.child.pid ?? -1 };
    }

    /**
     * A host that went away (its page closed, its connection lost) polls no more: its command
     * would run on unseen, holding a session, until it ends by itself, if ever.
     */
    private watchIdle(s: Session): void {
        clearTimeout(s.idleTimer);
        s.idleTimer = setTimeout(() => {
            if (s.run.finished) return;
            log(`exec session of pid ${s.run.child.pid ?? "?"} not polled for ${this.config.execSessionIdleMs} ms: killed`);
            killGroup(s.run.child, "SIGKILL");
        }, this.config.execSessionIdleMs);
        s.idleTimer.unref();
    }

    private get(handle: number): Session {
        const s = this.sessions.get(handle);
        if (!s) throw new RpcError(ERROR_CODES.NotFound, `no exec session ${handle}`);
        return s;
    }

    async status(handle: number, waitMs: number): Promise<ExecStatus> {
        const s = this.get(handle);
        const { run } = s;
        clearTimeout(s.idleTimer); // not idle while a poll waits
        if (waitMs > 0 && !run.finished && run.out.pending === 0 && run.err.pending === 0) {
            await new Promise<void>(resolve => {
                const timer = setTimeout(() => {
                    s.waiters.delete(wake);
                    resolve();
                }, waitMs);
                const wake = (): void => {
                    clearTimeout(timer);
                    resolve();
                };
                s.waiters.add(wake);
            });
        }
        // Decide "finished" before draining, so output arriving in between is not lost.
        const finished = run.finished;
        const stdout = run.out.take(finished);
        const stderr = run.err.take(finished);
        if (finished) {
            clearTimeout(s.reapTimer);
            this.sessions.delete(handle);
        } else {
            this.watchIdle(s);
            if (run.exited) run.giveUpLater();
        }
        return {
            running: !finished, exitCode: finished ? run.exitCode : null, signal: finished ? run.signal : null,
            timedOut: run.timedOut, stdout, stderr, encoding: s.encoding,
        };
    }

    kill(handle: number, signal: NodeJS.Signals): boolean {
        const { run } = this.get(handle);
        if (run.finished) return false;
        return killGroup(run.child, signal);
    }

    private track(run: Run): Run {
        this.live.add(run);
        void run.done.then(() => this.live.delete(run));
        return run;
    }

    killAll(): void {
        for (const run of this.live) {
            killGroup(run.child, "SIGKILL");
            run.cancelTimeout();
        }
    }
}

function parseSignal(name: string | undefined): NodeJS.Signals {
    const sig = name ?? "SIGTERM";
    if (!Object.prototype.hasOwnProperty.call(constants.signals, sig)) throw invalidParams(`params.signal: unknown signal ${sig}`);
    return sig as NodeJS.Signals;
}

export function execMethods(config: AgentConfig, sessions: ExecSessions): Pick<Handlers,
    "guest.exec" | "guest.exec_start" | "guest.exec_status" | "guest.exec_kill"> {
    return {
        "guest.exec": define(o => {
            const spec = parseExecSpec(o, config.execTimeoutMs);
            // A synchronous call must end: 0 means "the default", not "never".
            return spec.timeoutMs === 0 ? { ...spec, timeoutMs: config.execTimeoutMs } : spec;
        }, async spec => sessions.runToEnd(spec)),
        "guest.exec_start": define(o => parseExecSpec(o, 0), async spec => sessions.start(spec)),
        "guest.exec_status": define(o => ({ handle: reqInt(o, "handle", 1), waitMs: optInt(o, "waitMs", 0, MAX_WAIT_MS) ?? 0 }),
            async p => sessions.status(p.handle, p.waitMs)),
        "guest.exec_kill": define(o => ({ handle: reqInt(o, "handle", 1), signal: parseSignal(optString(o, "signal")) }),
            p => Promise.resolve({ signalled: sessions.kill(p.handle, p.signal) })),
    };
}
