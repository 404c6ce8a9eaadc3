// The host side of export and import: a working directory beside the target, files written,
// measured and checksummed there, tar archives made, listed and unpacked with the host's tar.
// Archives are written under a temporary name and renamed once complete, so a failure or a
// cancel never leaves a partial file where the user looks.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { describeError, invalidInput } from "../libvirt/errors.ts";
import { runOnHost, runOnHostStreaming } from "./host-command.ts";
import { parentDirectory } from "./host-files.ts";

/** A working directory that lasts while its holder does; `release` removes it. */
export interface WorkDirectory {
    readonly path: string;
    release(): Promise<void>;
}

// Made, told and then held by a shell on the host that removes it when it ends: on release (the
// run is cancelled) and when its input closes because the page was closed or kvmm ended, so a
// transfer cut off midway leaves nothing behind either.
const HOLD_DIRECTORY = `d=$(mktemp -d -p "$1" .kvmm-work-XXXXXX) || exit 1
trap 'rm -rf -- "$d"' EXIT
trap 'exit 0' HUP INT TERM PIPE
echo "$d"
while read -r _; do :; done`;

/**
 * A new empty directory in `directory` (a hidden one: pools and file browsers skip it), private
 * to root, or with `privileged` false to the logged-in user.
 */
export async function holdWorkDirectory(conn: ConnectionId, directory: string, privileged = true): Promise<WorkDirectory> {
    const held = new AbortController();
    let told = "";
    let tellPath: (path: string) => void = () => undefined;
    const path = new Promise<string>(resolve => (tellPath = resolve));
    const running = runOnHostStreaming(conn, ["sh", "-c", HOLD_DIRECTORY, "sh", directory], {
        what: format(_("No working directory could be made in $0"), directory),
        privileged,
        signal: held.signal,
        onOutput: chunk => {
            told += chunk;
            if (told.includes("\n")) tellPath(told.slice(0, told.indexOf("\n")));
        },
    });
    const ended = running.then(() => {
        throw new Error(`the holder of a working directory in ${directory} ended at once`);
    });
    return {
        path: await Promise.race([path, ended]),
        async release() {
            held.abort();
            await running.catch(() => undefined);
        },
    };
}

/** Removes a working directory or a partial file; gone already is fine. */
export async function removeWorkPath(conn: ConnectionId, path: string): Promise<void> {
    if (!/\/\.kvmm-(work|part)-/.test(path)) throw new Error(`refusing to remove ${path}: not a working path`);
    await runOnHost(conn, ["rm", "-rf", "--", path], { what: format(_("$0 could not be removed"), path) });
}

export async function writeHostFile(conn: ConnectionId, path: string, content: string): Promise<void> {
    await runOnHost(conn, ["dd", `of=${path}`, "status=none"], { input: content, what: format(_("$0 could not be written"), path) });
}

export async function readHostFile(conn: ConnectionId, path: string): Promise<string> {
    return runOnHost(conn, ["cat", "--", path], { what: format(_("$0 could not be read"), path) });
}

export async function fileSize(conn: ConnectionId, path: string): Promise<number> {
    return Number((await runOnHost(conn, ["stat", "-L", "-c", "%s", "--", path], { what: format(_("$0 could not be read"), path) })).trim());
}

/** The files' digests (name → hex), names relative to `directory`. */
export async function fileDigests(conn: ConnectionId, directory: string, names: readonly string[], algorithm: "SHA1" | "SHA256"): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const tool = algorithm === "SHA1" ? "sha1sum" : "sha256sum";
    const out = await runOnHost(conn, [tool, "--", ...names.map(n => `${directory}/${n}`)], { what: _("The checksums could not be computed") });
    const digests = out.trim().split("\n").map(line => line.split(/\s+\*?/)[0] ?? "");
    return new Map(names.map((n, i) => [n, digests[i] ?? ""]));
}

/** A file the target does not hold yet is refused: export never overwrites. */
export async function checkNewFile(conn: ConnectionId, path: string): Promise<void> {
    if (!path.startsWith("/")) throw invalidInput(format(_("$0 is not an absolute path"), path));
    const out = await runOnHost(conn, ["sh", "-c", 'if [ -e "$1" ]; then echo exists; elif [ -d "$(dirname -- "$1")" ]; then echo free; else echo nodir; fi', "sh", path],
                                { what: format(_("$0 could not be checked"), path) });
    if (out.trim() === "exists") throw invalidInput(format(_("$0 already exists: choose another file name"), path));
    if (out.trim() === "nodir") throw invalidInput(format(_("The directory $0 does not exist"), parentDirectory(path)));
}

/**
 * Writes `members` of `directory` (in this order: an OVA's descriptor must come first) into the
 * tar `archive`, through a hidden partial file renamed at the end.
 */
export async function writeTar(conn: ConnectionId, archive: string, directory: string, members: readonly string[], signal?: AbortSignal): Promise<void> {
    const partial = `${parentDirectory(archive)}/.kvmm-part-${archive.split("/").pop() ?? "archive"}`;
    try {
        // ustar: the format the OVF specification names for OVA packages.
        await runOnHostStreaming(conn, ["tar", "--format=ustar", "-cf", partial, "-C", directory, "--", ...members],
                                 { what: format(_("$0 could not be written"), archive), signal, onOutput: () => undefined });
        await runOnHost(conn, ["mv", "-T", "--", partial, archive], { what: format(_("$0 could not be written"), archive) });
    } catch (error) {
        await removeWorkPath(conn, partial).catch(() => undefined);
        throw error;
    }
}

/** The archive's member names; a file that is no tar archive, or a truncated one, is refused in words. */
export async function listTar(conn: ConnectionId, archive: string): Promise<string[]> {
    try {
        const out = await runOnHost(conn, ["tar", "-tf", archive], { what: format(_("$0 could not be read"), archive) });
        return out.split("\n").filter(Boolean);
    } catch (error) {
        const e = describeError(error);
        if (e.kind === "permission") throw error;
        throw invalidInput(format(_("$0 is damaged or not a complete archive"), archive), e.detail);
    }
}

/** Unpacks the archive into `directory` (no owners from the archive; GNU tar drops "../" from names). */
export async function extractTar(conn: ConnectionId, archive: string, directory: string, signal?: AbortSignal): Promise<void> {
    try {
        await runOnHostStreaming(conn, ["tar", "-xf", archive, "-C", directory, "--no-same-owner", "--no-same-permissions"],
                                 { what: format(_("$0 could not be unpacked"), archive), signal, onOutput: () => undefined });
    } catch (error) {
        const e = describeError(error);
        if (e.kind === "permission" || e.kind === "cancelled") throw error;
        throw invalidInput(format(_("$0 is damaged or not a complete archive"), archive), e.detail);
    }
}
