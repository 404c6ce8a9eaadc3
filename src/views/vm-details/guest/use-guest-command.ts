// One command at a time in the guest: started with guest.exec_start, its output followed by
// long-polling guest.exec_status as it comes, stopped on request or when the page goes away.
import { useCallback, useLayoutEffect, useRef, useState } from "react";

import type { ExecStatus } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { errorMessage } from "../../../lib/error-message.ts";
import { appendCapped, type CappedOutput } from "./command-output.ts";

/** How long one exec_status waits for output before answering with none. */
const POLL_WAIT_MS = 10_000;

export interface CommandState {
    running: boolean;
    stdout: CappedOutput;
    stderr: CappedOutput;
    /** The final status, once the command ended. */
    end: ExecStatus | undefined;
    error: string | undefined;
}

const EMPTY: CappedOutput = { text: "", dropped: 0 };
const IDLE: CommandState = { running: false, stdout: EMPTY, stderr: EMPTY, end: undefined, error: undefined };

type StopSignal = "SIGTERM" | "SIGKILL";

/** The command being run: its handle once exec_start answered, and a stop asked for before that. */
interface Live { handle: number | undefined; stopWith: StopSignal | undefined; unmounted: boolean }

export function useGuestCommand(client: AgentClient) {
    const [state, setState] = useState<CommandState>(IDLE);
    const live = useRef<Live>(undefined);

    // Leaving the tab (or the agent's connection being replaced) stops the command: nobody would
    // see its output. A layout effect's cleanup runs before the Guest tab's effect closes the
    // connection, so the request still goes out; if it does not, the agent kills a command
    // nobody polls after a minute.
    useLayoutEffect(() => () => {
        const l = live.current;
        live.current = undefined;
        if (!l) return;
        l.unmounted = true;
        l.stopWith = "SIGKILL";
        if (l.handle !== undefined && !client.closed) void client.call("guest.exec_kill", { handle: l.handle, signal: "SIGKILL" }).catch(() => undefined);
    }, [client]);

    const run = useCallback(async (argv: string[], shell: boolean): Promise<void> => {
        const l: Live = { handle: undefined, stopWith: undefined, unmounted: false };
        live.current = l;
        setState({ ...IDLE, running: true });
        try {
            const { handle } = await client.call("guest.exec_start", { argv, shell, outputEncoding: "utf8", timeoutMs: 0 });
            l.handle = handle;
            // Stop was pressed (or the tab left) while the command was starting.
            if (l.stopWith && !client.closed) void client.call("guest.exec_kill", { handle, signal: l.stopWith }).catch(() => undefined);
            for (;;) {
                if (l.unmounted) return;
                const status = await client.call("guest.exec_status", { handle, waitMs: POLL_WAIT_MS }, POLL_WAIT_MS + 20_000);
                setState(s => ({ ...s, stdout: appendCapped(s.stdout, status.stdout), stderr: appendCapped(s.stderr, status.stderr) }));
                if (!status.running) {
                    if (live.current === l) live.current = undefined;
                    setState(s => ({ ...s, running: false, end: status }));
                    return;
                }
            }
        } catch (e) {
            if (l.unmounted) return;
            live.current = undefined;
            setState(s => ({ ...s, running: false, error: errorMessage(e) }));
        }
    }, [client]);

    /** SIGTERM asks the command to end; SIGKILL ends it. Before the command has started, once it has. */
    const stop = useCallback(async (signal: StopSignal): Promise<void> => {
        const l = live.current;
        if (!l) return;
        l.stopWith = signal;
        if (l.handle === undefined) return;
        await client.call("guest.exec_kill", { handle: l.handle, signal }).catch((e: unknown) => {
            setState(s => ({ ...s, error: errorMessage(e) }));
        });
    }, [client]);

    /** Forgets the last command's output (a new command line was refused before it ran). */
    const clear = useCallback(() => {
        if (!live.current) setState(IDLE);
    }, []);

    return { state, run, stop, clear };
}
