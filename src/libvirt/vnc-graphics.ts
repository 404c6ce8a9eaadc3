// Adds a VNC display to a VM's saved configuration. Graphics cannot be hot-plugged, so the
// saved XML is rewritten and defined again; a running VM gets the display at its next start.
import type { ConnectionId } from "./connection.ts";
import { defineDomain, getDomainXml, XmlFlags } from "./domain-api.ts";
import { addVncToDomainXml } from "./vnc-graphics-xml.ts";


/** Adds a VNC display (and a video device if missing) to the saved configuration of the VM. */
export async function addVncGraphics(connection: ConnectionId, path: string): Promise<void> {
    const xml = await getDomainXml(connection, path, XmlFlags.Inactive | XmlFlags.Secure);
    await defineDomain(connection, addVncToDomainXml(xml));
}
