// kvmm tag …, kvmm folder … and list's --tag/--folder: their words and options into commands.
import type { TagColour } from "../libvirt/kvmm-metadata.ts";
import { checkMarkName, parseTagSpec } from "../operations/vm-marks.ts";
import { UsageError } from "./usage-error.ts";

export type MarkCommand =
    | { kind: "tag"; vm: string; add: { name: string; colour?: TagColour }[]; remove: string[] }
    /** folder: a name to set, null to take the VM out of its folder, undefined to show it. */
    | { kind: "folder"; vm: string; folder?: string | null };

export const MARK_VALUE_OPTIONS = ["--tag", "--folder", "--add", "--remove"];
export const MARK_FLAG_OPTIONS = ["--none"];
export const MARK_COMMAND_OPTIONS: Record<string, readonly string[]> = { tag: ["--add", "--remove"], folder: ["--none"] };

const TAG_USAGE = "usage: kvmm tag VM [--add TAG[:COLOUR]]... [--remove TAG]...";
const FOLDER_USAGE = "usage: kvmm folder VM [NAME|--none]";

/** A tag or folder name checked as the page checks it, refused as a usage error. */
function markName<T>(check: () => T): T {
    try {
        return check();
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
}

/** list's --tag (repeated: all of them) and --folder. */
export function listMarkFilters(options: Map<string, string>, repeated: Map<string, string[]>): { tags?: string[]; folder?: string } {
    const tags = repeated.get("--tag")?.map(t => markName(() => checkMarkName(t, "tag")));
    const folder = options.get("--folder");
    return { ...(tags ? { tags } : {}), ...(folder !== undefined ? { folder: markName(() => checkMarkName(folder, "folder")) } : {}) };
}

export function markCommand(verb: "tag" | "folder", rest: string[], options: Map<string, string>, repeated: Map<string, string[]>): MarkCommand {
    const [vm, name, ...extra] = rest;
    if (verb === "tag") {
        if (vm === undefined || name !== undefined) throw new UsageError(TAG_USAGE);
        return {
            kind: "tag", vm,
            add: (repeated.get("--add") ?? []).map(spec => markName(() => parseTagSpec(spec))),
            remove: (repeated.get("--remove") ?? []).map(tag => markName(() => checkMarkName(tag, "tag"))),
        };
    }
    if (vm === undefined || extra.length > 0 || (name !== undefined && options.has("--none"))) throw new UsageError(FOLDER_USAGE);
    if (options.has("--none")) return { kind: "folder", vm, folder: null };
    return { kind: "folder", vm, ...(name === undefined ? {} : { folder: markName(() => checkMarkName(name, "folder")) }) };
}
