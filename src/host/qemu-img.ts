// Disk images through qemu-img, the standard tool: what an image holds, and copies between
// formats (clone, export, import) with their progress as qemu-img reports it and an end on
// request. The caller owns the target: it removes it after a failure or a cancel.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHost, runOnHostStreaming } from "./host-command.ts";

export interface ImageInfo {
    format: string;
    /** Bytes the guest sees. */
    virtualSize: number;
    /** Bytes the file takes on the host. */
    actualSize: number;
    backingFile?: string;
    /** Names of the internal (qcow2) snapshots. */
    snapshots: string[];
}

interface QemuImgInfo {
    format?: unknown;
    "virtual-size"?: unknown;
    "actual-size"?: unknown;
    "backing-filename"?: unknown;
    snapshots?: { name?: unknown }[];
}

/** `qemu-img info --output=json`; undefined when the text is not such a description. */
export function parseImageInfo(json: string): ImageInfo | undefined {
    let info: QemuImgInfo;
    try {
        info = JSON.parse(json) as QemuImgInfo;
    } catch {
        return undefined;
    }
    if (typeof info !== "object" || typeof info.format !== "string" || !/^[a-z0-9]+$/.test(info.format)) return undefined;
    const parsed: ImageInfo = {
        format: info.format,
        virtualSize: Number(info["virtual-size"] ?? 0),
        actualSize: Number(info["actual-size"] ?? 0),
        snapshots: (info.snapshots ?? []).map(s => s.name).filter((n): n is string => typeof n === "string" && n !== ""),
    };
    if (typeof info["backing-filename"] === "string") parsed.backingFile = info["backing-filename"];
    return parsed;
}

export async function imageInfo(connection: ConnectionId, path: string): Promise<ImageInfo> {
    const what = format(_("$0 could not be read as a disk image"), path);
    // -U: the image may be open in a running VM; only its metadata is read.
    const output = await runOnHost(connection, ["qemu-img", "info", "-U", "--output=json", "--", path], { what });
    const info = parseImageInfo(output);
    if (!info) throw new Error(`${what}: ${output.slice(0, 200)}`);
    return info;
}

export interface ImageCopy {
    source: string;
    /** Probed by qemu-img when not given (never for raw sources: see qemu-img's warning). */
    sourceFormat?: string;
    /** Read this internal (qcow2) snapshot of the source instead of its current state. */
    snapshot?: string;
    target: string;
    targetFormat: string;
    /** qemu-img's -o, e.g. { subformat: "streamOptimized" }. */
    targetOptions?: Record<string, string>;
    /** Compressed clusters (qcow2, vmdk streamOptimized). */
    compress?: boolean;
    /** Write into an existing file of the right size (a volume libvirt made) instead of creating it. */
    targetExists?: boolean;
}

export interface ByteProgressControl {
    onBytes?: (done: number, total: number) => void;
    signal?: AbortSignal | undefined;
}

/** qemu-img's -o value: commas inside a value are doubled, as its option parser wants. */
function optionList(options: Record<string, string>): string {
    return Object.entries(options).map(([k, v]) => `${k}=${v.replace(/,/g, ",,")}`).join(",");
}

export function convertArgv(copy: ImageCopy): string[] {
    const argv = ["qemu-img", "convert", "-p"];
    // Only a snapshot is read from a running VM's image: its clusters are never written again.
    if (copy.snapshot !== undefined) argv.push("-U", "-l", `snapshot.name=${copy.snapshot}`);
    if (copy.sourceFormat) argv.push("-f", copy.sourceFormat);
    argv.push("-O", copy.targetFormat);
    if (copy.targetOptions && Object.keys(copy.targetOptions).length > 0) argv.push("-o", optionList(copy.targetOptions));
    if (copy.compress) argv.push("-c");
    if (copy.targetExists) argv.push("-n");
    argv.push("--", copy.source, copy.target);
    return argv;
}

/** The last percentage in `qemu-img convert -p` output ("    (12.34/100%)\r"), or undefined. */
export function lastPercent(output: string): number | undefined {
    const all = [...output.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
    const last = all.at(-1);
    return last ? Number(last[1]) : undefined;
}

/** Copies the image; the byte counts are qemu-img's percentage of the source's virtual size. */
export async function copyImage(connection: ConnectionId, copy: ImageCopy, control: ByteProgressControl = {}): Promise<void> {
    const total = control.onBytes ? (await imageInfo(connection, copy.source)).virtualSize : 0;
    await runOnHostStreaming(connection, convertArgv(copy), {
        what: format(_("$0 could not be copied to $1"), copy.source, copy.target),
        signal: control.signal,
        onOutput: chunk => {
            const percent = lastPercent(chunk);
            if (percent !== undefined) control.onBytes?.(Math.round(total * percent / 100), total);
        },
    });
}

/**
 * Points a qcow2 image at another backing file without reading either (`rebase -u`): for images
 * that hold only the clusters changed since that file, as incremental backups do.
 */
export async function setBackingFile(connection: ConnectionId, image: string, backing: string): Promise<void> {
    await runOnHost(connection, ["qemu-img", "rebase", "-u", "-f", "qcow2", "-b", backing, "-F", "qcow2", "--", image],
                    { what: format(_("$0 could not be given its backing file"), image) });
}
