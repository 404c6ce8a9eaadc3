// Whether a block device can be given to a new storage pool: it must exist, be a block device,
// not be mounted and not be held by another device (a VG's PV in use, a RAID member, a partition
// table's partitions in use). What is on it is told too, since building the pool erases it.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHost } from "./host-command.ts";

export type DeviceUse =
    | { state: "missing" | "not-block" | "held" | "free" }
    | { state: "mounted"; mountPoint: string };

export interface DeviceProbe {
    use: DeviceUse;
    /** blkid's TYPE of what is on it (ext4, LVM2_member, …), "" when nothing is known. */
    content: string;
}

const SCRIPT = `dev=$(readlink -f -- "$1")
[ -e "$dev" ] || { echo missing; exit 0; }
[ -b "$dev" ] || { echo not-block; exit 0; }
echo "content $(blkid -o value -s TYPE -- "$dev" 2>/dev/null)"
mnt=$(findmnt -rn -o TARGET -S "$dev" 2>/dev/null | head -n 1)
[ -n "$mnt" ] && { echo "mounted $mnt"; exit 0; }
for h in /sys/class/block/"$(basename "$dev")"/holders/*; do [ -e "$h" ] && { echo held; exit 0; }; done
for p in /sys/class/block/"$(basename "$dev")"/*/partition; do
  [ -e "$p" ] || continue
  part=/dev/$(basename "$(dirname "$p")")
  findmnt -rn -S "$part" >/dev/null 2>&1 && { echo held; exit 0; }
done
echo free`;

/** The script's answer: a "content" line, then the state. */
export function parseDeviceProbe(out: string): DeviceProbe {
    let content = "";
    let use: DeviceUse = { state: "free" };
    for (const line of out.split("\n").map(l => l.trim()).filter(Boolean)) {
        if (line.startsWith("content")) content = line.slice("content".length).trim();
        else if (line.startsWith("mounted ")) use = { state: "mounted", mountPoint: line.slice("mounted ".length) };
        else if (line === "missing" || line === "not-block" || line === "held" || line === "free") use = { state: line };
    }
    return { use, content };
}

export async function probeDevice(conn: ConnectionId, device: string): Promise<DeviceProbe> {
    const out = await runOnHost(conn, ["sh", "-c", SCRIPT, "sh", device], { what: format(_("$0 could not be checked"), device) });
    return parseDeviceProbe(out);
}
