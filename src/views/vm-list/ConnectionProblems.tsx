// What is wrong with a libvirt connection, and what the user can do about it.


import type { DescribedError } from "../../lib/described-error.ts";
import { _ } from "../../lib/i18n.ts";
import { type ConnectionId, connectionLabel } from "../../libvirt/connection.ts";
import type { ConnectionStatus } from "../../state/vm-types.ts";
import { Notice } from "../common/Notice.tsx";

export function remedy(error: DescribedError): string {
    switch (error.kind) {
    case "permission": return _("Turn on administrative access in the top bar, or ask an administrator to add you to the libvirt group.");
    case "daemon-down": return _("Start it with \"systemctl start libvirtd\". This page reconnects by itself once it runs.");
    case "unavailable": return _("Install the libvirt-dbus package and make sure the D-Bus system bus runs.");
    case "timeout": return _("libvirtd may be busy or stuck. This page keeps trying.");
    case "not-found":
    case "invalid":
    case "cancelled":
    case "libvirt": return _("This page keeps trying.");
    }
}

export function ConnectionProblems({ connections }: { connections: ReadonlyMap<ConnectionId, ConnectionStatus> }) {
    return (
        <>
            {[...connections].map(([id, status]) => status.state === "failed" && (
                <Notice key={id} variant="danger" isInline className="connection-problem" data-connection={id} data-kind={status.error.kind}
                       title={`${status.error.summary} (${connectionLabel(id)})`}>
                    <p>{remedy(status.error)}</p>
                    <p className="error-detail">{status.error.detail}</p>
                </Notice>
            ))}
        </>
    );
}
