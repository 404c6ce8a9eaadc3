// Finding and fetching a network install tree's kernel and initrd with curl on the host:
// .treeinfo first, then the known layouts. Probes run as the user; only the download into
// libvirt's boot directory needs root.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { HostCommandError, runOnHost } from "./host-command.ts";
import { installCmdline, KNOWN_LAYOUTS, treeBaseUrl, treeinfoLayout, type TreeLayout } from "./install-tree.ts";

export interface InstallTree {
    kernelUrl: string;
    initrdUrl: string;
    cmdline: string;
}

/** curl's exit status for an HTTP error answer (404 and the like): the server was reached. */
const CURL_HTTP_ERROR = 22;
const CURL = ["curl", "--fail", "--silent", "--show-error", "--location", "--proto", "=http,https,ftp", "--max-time", "30"];

function isHttpError(error: unknown): boolean {
    return error instanceof HostCommandError && error.exitStatus === CURL_HTTP_ERROR;
}

function unreachable(base: string, error: unknown): Error {
    const detail = error instanceof HostCommandError ? error.described.detail : String(error);
    return invalidInput(format(_("The installation tree at $0 cannot be reached."), base), detail);
}

/** What the tree's .treeinfo names; null when it has none (or names no x86_64 images). */
async function treeinfo(connection: ConnectionId, base: string): Promise<TreeLayout | null> {
    try {
        return treeinfoLayout(await runOnHost(connection, [...CURL, "--", `${base}.treeinfo`], { what: base, privileged: false }));
    } catch (error) {
        if (isHttpError(error)) return null;
        throw unreachable(base, error);
    }
}

async function exists(connection: ConnectionId, base: string, path: string): Promise<boolean> {
    try {
        await runOnHost(connection, [...CURL, "--head", "--output", "/dev/null", "--", base + path], { what: base, privileged: false });
        return true;
    } catch (error) {
        if (isHttpError(error)) return false;
        throw unreachable(base, error);
    }
}

/** The tree's kernel, initrd and first-boot arguments; refuses an unreachable URL or a tree without them. */
export async function findInstallTree(connection: ConnectionId, url: string, extraArgs: string): Promise<InstallTree> {
    const base = treeBaseUrl(url);
    if (!base) throw invalidInput(_("The installation tree must be an http://, https:// or ftp:// URL."));
    const described = await treeinfo(connection, base);
    const candidates = described ? [described] : KNOWN_LAYOUTS;
    for (const c of candidates) {
        if (await exists(connection, base, c.kernel) && await exists(connection, base, c.initrd))
            return { kernelUrl: base + c.kernel, initrdUrl: base + c.initrd, cmdline: installCmdline(c, base, extraArgs) };
    }
    throw invalidInput(format(_("No installer kernel and initrd were found at $0."), base),
                       format(_("Looked for .treeinfo and for $0."), candidates.map(c => c.kernel).join(", ")));
}

/** Downloads `url` to `target` (a new file in libvirt's boot directory, made if missing). */
export async function downloadBootFile(connection: ConnectionId, url: string, target: string): Promise<void> {
    const what = format(_("$0 could not be downloaded"), url);
    await runOnHost(connection, ["mkdir", "-p", "--", target.slice(0, target.lastIndexOf("/"))], { what });
    // curl would only say "Failure writing output": touch names the reason (e.g. permission denied).
    await runOnHost(connection, ["touch", "--", target], { what });
    await runOnHost(connection, ["curl", "--fail", "--silent", "--show-error", "--location", "--proto", "=http,https,ftp",
        "--max-time", "1800", "--output", target, "--", url], { what });
}

export async function removeHostFiles(connection: ConnectionId, paths: string[]): Promise<void> {
    if (paths.length > 0) await runOnHost(connection, ["rm", "-f", "--", ...paths], { what: _("The installer's kernel and initrd could not be removed") });
}
