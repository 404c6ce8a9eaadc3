// Running a tool on the host the page is opened for (qemu's images and libvirt's directories
// belong to root: with administrative access the bridge runs it as root), with failures said
// in plain words and the tool's own message attached.
import { _, format } from "../lib/i18n.ts";
import { type HostRunFailure, transports } from "../lib/transports.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { describeError, LibvirtError } from "../libvirt/errors.ts";

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

export async function runOnHost(connection: ConnectionId, argv: string[], options: HostCommandOptions): Promise<string> {
    const root = connection === "system" && options.privileged !== false;
    try {
        return await transports().host.run(argv, { input: options.input, superuser: root });
    } catch (error) {
        const e: HostRunFailure = typeof error === "object" && error !== null ? error : {};
        const message = (e.message ?? String(error)).trim();
        if (e.problem === "not-found")
            throw new HostCommandError(format(_("$0 is not installed on the host"), argv[0] ?? ""), message, undefined);
        const described = describeError(error);
        if (described.kind === "permission" || /permission denied|operation not permitted/i.test(message))
            throw new HostCommandError(`${options.what}: ${_("permission denied. Turn on administrative access.")}`, message, e.exit_status ?? undefined, "permission");
        throw new HostCommandError(options.what, message, e.exit_status ?? undefined);
    }
}
