// Creating a storage pool of any kind the page offers, with the checks that come before libvirt
// is asked: the form's fields, a name or device another pool has, a device that is mounted or
// held. Shared by the page and kvmm.
import { probeDevice } from "../host/block-devices.ts";
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { createPool, getStoragePool, listStoragePools } from "../libvirt/storage-pool-api.ts";
import type { PoolSpec, PoolType } from "../libvirt/storage-pool-xml.ts";

/**
 * An absolute path with "." and ".." resolved, repeated and trailing slashes dropped, as the
 * kernel would resolve it without symlinks: libvirt keeps a pool's path as written, and a path
 * with ".." in it would be shown, compared with other pools' and matched against disks as such.
 */
export function normalizePoolPath(path: string): string {
    const parts: string[] = [];
    for (const part of path.trim().split("/")) {
        if (part === "" || part === ".") continue;
        if (part === "..") parts.pop();
        else parts.push(part);
    }
    return `/${parts.join("/")}`;
}

/** Which fields each kind needs besides its name. */
export const POOL_FIELDS: Record<PoolType, readonly ("path" | "device" | "host" | "exportPath" | "volumeGroup" | "iqn")[]> = {
    dir: ["path"],
    fs: ["device", "path"],
    netfs: ["host", "exportPath", "path"],
    logical: ["volumeGroup", "device"],
    iscsi: ["host", "iqn"],
    disk: ["device"],
};

/** Kinds that "build" by formatting their source, which erases it. */
export const ERASING_BUILD: ReadonlySet<PoolType> = new Set(["fs", "logical", "disk"]);

const VG_NAME = /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]*$/;
const IQN = /^(iqn\.\d{4}-\d{2}\.[^\s]+|eui\.[0-9A-Fa-f]{16}|naa\.[0-9A-Fa-f]{16,32})$/;
const HOST = /^[A-Za-z0-9.:[\]_-]+$/;

const absolute = (path: string): boolean => path.trim().startsWith("/");

/** What is wrong with the form, in words, or null. */
export function poolSpecProblem(spec: PoolSpec): string | null {
    const name = spec.name.trim();
    if (!name) return _("Enter a name.");
    if (name.includes("/")) return _("A name cannot contain \"/\".");
    const fields = POOL_FIELDS[spec.type];
    if (fields.includes("path")) {
        if (!absolute(spec.path)) return _("Enter an absolute path, starting with \"/\".");
        if (normalizePoolPath(spec.path) === "/") return _("Choose a directory other than \"/\".");
    }
    if (fields.includes("host") && !HOST.test(spec.host.trim())) return _("Enter the server's host name or address.");
    if (spec.type === "netfs" && !absolute(spec.exportPath)) return _("Enter the exported directory, starting with \"/\".");
    if (spec.type === "iscsi" && !IQN.test(spec.iqn.trim())) return _("Enter the target's IQN, like iqn.2004-04.com.example:storage.");
    if (spec.type === "logical") {
        const vg = spec.volumeGroup.trim() || name;
        if (!VG_NAME.test(vg)) return _("A volume group's name has letters, digits and + _ . - only, and does not start with -.");
        if (spec.build && !absolute(spec.device)) return _("Enter the device for the new volume group, starting with /dev/.");
    } else if (fields.includes("device") && !absolute(spec.device)) {
        return _("Enter the block device, starting with /dev/.");
    }
    return null;
}

/** The spec as it is sent: trimmed, paths normalized, fields of other kinds cleared. */
export function cleanPoolSpec(spec: PoolSpec): PoolSpec {
    const fields = POOL_FIELDS[spec.type];
    const keep = (field: typeof fields[number], value: string): string => fields.includes(field) ? value.trim() : "";
    return {
        type: spec.type,
        name: spec.name.trim(),
        path: fields.includes("path") ? normalizePoolPath(spec.path) : "",
        device: keep("device", spec.device),
        host: keep("host", spec.host),
        exportPath: keep("exportPath", spec.exportPath),
        volumeGroup: keep("volumeGroup", spec.volumeGroup),
        iqn: keep("iqn", spec.iqn),
        build: spec.type === "dir" || (ERASING_BUILD.has(spec.type) && spec.build),
    };
}

/** A taken name is left to libvirt, whose refusal changes nothing and is put in words (errors.ts). */
async function checkAgainstOtherPools(conn: ConnectionId, spec: PoolSpec): Promise<void> {
    const pools = await Promise.all((await listStoragePools(conn)).map(path => getStoragePool(conn, path)));
    for (const pool of pools) {
        if (spec.device && pool.sourceDetails.devices.includes(spec.device))
            throw invalidInput(format(_("$0 is already the source of the storage pool $1"), spec.device, pool.name));
        if (spec.path && pool.targetPath === spec.path && spec.type !== "dir")
            throw invalidInput(format(_("$0 is already the directory of the storage pool $1"), spec.path, pool.name));
    }
}

async function checkDevice(conn: ConnectionId, spec: PoolSpec): Promise<void> {
    if (!spec.device || spec.type === "iscsi") return;
    const { use, content } = await probeDevice(conn, spec.device);
    if (use.state === "missing") throw invalidInput(format(_("There is no device $0 on this host"), spec.device));
    if (use.state === "not-block") throw invalidInput(format(_("$0 is not a block device"), spec.device));
    if (use.state === "mounted") throw invalidInput(format(_("$0 is in use: it is mounted on $1"), spec.device, use.mountPoint));
    if (use.state === "held") throw invalidInput(format(_("$0 is in use by another device (a volume group, RAID or mapped device, or a mounted partition)"), spec.device));
    // Without building, an fs pool needs a file system to mount and an LVM pool its volume group.
    if (!spec.build && spec.type === "fs" && !content)
        throw invalidInput(format(_("$0 has no file system: choose to format it"), spec.device));
}

/** Checks, then defines, builds, starts and autostarts the pool; resolves to its object path. */
export async function createStoragePool(conn: ConnectionId, given: PoolSpec): Promise<string> {
    const problem = poolSpecProblem(given);
    if (problem) throw invalidInput(problem);
    const spec = cleanPoolSpec(given);
    await checkAgainstOtherPools(conn, spec);
    await checkDevice(conn, spec);
    return createPool(conn, spec);
}
