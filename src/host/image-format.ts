// What a disk image on the host holds (raw, qcow2, vmdk, …), read by qemu-img rather than
// guessed from its file name: booting a qcow2 file as raw (or the reverse) gives a guest with
// an unreadable disk.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { describeError, invalidInput } from "../libvirt/errors.ts";
import { runOnHost } from "./host-command.ts";
import { parseImageInfo } from "./qemu-img.ts";

/** The image's format; refuses (as bad input) a file that does not exist or is no image. */
export async function probeImageFormat(connection: ConnectionId, path: string): Promise<string> {
    let output: string;
    try {
        // -U: the image may be in use by a running VM (e.g. a template); only its header is read.
        output = await runOnHost(connection, ["qemu-img", "info", "-U", "--output=json", "--", path],
                                 { what: format(_("$0 could not be read as a disk image"), path) });
    } catch (error) {
        const e = describeError(error);
        if (e.kind === "permission") throw error;
        throw invalidInput(e.summary, e.detail);
    }
    const found = parseImageInfo(output)?.format;
    if (!found) throw invalidInput(format(_("$0 could not be read as a disk image"), path), output.slice(0, 200));
    return found;
}
