// Turns D-Bus and libvirt failures into messages a person understands, keeping libvirt's text.
import type { DescribedError } from "../lib/described-error.ts";
import { _, format } from "../lib/i18n.ts";

export class LibvirtError extends Error {
    readonly described: DescribedError;

    constructor(described: DescribedError) {
        super(described.detail ? `${described.summary}: ${described.detail}` : described.summary);
        this.name = "LibvirtError";
        this.described = described;
    }
}

/** An operation the user cancelled; what it made is removed, as after a failure. */
export class OperationCancelled extends LibvirtError {
    constructor() {
        super({ kind: "cancelled", summary: _("Cancelled"), detail: "" });
    }
}

interface ErrorLike { name?: unknown; message?: unknown; problem?: unknown }

const DAEMON_DOWN = [
    "Failed to connect socket",
    "Cannot recv data",
    "client socket is closed",
    "End of file while reading data",
    "internal error: client socket",
    "no connection driver available",
    "Broken pipe",
];

/** Refusals met when creating or starting networks and pools, put in words (libvirt's text stays the detail). */
const REFUSALS: readonly { pattern: RegExp; summary: (name: string) => string }[] = [
    { pattern: /network '([^']+)' already exists/, summary: name => format(_("A network named $0 already exists"), name) },
    { pattern: /bridge name '([^']+)' already in use/, summary: name => format(_("Another network already uses the bridge device $0: choose another bridge name"), name) },
    {
        pattern: /Network is already in use by interface (\S+)/,
        summary: name => format(_("Its addresses overlap a network the host already has on $0: choose another subnet"), name),
    },
    { pattern: /no storage pool with matching name '([^']+)'/, summary: name => format(_("There is no storage pool named $0"), name) },
    { pattern: /pool '([^']+)' already exists/, summary: name => format(_("A storage pool named $0 already exists"), name) },
    { pattern: /Storage source conflict with pool: '([^']+)'/, summary: name => format(_("The storage pool $0 already uses this directory"), name) },
];

export function describeError(error: unknown): DescribedError {
    if (error instanceof LibvirtError) return error.described;
    const e: ErrorLike = typeof error === "object" && error !== null ? error : {};
    const name = typeof e.name === "string" ? e.name : "";
    const problem = typeof e.problem === "string" ? e.problem : "";
    const detail = typeof e.message === "string" ? e.message : String(error);

    if (name === "org.freedesktop.DBus.Error.AccessDenied" || problem === "access-denied" || problem === "authentication-failed")
        return { kind: "permission", summary: _("Permission denied: turn on administrative access"), detail };
    if (name === "org.freedesktop.DBus.Error.ServiceUnknown" || name === "org.freedesktop.DBus.Error.NameHasNoOwner" ||
        name.startsWith("org.freedesktop.DBus.Error.Spawn") || problem === "not-found")
        return { kind: "unavailable", summary: _("The libvirt D-Bus service (libvirt-dbus) is not available"), detail };
    if (name === "org.freedesktop.DBus.Error.NoReply" || name === "org.freedesktop.DBus.Error.Timeout" || problem === "timeout")
        return { kind: "timeout", summary: _("libvirt did not answer in time"), detail };
    if (problem === "disconnected" || problem === "terminated")
        return { kind: "unavailable", summary: _("The connection to the host was lost"), detail };
    if (DAEMON_DOWN.some(text => detail.includes(text)))
        return { kind: "daemon-down", summary: _("libvirtd is not running"), detail };
    if (name === "org.freedesktop.DBus.Error.UnknownObject" || name === "org.freedesktop.DBus.Error.UnknownMethod" ||
        /Domain not found|no domain with matching/.test(detail))
        return { kind: "not-found", summary: _("The virtual machine no longer exists"), detail };
    if (/access denied|Permission denied|authentication unavailable|not authorized/i.test(detail))
        return { kind: "permission", summary: _("Permission denied: turn on administrative access"), detail };
    for (const { pattern, summary } of REFUSALS) {
        const match = pattern.exec(detail);
        if (match?.[1] !== undefined) return { kind: "libvirt", summary: summary(match[1]), detail };
    }
    return { kind: "libvirt", summary: _("libvirt reported an error"), detail };
}

export function toLibvirtError(error: unknown): LibvirtError {
    return error instanceof LibvirtError ? error : new LibvirtError(describeError(error));
}

/** Bad input caught before anything was sent to libvirt. */
export function invalidInput(problem: string, detail = ""): LibvirtError {
    return new LibvirtError({ kind: "invalid", summary: problem, detail });
}
