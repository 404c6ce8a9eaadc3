// VM snapshots through org.libvirt.Domain and org.libvirt.DomainSnapshot.
import { call, type ConnectionId, DOMAIN_IFACE } from "./connection.ts";
import { parseSnapshotXml, type SnapshotInfo } from "./snapshot-xml.ts";

const SNAPSHOT_IFACE = "org.libvirt.DomainSnapshot";

/** Saving or loading a running guest's memory takes as long as writing it out: minutes on a slow disk. */
const SNAPSHOT_TIMEOUT_MS = 15 * 60_000;

export interface Snapshot extends SnapshotInfo {
    /** libvirt-dbus object path. */
    path: string;
    /** The snapshot the VM's current state descends from. */
    current: boolean;
}

/** How many snapshots the VM has, without reading each. */
export async function countSnapshots(conn: ConnectionId, domainPath: string): Promise<number> {
    const [paths] = await call<[string[]]>(conn, domainPath, DOMAIN_IFACE, "ListDomainSnapshots", [0], "u");
    return paths.length;
}

export async function listSnapshots(conn: ConnectionId, domainPath: string): Promise<Snapshot[]> {
    const [paths] = await call<[string[]]>(conn, domainPath, DOMAIN_IFACE, "ListDomainSnapshots", [0], "u");
    return await Promise.all(paths.map(async path => {
        const [[xml], [current]] = await Promise.all([
            call<[string]>(conn, path, SNAPSHOT_IFACE, "GetXMLDesc", [0], "u"),
            call<[boolean]>(conn, path, SNAPSHOT_IFACE, "IsCurrent", [0], "u"),
        ]);
        return { ...parseSnapshotXml(xml), path, current };
    }));
}

/** The snapshot's description, with the VM's definition as it was when it was taken (passwords kept). */
export async function getSnapshotXml(conn: ConnectionId, path: string): Promise<string> {
    const SECURE = 1;
    const [xml] = await call<[string]>(conn, path, SNAPSHOT_IFACE, "GetXMLDesc", [SECURE], "u");
    return xml;
}

export async function createSnapshot(conn: ConnectionId, domainPath: string, xml: string): Promise<void> {
    await call(conn, domainPath, DOMAIN_IFACE, "SnapshotCreateXML", [xml, 0], "su", SNAPSHOT_TIMEOUT_MS);
}

/** Back to the snapshot's disks, and to its memory and run state where it has them. */
export async function revertToSnapshot(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, SNAPSHOT_IFACE, "Revert", [0], "u", SNAPSHOT_TIMEOUT_MS);
}

/** Deletes one snapshot; its children then descend from its parent. */
export async function deleteSnapshot(conn: ConnectionId, path: string): Promise<void> {
    await call(conn, path, SNAPSHOT_IFACE, "Delete", [0], "u", SNAPSHOT_TIMEOUT_MS);
}
