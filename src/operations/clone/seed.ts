// The clone's cloud-init seed: the source's user-data (or the one given) with the clone's host
// name, and new meta-data whose instance-id makes cloud-init in the guest run its per-instance
// set-up again (new SSH host keys, the host name, a new machine-id where the image resets it).
import { isMap, parseDocument } from "yaml";

import { readSeedUserData } from "../../host/clone-files.ts";
import { writeNoCloudSeed } from "../../host/cloud-init-seed.ts";
import { _, format } from "../../lib/i18n.ts";
import { plainName } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { buildMetaData, hostnameFor } from "../create-vm/cloud-init.ts";
import type { OperationControl } from "../progress.ts";

/** What a seed image's file name ends with (Create VM names it so); its CD-ROM is the seed. */
export const SEED_SUFFIX = "-cidata.iso";

export function isSeedPath(path: string | undefined): boolean {
    return path?.endsWith(SEED_SUFFIX) === true;
}

/**
 * A #cloud-config document with the clone's host name where it names one (user-data's hostname
 * wins over meta-data's), comments and the rest as they were; a script (#!) is left as it is.
 */
export function userDataForClone(userData: string, hostname: string): string {
    if (!userData.startsWith("#cloud-config")) return userData;
    const doc = parseDocument(userData);
    if (doc.errors.length > 0 || !isMap(doc.contents) || !(doc.has("hostname") || doc.has("fqdn"))) return userData;
    if (doc.has("hostname")) doc.set("hostname", hostname);
    const fqdn = doc.get("fqdn");
    if (typeof fqdn === "string") {
        const domain = fqdn.includes(".") ? fqdn.slice(fqdn.indexOf(".")) : "";
        doc.set("fqdn", hostname + domain);
    }
    return doc.toString();
}

/** user-data for a seed whose source could not be read: the host name only (the disk already has the users). */
export function minimalUserData(hostname: string): string {
    return `#cloud-config\nhostname: ${hostname}\n`;
}

/** Writes the clone's seed into the (new, empty) file `target`; `userData`, when given, is used as it is. */
export async function writeCloneSeed(connection: ConnectionId, sourceSeed: string, target: string, name: string,
                                     userData: string | undefined, control: OperationControl): Promise<void> {
    const hostname = hostnameFor(name);
    let documentText = userData;
    if (documentText === undefined) {
        const read = await readSeedUserData(connection, sourceSeed);
        if (read === undefined) control.onProgress?.(format(_("The cloud-init user data of $0 could not be read: the clone's seed sets only its host name"), sourceSeed));
        documentText = read === undefined ? minimalUserData(hostname) : userDataForClone(read, hostname);
    }
    await writeNoCloudSeed(connection, target, {
        "user-data": documentText,
        "meta-data": buildMetaData(`${plainName(name)}-${Date.now().toString(36)}`, hostname),
    });
}
