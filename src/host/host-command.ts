// Running a tool on the host the page is opened for (qemu's images and libvirt's directories
// belong to root: with administrative access the bridge runs it as root), with failures said
// in plain words and the tool's own message attached.
import { _, format } from "../lib/i18n.ts";
import { CANCELLED_PROBLEM, type HostRunFailure, transports } from "../lib/transports.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { describeError, LibvirtError, OperationCancelled } from "../libvirt/errors.ts";

export class HostCommandError extends LibvirtError {
    readonly exitStatus: number | undefined;

    constructor(summary: string, detail: string, exitStatus: number | undefined, kind: "permission" | "libvirt" = "libvirt") {
        super({ kind, summary, detail });
        this.exitStatus = exitStatus;
    }
}

export interface HostCommandOptions {
    /** Fed to the tool's standard input (keeps secrets off the command line). */
    input?: string;
    /** What is being done, for the message when it fails. */
    what: string;
    /** false: run as the logged-in user even with administrative access (e.g. network fetches). */
    privileged?: boolean;
}

export interface HostStreamingOptions extends HostCommandOptions {
    onOutput: (chunk: string) => void;
    /** Aborted: the tool is ended and the run rejects with OperationCancelled. */
    signal?: AbortSignal | undefined;
}

/** The tool's failure in the user's words, with its own message attached. */
function hostCommandError(argv: string[], what: string, error: unknown): Error {
    const e: HostRunFailure = typeof error === "object" && error !== null ? error : {};
    if (e.problem === CANCELLED_PROBLEM) return new OperationCancelled();
    const message = (e.message ?? String(error)).trim();
    if (e.problem === "not-found")
        return new HostCommandError(format(_("$0 is not installed on the host"), argv[0] ?? ""), message, undefined);
    const described = describeError(error);
    if (described.kind === "permission" || /permission denied|operation not permitted/i.test(message))
        return new HostCommandError(`${what}: ${_("permission denied. Turn on administrative access.")}`, message, e.exit_status ?? undefined, "permission");
    return new HostCommandError(what, message, e.exit_status ?? undefined);
}

const asRoot = (connection: ConnectionId, options: HostCommandOptions) => connection === "system" && options.privileged !== false;

export async function runOnHost(connection: ConnectionId, argv: string[], options: HostCommandOptions): Promise<string> {
    try {
        return await transports().host.run(argv, { input: options.input, superuser: asRoot(connection, options) });
    } catch (error) {
        throw hostCommandError(argv, options.what, error);
    }
}

/** For long tools (image copies, migrations): their output as it comes, and cancel. */
export async function runOnHostStreaming(connection: ConnectionId, argv: string[], options: HostStreamingOptions): Promise<void> {
    try {
        await transports().host.runStreaming(argv, {
            input: options.input, superuser: asRoot(connection, options), onOutput: options.onOutput, signal: options.signal,
        });
    } catch (error) {
        throw hostCommandError(argv, options.what, error);
    }
}
