// Bytes into a storage volume: an uploaded file written over the (new) volume libvirt made, with
// dd as root, its progress as dd reports it, and an end on request.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHostStreaming } from "./host-command.ts";

/** The last byte count of `dd status=progress` output ("123456789 bytes (123 MB) copied, …"). */
export function lastDdBytes(output: string): number | undefined {
    const all = [...output.matchAll(/(\d+) bytes/g)];
    const last = all.at(-1);
    return last ? Number(last[1]) : undefined;
}

export async function writeIntoVolume(conn: ConnectionId, source: string, target: string,
                                      control: { onBytes?: (done: number) => void; signal?: AbortSignal | undefined }): Promise<void> {
    // notrunc: a block volume cannot be truncated, a file volume keeps the size libvirt gave it.
    await runOnHostStreaming(conn, ["dd", `if=${source}`, `of=${target}`, "bs=4M", "conv=notrunc,fsync", "status=progress"], {
        what: format(_("$0 could not be written into $1"), source, target),
        signal: control.signal,
        onOutput: chunk => {
            const done = lastDdBytes(chunk);
            if (done !== undefined) control.onBytes?.(done);
        },
    });
}
