// Adds a VNC display to a VM's saved configuration. Graphics cannot be hot-plugged, so the
// saved XML is rewritten and defined again; a running VM gets the display at its next start.
import type { ConnectionId } from "./connection.ts";
import { defineDomain, getDomainXml } from "./domain-api.ts";
import { addVncToDomainXml } from "./vnc-graphics-xml.ts";

const XML_SECURE = 1;
const XML_INACTIVE = 2;

/** Adds a VNC display (and a video device if missing) to the saved configuration of the VM. */
export async function addVncGraphics(connection: ConnectionId, path: string): Promise<void> {
    const xml = await getDomainXml(connection, path, XML_INACTIVE | XML_SECURE);
    await defineDomain(connection, addVncToDomainXml(xml));
}
