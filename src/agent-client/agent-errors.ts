// Errors of the agent client, in words a user can act on.
import { ERROR_CODES, type RpcErrorObject } from "../../agent/src/protocol.ts";
import { _, format } from "../lib/i18n.ts";

export type AgentErrorKind =
    | "rpc" | "timeout" | "closed" | "busy-channel" | "no-admin" | "unavailable" | "cancelled" | "checksum" | "too-large";

export class AgentError extends Error {
    constructor(readonly kind: AgentErrorKind, message: string, readonly rpc?: RpcErrorObject) {
        super(message);
        this.name = "AgentError";
    }

    get disabled(): boolean {
        return this.rpc?.code === ERROR_CODES.MethodDisabled;
    }
}

/** The agent's own error, with a sentence in front for the codes a user meets. */
export function rpcError(method: string, error: RpcErrorObject): AgentError {
    const intro: Partial<Record<number, string>> = {
        [ERROR_CODES.MethodDisabled]: _("The guest agent's configuration does not allow this."),
        [ERROR_CODES.PathNotAllowed]: _("The guest agent may not access this path."),
        [ERROR_CODES.NotFound]: _("Not found in the guest."),
        [ERROR_CODES.ChecksumMismatch]: _("The data arrived damaged."),
        [ERROR_CODES.CommandFailed]: _("The command could not run in the guest."),
        [ERROR_CODES.PermissionDenied]: _("Permission denied in the guest."),
        [ERROR_CODES.AlreadyExists]: _("The file already exists in the guest."),
    };
    const first = intro[error.code];
    const text = first ? `${first} ${error.message}` : format(_("The guest agent failed $0: $1"), method, error.message);
    return new AgentError("rpc", text, error);
}

/** The channel closed with Cockpit's problem code. */
export function closedError(problem: string | undefined, message: string | undefined): AgentError {
    if (problem === "access-denied" || problem === "not-authorized") {
        return new AgentError("no-admin", _("Talking to the guest agent needs administrative access. Switch to administrative access in the top bar."));
    }
    if (problem === "not-found") return new AgentError("unavailable", _("The agent's channel socket does not exist. Is the virtual machine running?"));
    if (problem) return new AgentError("closed", format(_("The connection to the guest agent closed: $0"), message ?? problem));
    return new AgentError("closed", _("The connection to the guest agent closed."));
}
