// Stand-in for the lead's src/host/qemu-img.ts (CONTRACT.md), same names and shapes, until it is
// on main: qemu-img info and convert without byte progress. Replaced by main's at the merge.
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHost } from "./host-command.ts";

export interface ImageInfo { format: string; virtualSize: number; actualSize: number; backingFile?: string; snapshots: string[] }

export async function imageInfo(conn: ConnectionId, path: string): Promise<ImageInfo> {
    const out = await runOnHost(conn, ["qemu-img", "info", "-U", "--output=json", "--", path], { what: `qemu-img info ${path}` });
    const j = JSON.parse(out) as { format: string; "virtual-size": number; "actual-size"?: number; "backing-filename"?: string; snapshots?: { name: string }[] };
    return {
        format: j.format, virtualSize: j["virtual-size"], actualSize: j["actual-size"] ?? 0,
        ...(j["backing-filename"] ? { backingFile: j["backing-filename"] } : {}), snapshots: (j.snapshots ?? []).map(s => s.name),
    };
}

export interface ImageCopy {
    source: string; sourceFormat?: string;
    snapshot?: string;
    target: string; targetFormat: string;
    targetOptions?: Record<string, string>;
    compress?: boolean;
    targetExists?: boolean;
}
export interface ByteProgressControl { onBytes?: (done: number, total: number) => void; signal?: AbortSignal }

export async function copyImage(conn: ConnectionId, copy: ImageCopy, control: ByteProgressControl): Promise<void> {
    const options = Object.entries(copy.targetOptions ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
    await runOnHost(conn, [
        "qemu-img", "convert", "-U",
        ...(copy.sourceFormat ? ["-f", copy.sourceFormat] : []),
        ...(copy.snapshot ? ["-l", `snapshot.name=${copy.snapshot}`] : []),
        "-O", copy.targetFormat, ...(options ? ["-o", options] : []), ...(copy.compress ? ["-c"] : []), ...(copy.targetExists ? ["-n"] : []),
        "--", copy.source, copy.target,
    ], { what: `qemu-img convert ${copy.source}` });
    control.onBytes?.(1, 1);
}
